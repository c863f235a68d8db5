import { parseBoolean } from '../parse/parseBoolean.ts';
import { parseDuration, type DurationUnit } from '../parse/parseDuration.ts';
import { parseNumber } from '../parse/parseNumber.ts';
import { parseSize } from '../parse/parseSize.ts';
import { splitList } from '../parse/splitList.ts';
import { isNotReportedNotation, notationKey, type NotReportedNotations } from '../values/notReported.ts';
import { groupSpellings, type GroupedSpellings } from './spellingGroups.ts';

/*
 * What one column of a user's table is, from its header and its cells: the type casepool reads it
 * as, its label and unit, its terms (spellingGroups.ts), and every cell that does not fit. Pure: the
 * table is read elsewhere (readUserTable.ts); the roles that need the whole table (which column is
 * the id) are chosen in inferCodebook.ts.
 */

/** The codebook's types: casepool's column types, and `date` (kept as text: no column holds dates). */
export type CodebookType =
  'id' | 'source' | 'number' | 'size' | 'duration' | 'category' | 'list' | 'boolean' | 'date' | 'text';

/** One non-empty cell of the column: its text as read and its row in the file. */
export interface ColumnCell {
  text: string;
  line: number;
}

/** A cell the inference could not place under the column's type. */
export interface UnplacedCell {
  line: number;
  text: string;
  why: string;
}

export interface InferredColumn {
  /** The header as typed. */
  header: string;
  label: string;
  type: CodebookType;
  unit?: string;
  /** List separators found (`;`, `,`). */
  separators?: string[];
  /** Category and list columns (and yes/no columns written in other words): the terms. */
  spellings?: GroupedSpellings;
  /** Why this type, in a few words, for the inference report. */
  reason: string;
  /** Cells the type cannot read, listed, and read as not reported (the codebook's not_reported). */
  unplaced: UnplacedCell[];
  /** Not-reported notations by the spelling written, with their count. */
  notations: Map<string, number>;
  /**
   * Notations found beyond the cohort's list (`unk`, `not known`): the codebook's not_reported for the
   * column, as written.
   */
  addedNotations: string[];
  /** Number of non-empty cells, notations included. */
  filled: number;
  /** Cells Excel stored as dates. */
  dates: number;
}

/**
 * More ways tables say a paper is silent, beyond the cohort's list: found in a column, they are proposed
 * as its not_reported (listed in the codebook and the report), never read so without being written down.
 */
export const MORE_NOT_REPORTED = [
  'unk',
  'unkn',
  'nk',
  'not known',
  'not available',
  'not mentioned',
  'not given',
  'not specified',
  'missing',
];
const MORE_NOT_REPORTED_KEYS = new Set(MORE_NOT_REPORTED.map(notationKey));

/** The share of a numeric column's cells that must be read for the type to be proposed. */
const NUMERIC_SHARE = 0.75;

const DURATION_HEADER = /follow|\bf\/?u\b|surviv|duration|interval|time|months|weeks|days|years|delay/i;
const SIZE_HEADER = /size|diameter|dimension|\blength\b/i;
const DURATION_WORD = /\d\s*(d|days?|w|wk|wks|weeks?|mo|mos|mon|months?|m|y|yr|yrs|years?)\.?\b/i;
const SIZE_NOTATION = /\d\s*(cm|mm)\b|\d\s*[x×*]\s*\d/i;
const DATE_TEXT = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})$/;

/** The unit in a header's brackets or after a comma: `Age (years)`, `Size, cm`. */
export function headerUnit(header: string): string | undefined {
  const m = /[([,]\s*([a-zA-Z]+)\s*[)\]]?\s*$/.exec(header);
  const word = m?.[1]?.toLowerCase();
  if (word === undefined) return undefined;
  const units: Record<string, string> = {
    y: 'years',
    yr: 'years',
    yrs: 'years',
    year: 'years',
    years: 'years',
    mo: 'months',
    mos: 'months',
    month: 'months',
    months: 'months',
    d: 'days',
    day: 'days',
    days: 'days',
    wk: 'weeks',
    weeks: 'weeks',
    week: 'weeks',
    cm: 'cm',
    mm: 'mm',
    kg: 'kg',
  };
  return units[word];
}

