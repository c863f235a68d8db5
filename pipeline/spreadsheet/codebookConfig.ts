import { columnKey } from '../parse/columnKey.ts';
import { excerpt } from '../parse/excerpt.ts';
import { normalizeKey } from '../parse/normalizeKey.ts';
import { parseBoolean } from '../parse/parseBoolean.ts';
import { parseDecimal } from '../parse/parseDecimal.ts';
import type { ContinuousSpec } from '../analyses/continuous.ts';
import type { PanelSpec } from '../analyses/proportions.ts';
import type { SurvivalSpec } from '../analyses/survival/survivalSpec.ts';
import type { Table1Spec } from '../analyses/table1/table1Specs.ts';
import type { ColumnSpec, CohortConfig, StatisticSpec, Term, Vocabulary } from '../types.ts';
import { termsOfCell, synonymsOfCell, type CodebookField, type LocatedCodebookRow } from './codebookTable.ts';
import { ALIVE_WORDS, DEATH_WORDS, spellingKey, termId } from './spellingGroups.ts';

/*
 * A codebook → the parts of cohort.json it stands for: columns, vocabularies, roles, and the default
 * analyses of the columns it marks `summarise` (proportions of every term with both denominators, a
 * continuous summary of every number, a Table 1, panels, and Kaplan–Meier when an outcome and a
 * follow-up column are marked). The analyses themselves are the existing ones: this only writes their
 * blocks. What cohort.json says itself overrides what comes from here (mergeCodebook).
 */

