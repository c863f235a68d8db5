import { parseBoolean } from '../parse/parseBoolean.ts';
import { isDurationUnit, parseDuration } from '../parse/parseDuration.ts';
import { parseNumber } from '../parse/parseNumber.ts';
import type { ParseResult } from '../parse/parseResult.ts';
import { parseSize, plainSize } from '../parse/parseSize.ts';
import { plainDecimal } from '../parse/parseDecimal.ts';
import { splitList } from '../parse/splitList.ts';
import { matchTerm, vocabularyIndex, type VocabularyIndex } from '../parse/vocabularyIndex.ts';
import type { CohortConfig, ColumnSpec, Severity, Value } from '../types.ts';
import { excerpt } from '../parse/excerpt.ts';
import { isNotReportedNotation, notReportedNotations } from './notReported.ts';

/** A cell's reading: its value, and what was wrong with it (a cell can be partly readable). */
export interface CellReading {
  value: Value;
  problems: Array<{ severity: Severity; code: string; message: string }>;
  /** The cell is a not-reported notation (`NR`): as written, trimmed, for the column's info finding. */
  notReported?: string;
}

export type CellParser = (text: string) => CellReading;

/** What an unreadable cell under a lenient vocabulary does to the counts, as its warning says. */
export const leftOut = (variable: string) =>
  `left out: this patient counts as unknown for ${variable} and for everything derived from it, and stays in the all-patients denominator`;

const ok = (value: Value): CellReading => ({ value, problems: [] });
const fail = (message: string, code = 'value.invalid', severity: Severity = 'error'): CellReading => ({
  value: null,
  problems: [{ severity, code, message }],
});

function checkRange(column: ColumnSpec, result: ParseResult<number>, text: string): CellReading {
  if (!result.ok) return fail(`${column.name} ${result.message}`, 'value.not-a-number');
  const v = result.value;
  const unit = column.unit ? ` ${column.unit}` : '';
  if (column.min !== undefined && (v < column.min || (column.exclusiveMin && v === column.min))) {
    const bound = column.exclusiveMin ? `more than ${column.min}` : `at least ${column.min}`;
    return fail(
      `${column.name} "${excerpt(text)}" is impossible: must be ${bound}${unit}`,
      'value.out-of-range',
    );
  }
  if (column.max !== undefined && v > column.max) {
    return fail(
      `${column.name} "${excerpt(text)}" is implausible: must be at most ${column.max}${unit}`,
      'value.out-of-range',
    );
  }
  return ok(v);
}

/**
 * The same lookup, remembered per distinct text (up to a limit): a column repeats a few spellings over
 * and over, and vocabulary and yes/no lookups are pure, so only the first of each is worked out.
 */
function remembered<T>(lookup: (text: string) => T, limit = 10_000): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let result = seen.get(text);
    if (result === undefined) {
      result = lookup(text);
      if (seen.size < limit) seen.set(text, result);
    }
    return result;
  };
}

/**
 * The text as a string of its own. A cell of 13 characters or more, cut from the file's text, is held by
 * V8 as a view into that whole text (a sliced string): one such cell kept would keep the whole file
 * (~0.1 GB at 10^6 rows) alive. Concatenating and cutting again copies just the cell.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : `${text} `.slice(0, -1);
}

/** An id cell's value: its text trimmed, as a string of its own (an id cell has no problem to report). */
export function idValue(text: string): string {
  return ownCopy(text.trim());
}

/** A list reading shared by every cell of the same text: frozen, since many rows hold it. */
function sharedList(reading: CellReading): CellReading {
  return Array.isArray(reading.value)
    ? { ...reading, value: Object.freeze(reading.value.map(ownCopy)) as string[] }
    : reading;
}

/**
 * Builds, once per column, the function that turns a typed cell into its canonical value. A cell that is
 * one of the column's not-reported notations (`NR`, `n/a`, …: values/notReported.ts) is read as an
 * empty cell, marked, before any parser sees it. Callers remember readings per distinct text
 * (normalize's SpanMemo), so the notation test runs once per text, not per row.
 */
export function cellParser(column: ColumnSpec, config: CohortConfig): CellParser {
  const vocabulary = column.vocabulary === undefined ? undefined : config.vocabularies[column.vocabulary];
  const notations = notReportedNotations(column, config, vocabulary);
  const parse = valueParser(column, config, notations?.suggested);
  if (notations === null) return parse;
  return (text) =>
    isNotReportedNotation(text, notations)
      ? { value: null, problems: [], notReported: ownCopy(text.trim()) }
      : parse(text);
}

