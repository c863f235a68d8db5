import { closestMatch } from '../parse/closestMatch.ts';
import { excerpt } from '../parse/excerpt.ts';
import { isDurationUnit } from '../parse/parseDuration.ts';
import { normalizeKey } from '../parse/normalizeKey.ts';
import { unreadableReason, type VariableRef } from '../analyses/variableReader.ts';
import { table1Specs } from './table1Specs.ts';
import {
  missingAsAbsentBehindVariable,
  missingAsAbsentReason,
  missingAsAbsentVariables,
} from '../conditions/countsMissingAsAbsent.ts';
import type { CohortConfig, Condition } from '../types.ts';
import { backtrackingRisk } from './backtrackingRisk.ts';

/** A problem in cohort.json at a JSON Pointer, before it is given a line. */
export interface ConfigProblem {
  pointer: string;
  severity: 'error' | 'warning';
  message: string;
  /** The finding's code (default `config.invalid`); a warning names what it warns of, for accepted.csv. */
  code?: string;
}

const hint = (name: string, known: Iterable<string>) => {
  const near = closestMatch(name, known);
  return near ? `; did you mean "${near}"?` : '';
};

/**
 * What a schema cannot check: that every name used in cohort.json refers to something defined
 * in it (vocabularies, columns, derived variables, terms, statistics) and that types fit.
 */
export function checkCohortReferences(config: CohortConfig): ConfigProblem[] {
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

  if (config.appraisal && config.files.appraisal === undefined)
    error('/appraisal', 'an appraisal block needs files.appraisal (the appraisal.csv)');

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
  config.cumulative?.statistics.forEach((id, k) => {
    if (!statisticIds.has(id))
      error(`/cumulative/statistics/${k}`, `"${id}" is not a statistic id${hint(id, statisticIds)}`);
  });
  config.headline.forEach((id, i) => {
    if (!statisticIds.has(id))
      error(`/headline/${i}`, `statistic "${id}" is not defined under "statistics"${hint(id, statisticIds)}`);
  });
  const numeric = (v: string) => ['number', 'size', 'duration'].includes(kindOf.get(v) ?? '');
  config.continuous.forEach((c, k) => {
    if (!kindOf.has(c.variable))
      error(`/continuous/${k}/variable`, `"${c.variable}" is not a column${hint(c.variable, kindOf.keys())}`);
    else if (!numeric(c.variable))
      error(`/continuous/${k}/variable`, `"${c.variable}" is not a number, size or duration column`);
  });
  config.panels.forEach((p, k) =>
    p.statistics.forEach((id, i) => {
      if (!statisticIds.has(id))
        error(
          `/panels/${k}/statistics/${i}`,
          `statistic "${id}" is not defined under "statistics"${hint(id, statisticIds)}`,
        );
    }),
  );
  if (config.survival) {
    const s = config.survival;
    if (kindOf.get(s.time) !== 'duration') error('/survival/time', `"${s.time}" must be a duration column`);
    checkCondition(s.event, '/survival/event');
    checkCondition(s.censored, '/survival/censored');
    s.groupings.forEach((g, k) =>
      g.levels.forEach((l, i) => checkCondition(l.when, `/survival/groupings/${k}/levels/${i}/when`)),
    );
  }
  config.tests.forEach((t, k) => {
    t.rows.forEach((r, i) => checkCondition(r.when, `/tests/${k}/rows/${i}/when`));
    t.columns.forEach((c, i) => checkCondition(c.when, `/tests/${k}/columns/${i}/when`));
    // A 2×2 table counts each patient as in a row or not: a "no" must be a no.
    for (const [side, cells] of [
      ['rows', t.rows],
      ['columns', t.columns],
    ] as const)
      cells.forEach((cell, i) => {
        const behind = missingAsAbsentVariables(cell.when, config);
        if (behind.length > 0)
          error(`/tests/${k}/${side}/${i}/when`, missingAsAbsentReason('this 2×2 condition', behind));
      });
  });
  checkTable1AndCox(config, error);
  config.checks.forEach((c, k) => {
    if (!columnNames.has(c.column))
      error(`/checks/${k}/column`, `"${c.column}" is not a column${hint(c.column, columnNames)}`);
    checkCondition(c.when, `/checks/${k}/when`);
  });
  return problems;
}

