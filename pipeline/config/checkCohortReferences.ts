import { closestMatch } from '../parse/closestMatch.ts';
import { excerpt } from '../parse/excerpt.ts';
import { isDurationUnit } from '../parse/parseDuration.ts';
import { normalizeKey } from '../parse/normalizeKey.ts';
import type { CohortConfig, Condition } from '../types.ts';
import type { ConfigProblem, ConfigScope } from './configScope.ts';
import { backtrackingRisk } from './backtrackingRisk.ts';

export type { ConfigProblem, ConfigScope };

/** What of cohort.json an analysis checks itself (analysis.config.check). */
export interface ConfigCheck {
  check?(config: CohortConfig, scope: ConfigScope): void;
}

const hint = (name: string, known: Iterable<string>) => {
  const near = closestMatch(name, known);
  return near ? `; did you mean "${near}"?` : '';
};

/**
 * What a schema cannot check: that every name used in cohort.json refers to something defined
 * in it (vocabularies, columns, derived variables, terms, statistics) and that types fit. The core's
 * blocks are checked here, each analysis's block by the analysis (`checks`, in list order).
 */
export function checkCohortReferences(
  config: CohortConfig,
  checks: ReadonlyArray<ConfigCheck | undefined> = [],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const error = (pointer: string, message: string) => problems.push({ pointer, severity: 'error', message });
  const vocabularies = new Set(Object.keys(config.vocabularies));
  const termsOf = new Map<string, Set<string>>(); // variable → its vocabulary's term ids
  const kindOf = new Map<string, string>(); // variable → column type or derived type

  for (const [name, vocabulary] of Object.entries(config.vocabularies)) {
    const owner = new Map<string, string>();
    vocabulary.terms.forEach((term, t) => {
      // The label too: vocabularyIndex matches typed values against it.
      for (const spelling of [term.id, term.label, ...(term.synonyms ?? [])]) {
        const key = normalizeKey(spelling);
        const other = owner.get(key);
        if (other !== undefined && other !== term.id) {
          problems.push({
            pointer: `/vocabularies/${name}/terms/${t}`,
            severity: 'warning',
            code: 'vocabulary.shared-spelling',
            message: `spelling "${spelling}" belongs to both "${other}" and "${term.id}"; it will mean "${other}"`,
          });
        } else owner.set(key, term.id);
      }
      (term.patterns ?? []).forEach((p, k) => {
        const at = `/vocabularies/${name}/terms/${t}/patterns/${k}`;
        try {
          new RegExp(p, 'i');
        } catch (e) {
          error(at, `pattern is not a valid regular expression (${(e as Error).message})`);
          return;
        }
        const risk = backtrackingRisk(p, 'i');
        if (risk) {
          error(
            at,
            `pattern "${excerpt(p)}" can take minutes on a cell that nearly matches (${risk}): write it without the nested or overlapping repetition`,
          );
        }
      });
    });
  }

  const useVocabulary = (pointer: string, vocabulary: string | undefined, variable: string) => {
    if (vocabulary === undefined) return;
    if (!vocabularies.has(vocabulary)) {
      error(
        pointer,
        `vocabulary "${vocabulary}" is not defined under "vocabularies"${hint(vocabulary, vocabularies)}`,
      );
      return;
    }
    termsOf.set(variable, new Set(config.vocabularies[vocabulary]!.terms.map((t) => t.id)));
  };

  const columnNames = new Set<string>();
  config.columns.forEach((column, c) => {
    const at = `/columns/${c}`;
    if (columnNames.has(column.name)) error(`${at}/name`, `column "${column.name}" is defined twice`);
    columnNames.add(column.name);
    kindOf.set(column.name, column.type);
    if (column.type === 'category' && column.vocabulary === undefined) {
      error(at, `column "${column.name}" of type category needs a "vocabulary"`);
    }
    useVocabulary(`${at}/vocabulary`, column.vocabulary, column.name);
    if (column.type === 'duration' && column.unit !== undefined && !isDurationUnit(column.unit)) {
      error(`${at}/unit`, `duration unit "${column.unit}" is not one of days, weeks, months, years`);
    }
    if (column.type === 'size' && column.unit !== undefined && !['mm', 'cm', 'm'].includes(column.unit)) {
      error(`${at}/unit`, `size unit "${column.unit}" is not one of mm, cm, m`);
    }
  });

  const roleTypes: Array<[keyof CohortConfig['roles'], string]> = [
    ['caseId', 'id'],
    ['sourceId', 'source'],
    ['include', 'boolean'],
    ['exclusionReason', 'text'],
    ['duplicateOf', 'text'],
  ];
  for (const [role, type] of roleTypes) {
    const name = config.roles[role];
    if (name === undefined) continue;
    if (!columnNames.has(name))
      error(`/roles/${role}`, `column "${name}" is not defined under "columns"${hint(name, columnNames)}`);
    else if (kindOf.get(name) !== type)
      error(`/roles/${role}`, `column "${name}" must have type ${type} to be the ${role} column`);
  }

  config.derived.forEach((d, k) => {
    const at = `/derived/${k}`;
    if (kindOf.has(d.id))
      error(`${at}/id`, `derived variable "${d.id}" has the name of a column or another derived variable`);
    if (d.type === 'list' && !kindOf.has(d.from)) {
      error(`${at}/from`, `"${d.from}" is not a column${hint(d.from, kindOf.keys())}`);
    } else if (d.type === 'list' && !['list', 'text'].includes(kindOf.get(d.from)!)) {
      error(`${at}/from`, `"${d.from}" must be a list or text column to derive a list from`);
    }
    kindOf.set(d.id, d.type);
    if (d.type !== 'boolean') useVocabulary(`${at}/vocabulary`, d.vocabulary, d.id);
    if (d.type === 'category') {
      d.rules.forEach((rule, r) => {
        const terms = termsOf.get(d.id);
        if (terms && !terms.has(rule.value)) {
          error(
            `${at}/rules/${r}/value`,
            `"${rule.value}" is not a term of vocabulary "${d.vocabulary}"${hint(rule.value, terms)}`,
          );
        }
        checkCondition(rule.when, `${at}/rules/${r}/when`);
      });
    }
    if (d.type === 'boolean') checkCondition(d.when, `${at}/when`);
  });

  config.duplicates?.fields.forEach((field, k) => {
    if (!kindOf.has(field.variable))
      error(
        `/duplicates/fields/${k}/variable`,
        `"${field.variable}" is not a column or derived variable${hint(field.variable, kindOf.keys())}`,
      );
  });

  function checkCondition(condition: Condition, at: string): void {
    if ('all' in condition) return condition.all.forEach((c, i) => checkCondition(c, `${at}/all/${i}`));
    if ('any' in condition) return condition.any.forEach((c, i) => checkCondition(c, `${at}/any/${i}`));
    if ('not' in condition) return checkCondition(condition.not, `${at}/not`);
    const variable = condition.variable;
    const kind = kindOf.get(variable);
    if (kind === undefined) {
      error(
        `${at}/variable`,
        `"${variable}" is not a column or derived variable${hint(variable, kindOf.keys())}`,
      );
      return;
    }
    if ('in' in condition) {
      const terms = termsOf.get(variable);
      condition.in.forEach((value, i) => {
        if (kind === 'boolean') {
          if (typeof value !== 'boolean')
            error(`${at}/in/${i}`, `"${variable}" is yes/no: use true or false, not "${value}"`);
        } else if (typeof value === 'boolean') {
          error(
            `${at}/in/${i}`,
            `"${variable}" is not a yes/no variable: use one of its terms, not ${value}`,
          );
        } else if (terms && !terms.has(value) && !(value === 'none' && kind === 'list')) {
          error(
            `${at}/in/${i}`,
            `"${value}" is not a term of the vocabulary of "${variable}"${hint(value, terms)}`,
          );
        }
      });
    }
    if (
      ('atLeast' in condition || 'atMost' in condition || 'below' in condition) &&
      !['number', 'size', 'duration'].includes(kind)
    ) {
      error(at, `"${variable}" is not numeric, so atLeast/atMost/below do not apply`);
    }
  }

  const statisticIds = new Set<string>();
  config.statistics.forEach((s, k) => {
    if (statisticIds.has(s.id)) error(`/statistics/${k}/id`, `statistic "${s.id}" is defined twice`);
    statisticIds.add(s.id);
    checkCondition(s.when, `/statistics/${k}/when`);
  });
  const scope: ConfigScope = { error, checkCondition, kindOf, statisticIds, hint };
  for (const owner of checks) owner?.check?.(config, scope);
  config.checks.forEach((c, k) => {
    if (!columnNames.has(c.column))
      error(`/checks/${k}/column`, `"${c.column}" is not a column${hint(c.column, columnNames)}`);
    checkCondition(c.when, `/checks/${k}/when`);
  });
  return problems;
}