/** A label from a header: `case_id` → `Case id`, `Age (years)` → `Age`. */
export function headerLabel(header: string): string {
  const plain = header
    .replace(/\s*[([][^)\]]*[)\]]\s*$/, '')
    .replace(/,\s*[a-zA-Z]+\s*$/, (m) => (headerUnit(m) ? '' : m))
    .replace(/[_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const text = plain === '' ? header.trim() : plain;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The share of `texts` a reader reads, and those it does not. */
function readShare(texts: readonly ColumnCell[], reads: (text: string) => boolean) {
  const failed = texts.filter((c) => !reads(c.text));
  return { share: texts.length === 0 ? 0 : 1 - failed.length / texts.length, failed };
}

const DURATION_UNITS = new Set(['days', 'weeks', 'months', 'years']);

/**
 * The column's type and what goes with it. `cells` are its non-empty cells; `dates` how many more
 * cells Excel stored as dates (read as empty: readWorkbook says so at each).
 */
export function inferColumn(
  header: string,
  cells: readonly ColumnCell[],
  notations: NotReportedNotations,
  dates = 0,
): InferredColumn {
  const counts = new Map<string, number>();
  const values: ColumnCell[] = [];
  const addedNotations: string[] = [];
  for (const cell of cells) {
    const typed = cell.text.trim();
    const more = MORE_NOT_REPORTED_KEYS.has(notationKey(typed));
    if (more && !addedNotations.includes(typed)) addedNotations.push(typed);
    if (more || isNotReportedNotation(typed, notations)) counts.set(typed, (counts.get(typed) ?? 0) + 1);
    else values.push({ text: typed, line: cell.line });
  }
  const base = {
    header,
    label: headerLabel(header),
    unplaced: [] as UnplacedCell[],
    notations: counts,
    addedNotations,
    filled: cells.length + dates,
    dates,
  };
  const unit = headerUnit(header);
  if (dates > 0 && dates >= values.length)
    return { ...base, type: 'date', reason: `${dates} cells are dates in Excel` };
  if (values.length > 0 && values.filter((c) => DATE_TEXT.test(c.text)).length * 2 >= values.length)
    return { ...base, type: 'date', reason: 'most cells are written as dates' };
  if (values.length === 0) return { ...base, type: 'text', reason: 'no cell holds a value' };

  const texts = values.map((c) => c.text);
  // yes/no, as casepool reads it (not only 0 and 1, which are more likely counts).
  const yesNo = readShare(values, (t) => parseBoolean(t).ok);
  if (yesNo.share === 1 && texts.some((t) => !/^[01]$/.test(t)))
    return { ...base, type: 'boolean', reason: 'every cell is yes or no' };

  const unplaced = (failed: ColumnCell[], what: string): UnplacedCell[] =>
    failed.map((c) => ({ line: c.line, text: c.text, why: `not ${what}` }));
  // Durations: a time header or a time word in the cells.
  const durationUnit = (unit !== undefined && DURATION_UNITS.has(unit) ? unit : 'months') as DurationUnit;
  // An age in years is a number, whatever time word it is written with.
  const age = /\bage\b/i.test(header);
  if (
    !age &&
    (DURATION_HEADER.test(header) || texts.some((t) => DURATION_WORD.test(t) && !SIZE_NOTATION.test(t)))
  ) {
    const read = readShare(values, (t) => parseDuration(t, durationUnit).ok);
    if (
      read.share >= NUMERIC_SHARE &&
      (DURATION_HEADER.test(header) || texts.some((t) => DURATION_WORD.test(t)))
    )
      return {
        ...base,
        type: 'duration',
        unit: durationUnit,
        reason: `durations (${Math.round(read.share * 100)}% of cells read)`,
        unplaced: unplaced(read.failed, 'a duration (8, 8 months, 11 days, 2 years)'),
      };
  }
  if (SIZE_HEADER.test(header) || texts.some((t) => SIZE_NOTATION.test(t))) {
    const sizeUnit = unit === 'mm' ? 'mm' : 'cm';
    const read = readShare(values, (t) => parseSize(t, sizeUnit).ok);
    if (read.share >= NUMERIC_SHARE)
      return {
        ...base,
        type: 'size',
        unit: sizeUnit,
        reason: `sizes, largest diameter in ${sizeUnit} (${Math.round(read.share * 100)}% of cells read)`,
        unplaced: unplaced(read.failed, `a size (11, 11 cm, 10 x 6 x 11 cm)`),
      };
  }
  const numberUnit = unit ?? (age ? 'years' : undefined);
  const number = readShare(values, (t) => parseNumber(t, numberUnit).ok);
  if (number.share >= NUMERIC_SHARE)
    return {
      ...base,
      type: 'number',
      unit: numberUnit,
      reason: `numbers (${Math.round(number.share * 100)}% of cells read)`,
      unplaced: unplaced(number.failed, 'a number'),
    };

  // Long texts are free text, however few.
  const meanLength = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  if (meanLength > 40) return { ...base, type: 'text', reason: 'long free texts' };

  // A list: items separated by ";" (in a cell or more) or "," (in two or more: a comma is also written
  // inside a term), repeating over the rows.
  const separators = [';', ','].filter(
    (s) => texts.filter((t) => t.includes(s)).length >= (s === ';' ? 1 : 2),
  );
  if (separators.length > 0) {
    const items = texts.flatMap((t) => splitList(t, separators));
    const spellings = groupSpellings(items);
    if (spellings.groups.length < items.length && spellings.groups.length <= 40)
      return {
        ...base,
        type: 'list',
        separators,
        spellings,
        reason: `lists separated by ${separators.map((s) => `"${s}"`).join(' and ')}`,
      };
  }
  const spellings = groupSpellings(texts);
  const terms = spellings.groups.length;
  if (terms <= 20 && (terms * 2 <= texts.length || terms <= 3))
    return {
      ...base,
      type: 'category',
      spellings,
      reason: spellings.family ? `${spellings.family} terms` : `${terms} terms, repeated over the rows`,
    };
  return { ...base, type: 'text', reason: 'free text (too many different values for terms)' };
}