/** Table 1 and Cox: each variable readable, the grouping a survival grouping, factor ids known and unique. */
function checkTable1AndCox(config: CohortConfig, error: (pointer: string, message: string) => void) {
  const groupings = config.survival?.groupings.map((g) => g.id) ?? [];
  const variableNames = [...config.columns.map((c) => c.name), ...config.derived.map((d) => d.id)];
  const tableIds = new Set<string>();
  for (const { spec, pointer } of table1Specs(config)) {
    if (spec.id !== undefined) {
      if (tableIds.has(spec.id)) error(`${pointer}/id`, `Table 1 "${spec.id}" is defined twice`);
      tableIds.add(spec.id);
    }
    const by = spec.by;
    // A string is a survival grouping's id first (as before), otherwise a variable's name.
    if (typeof by === 'string' && !groupings.includes(by) && !variableNames.includes(by))
      error(
        `${pointer}/by`,
        `"${by}" is not a survival grouping id, a column or a derived variable${hint(by, [...groupings, ...variableNames])}`,
      );
    else if (by !== null && by !== undefined && !(typeof by === 'string' && groupings.includes(by))) {
      const ref = typeof by === 'string' ? { variable: by } : by;
      const reason =
        unreadableReason(config, ref) ?? yesNoMissingAsAbsent(config, ref) ?? continuousGrouping(config, ref);
      if (reason) error(`${pointer}/by`, reason);
    }
    spec.variables.forEach((v, k) => {
      const reason = unreadableReason(config, v) ?? yesNoMissingAsAbsent(config, v);
      if (reason) error(`${pointer}/variables/${k}`, reason);
    });
  }
  if (!config.cox) return;
  if (!config.survival) error('/cox', 'a cox block needs the survival block (time, event, censored)');
  const ids = new Set<string>();
  config.cox.factors.forEach((f, k) => {
    if (ids.has(f.id)) error(`/cox/factors/${k}/id`, `factor "${f.id}" is defined twice`);
    ids.add(f.id);
    const reason = unreadableReason(config, f) ?? yesNoMissingAsAbsent(config, f);
    if (reason) error(`/cox/factors/${k}`, reason);
    else if ('variable' in f) {
      const column = config.columns.find((c) => c.name === f.variable);
      const derived = config.derived.find((d) => d.id === f.variable);
      if ((column?.type ?? derived?.type) === 'category')
        error(
          `/cox/factors/${k}/variable`,
          `"${f.variable}" is a category; name a statistic (yes vs no) instead`,
        );
    }
  });
  config.cox.multivariable.forEach((m, k) =>
    m.factors.forEach((id, i) => {
      if (!ids.has(id))
        error(`/cox/multivariable/${k}/factors/${i}`, `"${id}" is not a cox factor id${hint(id, ids)}`);
    }),
  );
}

/**
 * Why a yes/no reading of a reference (a statistic, or a boolean derived variable) would turn "not
 * reported" into "No": it reads a derived variable that counts missing findings as absent. A category
 * variable itself is shown with its categories, which is allowed.
 */
function yesNoMissingAsAbsent(config: CohortConfig, ref: VariableRef): string | null {
  if ('statistic' in ref) {
    const spec = config.statistics.find((s) => s.id === ref.statistic);
    const behind = spec ? missingAsAbsentVariables(spec.when, config) : [];
    return behind.length > 0 ? missingAsAbsentReason(`statistic "${ref.statistic}"`, behind) : null;
  }
  const derived = config.derived.find((d) => d.id === ref.variable);
  if (derived?.type !== 'boolean') return null;
  const behind = missingAsAbsentBehindVariable(ref.variable, config).filter((v) => v !== ref.variable);
  return behind.length > 0 ? missingAsAbsentReason(`"${ref.variable}" (yes/no)`, behind) : null;
}

/** A number cannot make Table 1's columns (a column per value): why, or null for any other reference. */
function continuousGrouping(config: CohortConfig, ref: VariableRef): string | null {
  if ('statistic' in ref) return null;
  const type =
    config.columns.find((c) => c.name === ref.variable)?.type ??
    config.derived.find((d) => d.id === ref.variable)?.type;
  return type === 'number' || type === 'size' || type === 'duration'
    ? `"${ref.variable}" is a number: Table 1 is by a category, a yes/no or derived variable, or a statistic (a yes/no from its condition, e.g. age at least 60)`
    : null;
}