/** A problem at a codebook cell. */
export interface CodebookProblem {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** The codebook row an entry of the made config (a column, statistic, …) comes from. */
export interface CodebookOrigin {
  line: number;
  columnOf: LocatedCodebookRow['columnOf'];
}

/** Each entry the codebook made (by identity) → its row, for findings at the codebook. */
export type CodebookOrigins = Map<object, CodebookOrigin>;

export interface CodebookParts {
  columns: ColumnSpec[];
  vocabularies: Record<string, Vocabulary>;
  roles: Partial<CohortConfig['roles']>;
  statistics: StatisticSpec[];
  continuous: ContinuousSpec[];
  panels: PanelSpec[];
  table1?: Table1Spec;
  survival?: SurvivalSpec;
}

const TYPES: Record<string, ColumnSpec['type'] | 'date'> = {
  id: 'id',
  source: 'source',
  number: 'number',
  size: 'size',
  duration: 'duration',
  category: 'category',
  list: 'list',
  boolean: 'boolean',
  'yes/no': 'boolean',
  'yes no': 'boolean',
  date: 'date',
  text: 'text',
};

export const ROLES = ['outcome', 'follow-up', 'include', 'exclusion reason', 'duplicate of'] as const;

const UNITS: Partial<Record<ColumnSpec['type'], readonly string[]>> = {
  size: ['cm', 'mm'],
  duration: ['days', 'weeks', 'months', 'years'],
};

/** A list column's name is also a file name (tidy/<name>.csv). */
const TIDY_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** An id (cohort.json's id pattern) for a column's vocabulary and statistics, unique among `taken`. */
function uniqueId(base: string, taken: Set<string>): string {
  const stem = base === '' ? 'column' : base;
  let id = stem;
  for (let k = 2; taken.has(id); k++) id = `${stem}_${k}`;
  taken.add(id);
  return id;
}

/** The report's times for a follow-up in `unit`: at one and two years, the risk table each year to three. */
function survivalTimes(unit: string | undefined): Pick<SurvivalSpec, 'at' | 'riskTimes'> {
  const perYear = { days: 365, weeks: 52, months: 12, years: 1 }[unit ?? 'months'] ?? 12;
  return { at: [perYear, 2 * perYear], riskTimes: [0, perYear, 2 * perYear, 3 * perYear] };
}

/** The codebook's rows → cohort.json parts, with a problem at each cell that cannot be read. */
export function codebookParts(rows: readonly LocatedCodebookRow[]): {
  parts: CodebookParts;
  origins: CodebookOrigins;
  problems: CodebookProblem[];
} {
  const problems: CodebookProblem[] = [];
  const parts: CodebookParts = {
    columns: [],
    vocabularies: {},
    roles: {},
    statistics: [],
    continuous: [],
    panels: [],
  };
  const origins: CodebookOrigins = new Map();
  const ids = new Set<string>();
  const names = new Map<string, number>();
  const tableVariables: Table1Spec['variables'] = [];
  let groupBy: string | null = null;
  let outcome: {
    name: string;
    terms: Term[];
    line: number;
    columnOf: LocatedCodebookRow['columnOf'];
  } | null = null;
  let followUp: ColumnSpec | null = null;

  for (const { row, line, columnOf } of rows) {
    const at = (
      field: CodebookField,
      message: string,
      code = 'codebook.invalid',
      severity: 'error' | 'warning' = 'error',
    ) => problems.push({ line, column: columnOf[field], severity, code, message });
    const header = row.column;
    if (header === '') {
      // A row left empty (or with only a comment in description) is skipped.
      if (Object.values(row).some((v) => v !== '') && row.type !== '')
        at('column', 'names no column: write the column header as it is in the cases table');
      continue;
    }
    const typeText = normalizeKey(row.type);
    const type = TYPES[typeText];
    if (type === undefined) {
      at(
        'type',
        `${header}: type "${excerpt(row.type)}" is not one of ${Object.keys(TYPES)
          .filter((t) => t !== 'yes no')
          .join(', ')}`,
      );
      continue;
    }
    const key = columnKey(header);
    if (names.has(key)) {
      at('column', `column "${excerpt(header)}" is described twice (rows ${names.get(key)} and ${line})`);
      continue;
    }
    names.set(key, line);
    const name = type === 'list' && !TIDY_NAME.test(header) ? key : header;
    if (type === 'list' && !TIDY_NAME.test(name)) {
      at(
        'column',
        `"${excerpt(header)}" is a list column, whose name also names its table (tidy/<name>.csv): rename the header with letters, digits, "_", "-" and "." only`,
      );
      continue;
    }
    const label = row.label || header;
    const spec: ColumnSpec = {
      name,
      label,
      description: row.description || label,
      // casepool keeps no dates: a date column is kept as the text a CSV holds (Excel's dates are read
      // as not reported, with a warning at each cell).
      type: type === 'date' ? 'text' : type,
    };
    const unit = row.unit.trim();
    if (unit !== '') {
      const allowed = UNITS[spec.type];
      if (allowed && !allowed.includes(unit.toLowerCase()))
        at(
          'unit',
          `${header}: unit "${excerpt(unit)}" must be one of ${allowed.join(', ')} for a ${spec.type} column`,
        );
      else spec.unit = allowed ? unit.toLowerCase() : unit;
    }
    for (const bound of ['min', 'max'] as const) {
      if (row[bound] === '') continue;
      const v = parseDecimal(row[bound]);
      if (v === null) at(bound, `${header}: ${bound} "${excerpt(row[bound])}" is not a number`);
      else spec[bound] = v;
    }
    if (row.separator !== '') {
      const separators = row.separator.split(/\s+/).filter((s) => s !== '');
      spec.separator = separators.length === 1 ? separators[0]! : separators;
    }
    if (row.not_reported !== '')
      spec.notReported = row.not_reported
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    const role = normalizeKey(row.role.replace(/[_]/g, ' '));
    if (role !== '' && !ROLES.some((r) => normalizeKey(r) === role))
      at('role', `${header}: role "${excerpt(row.role)}" is not one of ${ROLES.join(', ')} (or empty)`);
    const slug = uniqueId(termId(header), ids);

    let terms: Term[] = [];
    if (spec.type === 'category' || spec.type === 'list') {
      const labels = termsOfCell(row.terms);
      if (labels.length === 0) {
        at('terms', `${header}: a ${spec.type} column needs its terms (Female; Male)`);
        continue;
      }
      const termIds = new Set<string>();
      const termLabels = new Set<string>();
      for (const termLabel of labels) {
        if (termLabels.has(normalizeKey(termLabel))) {
          at('terms', `${header}: term "${excerpt(termLabel)}" is given twice`);
          continue;
        }
        termLabels.add(normalizeKey(termLabel));
        // "None" in a list is casepool's none: reported, and nothing in it. Labels that make the same
        // id (`N+` and `N-`), or none (`+++`), get one of their own (`n_2`, `term`).
        const id =
          spec.type === 'list' && spellingKey(termLabel) === 'none'
            ? 'none'
            : uniqueId(termId(termLabel) || 'term', termIds);
        termIds.add(id);
        terms.push({ id, label: termLabel });
      }
      const { entries, problem } = synonymsOfCell(row.synonyms);
      if (problem) at('synonyms', `${header}: ${problem}`);
      for (const entry of entries) {
        const term = terms.find(
          (t) => normalizeKey(t.label) === normalizeKey(entry.term) || t.id === normalizeKey(entry.term),
        );
        if (term === undefined) {
          at(
            'synonyms',
            `${header}: synonyms of "${excerpt(entry.term)}", which is not one of its terms (${labels.join('; ')})`,
          );
          continue;
        }
        term.synonyms = [...(term.synonyms ?? []), ...entry.synonyms];
      }
      const vocabulary: Vocabulary = { label, terms, unknown: 'error' };
      origins.set(vocabulary, { line, columnOf });
      parts.vocabularies[slug] = vocabulary;
      spec.vocabulary = slug;
    } else if (row.terms !== '' || row.synonyms !== '') {
      at(
        'terms',
        `${header}: terms and synonyms are for category and list columns; this one is ${row.type}`,
        'codebook.ignored',
        'warning',
      );
      terms = [];
    }

    origins.set(spec, { line, columnOf });
    parts.columns.push(spec);
    if (type === 'id') parts.roles.caseId = name;
    if (type === 'source') parts.roles.sourceId = name;
    if (role === 'include') parts.roles.include = name;
    if (role === 'exclusion reason') parts.roles.exclusionReason = name;
    if (role === 'duplicate of') parts.roles.duplicateOf = name;
    if (role === 'outcome') outcome = { name, terms, line, columnOf };
    if (role === 'follow up') followUp = spec;

    const yes = (field: 'summarise' | 'group_by') => {
      if (row[field] === '') return false;
      const r = parseBoolean(row[field]);
      if (!r.ok) at(field, `${header}: ${field} "${excerpt(row[field])}" is not yes or no`);
      return r.ok && r.value;
    };
    if (yes('group_by')) {
      if (!['category', 'boolean'].includes(spec.type))
        at('group_by', `${header}: Table 1 can be grouped by a category or yes/no column only`);
      else if (groupBy !== null) at('group_by', `${header}: Table 1 is already grouped by ${groupBy}`);
      else groupBy = name;
    }
    if (!yes('summarise')) continue;
    // Proportions of every term (a statistic counts both denominators: all included, reported).
    const panelStatistics: string[] = [];
    const statistic = (id: string, statLabel: string, when: StatisticSpec['when']) => {
      const statId = uniqueId(id, ids);
      const made = { id: statId, label: statLabel, when };
      origins.set(made, { line, columnOf });
      parts.statistics.push(made);
      panelStatistics.push(statId);
    };
    if (spec.type === 'boolean') statistic(`${slug}_yes`, label, { variable: name, in: [true] });
    else if (spec.type === 'category' || spec.type === 'list')
      for (const term of terms)
        if (term.id !== 'none')
          statistic(`${slug}_${term.id}`, `${label}: ${term.label}`, { variable: name, in: [term.id] });
    if (panelStatistics.length > 0) {
      const panel = { id: slug, title: label, statistics: panelStatistics };
      origins.set(panel, { line, columnOf });
      parts.panels.push(panel);
    }
    if (['number', 'size', 'duration'].includes(spec.type)) {
      const summary = { id: uniqueId(`${slug}_summary`, ids), label, variable: name };
      origins.set(summary, { line, columnOf });
      parts.continuous.push(summary);
    }
    if (['category', 'boolean', 'number', 'size', 'duration'].includes(spec.type)) {
      const variable = { variable: name, label };
      origins.set(variable, { line, columnOf });
      tableVariables.push(variable);
    }
  }

  if (tableVariables.length > 0)
    parts.table1 = {
      by: groupBy,
      variables: tableVariables.filter((v) => 'variable' in v && v.variable !== groupBy),
    };
  if (outcome && followUp) {
    const termsLike = (words: ReadonlySet<string>) =>
      outcome!.terms
        .filter((t) => [t.id, t.label, ...(t.synonyms ?? [])].some((s) => words.has(spellingKey(s))))
        .map((t) => t.id);
    const event = termsLike(DEATH_WORDS);
    const censored = termsLike(ALIVE_WORDS);
    if (event.length === 0 || censored.length === 0)
      problems.push({
        line: outcome.line,
        column: outcome.columnOf.terms,
        severity: 'warning',
        code: 'codebook.no-survival',
        message: `${outcome.name}: no survival analysis, since ${event.length === 0 ? 'no term says dead (dead, died, deceased)' : 'no term says alive (alive, living)'}`,
      });
    else if (followUp.type !== 'duration')
      problems.push({
        line: outcome.line,
        column: outcome.columnOf.role,
        severity: 'warning',
        code: 'codebook.no-survival',
        message: `no survival analysis: the follow-up column ${followUp.name} is of type ${followUp.type}, not duration`,
      });
    else
      parts.survival = {
        time: followUp.name,
        event: { variable: outcome.name, in: event },
        censored: { variable: outcome.name, in: censored },
        ...survivalTimes(followUp.unit),
        groupings: [],
      };
  }
  return { parts, origins, problems };
}