/** What to add to a cell's error when the paper may simply not say. */
function leaveEmptyHint(notation: string | undefined): string {
  return notation === undefined
    ? '; leave the cell empty if the paper does not say'
    : `; leave the cell empty (or write ${notation}) if the paper does not say`;
}

function valueParser(column: ColumnSpec, config: CohortConfig, notation: string | undefined): CellParser {
  const vocabulary = column.vocabulary === undefined ? undefined : config.vocabularies[column.vocabulary];
  const index: VocabularyIndex | undefined = vocabulary && vocabularyIndex(column.vocabulary!, vocabulary);
  const term = index && remembered((text: string) => matchTerm(text, index));
  // An unknown term stops the run unless the cohort opts this vocabulary into warnings: a typo must
  // never silently move a count. Opted in, the cell is read as not reported, and the message says so.
  const unknownSeverity: Severity = vocabulary?.unknown ?? 'error';
  const unknownTerm = (message: string): CellReading['problems'][number] => ({
    severity: unknownSeverity,
    code: 'value.unknown-term',
    message: `${column.name} ${message}${unknownSeverity === 'warning' ? ` (${leftOut(column.name)})` : leaveEmptyHint(notation)}`,
  });
  switch (column.type) {
    case 'id':
      return (text) => ok(idValue(text));
    case 'source':
    case 'text':
      // Sources and free texts repeat ("not stated", a source id per patient): one string each.
      return remembered((text) => ok(ownCopy(text.trim())));
    case 'number':
      return (text) => checkRange(column, parseNumber(text, column.unit), text);
    case 'size':
      return (text) => checkRange(column, parseSize(text, column.unit ?? 'cm'), text);
    case 'duration': {
      const unit = column.unit && isDurationUnit(column.unit) ? column.unit : 'months';
      return (text) => checkRange(column, parseDuration(text, unit), text);
    }
    case 'boolean': {
      const yesNo = remembered(parseBoolean);
      return (text) => {
        const r = yesNo(text);
        return r.ok ? ok(r.value) : fail(`${column.name} ${r.message}${leaveEmptyHint(notation)}`);
      };
    }
    case 'category':
      return (text) => {
        const r = term!(text);
        return r.ok ? ok(r.value) : { value: null, problems: [unknownTerm(r.message)] };
      };
    case 'list':
      // A few combinations of terms repeat over the rows: each is read once and its list shared.
      return remembered((text) => sharedList(readList(text)));
  }

  function readList(text: string): CellReading {
    const items = splitList(text, column.separator);
    if (!index) return ok(items);
    const terms: string[] = [];
    const problems: CellReading['problems'] = [];
    for (const item of items) {
      const r = term!(item);
      if (!r.ok) problems.push(unknownTerm(r.message));
      else if (!terms.includes(r.value)) terms.push(r.value);
    }
    // An unreadable item could have been any term, so no statistic on this list can be decided
    // from the rest of the cell: the whole cell is unknown (out of every numerator and of every
    // reported-patients denominator), never "has only the readable terms".
    if (problems.length > 0) return { value: null, problems };
    if (terms.includes('none')) {
      if (terms.length > 1) {
        return fail(
          `${column.name} "${excerpt(text)}" says "none" together with other terms`,
          'value.contradiction',
        );
      }
      return ok([]);
    }
    return ok(terms);
  }
}

/** Is v within the column's range (the test checkRange makes, without its message)? */
function withinRange(column: ColumnSpec, v: number): boolean {
  if (column.min !== undefined && (v < column.min || (column.exclusiveMin && v === column.min))) return false;
  return column.max === undefined || v <= column.max;
}

/**
 * For a numeric column, the reading of the common cell without its parser: a plain decimal
 * (plainDecimal), or a size in its plain form (plainSize), within the column's range → its value,
 * exactly as cellParser reads it;
 * any other cell → undefined, to be read by cellParser (every other notation, and every problem with
 * its message, stay its). Null for a column of another type. At 10^6 rows a third of the cells are
 * numbers, most of them plain.
 */
export function plainNumberReader(
  column: ColumnSpec,
): ((text: string, start: number, end: number) => number | undefined) | null {
  let read: (text: string, start: number, end: number) => number | null;
  if (column.type === 'number' || column.type === 'duration') read = plainDecimal;
  else if (column.type === 'size') {
    const unit = column.unit ?? 'cm';
    read = (text, start, end) => plainSize(text, start, end, unit);
  } else return null;
  return (text, start, end) => {
    const v = read(text, start, end);
    return v !== null && withinRange(column, v) ? v : undefined;
  };
}
