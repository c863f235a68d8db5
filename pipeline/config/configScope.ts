import type { Condition } from '../types.ts';

/** A problem in cohort.json at a JSON Pointer, before it is given a line. */
export interface ConfigProblem {
  pointer: string;
  severity: 'error' | 'warning';
  message: string;
  /** The finding's code (default `config.invalid`); a warning names what it warns of, for accepted.csv. */
  code?: string;
}

/**
 * What cohort.json defines, for the checks a schema cannot make: an analysis checks that the names its
 * block uses refer to something defined (analysis.config.check), through this.
 */
export interface ConfigScope {
  /** Records an error at the JSON Pointer. */
  error(pointer: string, message: string): void;
  /** Checks that a condition names defined variables, their terms and fitting comparisons. */
  checkCondition(condition: Condition, pointer: string): void;
  /** Each column's type and each derived variable's type, by name. */
  kindOf: ReadonlyMap<string, string>;
  /** The ids of cohort.json `statistics`. */
  statisticIds: ReadonlySet<string>;
  /** `; did you mean "x"?` for the closest of `known`, or ''. */
  hint(name: string, known: Iterable<string>): string;
}
