import { normalizeKey } from '../parse/normalizeKey.ts';
import type { CohortConfig, ColumnSpec, Vocabulary } from '../types.ts';

/**
 * What papers and spreadsheets write where a paper is silent. Read as an empty cell (not reported),
 * never as "no": cohort.json `notReported` replaces the list, a column's `notReported` adds to it for
 * that column (a codebook's `not_reported` cell: what one column of a spreadsheet also writes). `-` stands for every dash (normalizeKey folds them, and a cell of dashes only to "").
 */
export const DEFAULT_NOT_REPORTED: readonly string[] = [
  'NR',
  'N/R',
  'n/a',
  'NA',
  'unknown',
  'not reported',
  'not stated',
  '-',
  '?',
];

/**
 * The form notations are compared in: normalizeKey, without dots, so that `N.R.` and `n.a.` are NR and
 * NA as they are typed in many tables.
 */
export function notationKey(text: string): string {
  return normalizeKey(text).replace(/\./g, '');
}

/** A column's not-reported notations, made ready for lookups. */
export interface NotReportedNotations {
  /** notationKey of each notation. */
  keys: ReadonlySet<string>;
  /** Longer texts are never a notation: checked before normalizing, so a long cell costs nothing. */
  longest: number;
  /** The first notation, suggested in messages (`write NR`); undefined when there is none. */
  suggested: string | undefined;
  /**
   * The first character of each notation (lower case, after NFKC), and every dash: a cell starting with
   * none of them is no notation, told without normalizing it (a column of short distinct texts).
   */
  firstCharacters: ReadonlySet<string>;
}

const DASHES = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '_'];

/** The first non-space character of `text`, lower case after NFKC; '' when there is none. */
function firstCharacter(text: string): string {
  const m = /\S/u.exec(text);
  return m === null ? '' : m[0].normalize('NFKC').charAt(0).toLowerCase();
}

/**
 * The notations of `column` (the cohort's, else the default, and its own), less any spelling of
 * its vocabulary: a term the cohort defined (`unknown` as a term of its own) is read as that term.
 * Null for ids and sources, which name a patient or a paper, not a finding.
 */
export function notReportedNotations(
  column: ColumnSpec,
  config: Pick<CohortConfig, 'notReported'>,
  vocabulary: Vocabulary | undefined,
): NotReportedNotations | null {
  if (column.type === 'id' || column.type === 'source') return null;
  const notations = [...(config.notReported ?? DEFAULT_NOT_REPORTED), ...(column.notReported ?? [])];
  const spellings = new Set<string>();
  for (const term of vocabulary?.terms ?? [])
    for (const s of [term.id, term.label, ...(term.synonyms ?? [])]) spellings.add(notationKey(s));
  const keys = new Set(notations.map(notationKey).filter((k) => !spellings.has(k)));
  if (keys.size === 0) return null;
  const firstCharacters = new Set(notations.map(firstCharacter));
  if ([...keys].some((k) => k === '')) for (const dash of DASHES) firstCharacters.add(dash);
  return {
    keys,
    longest: Math.max(...notations.map((n) => n.length)),
    suggested: notations[0],
    firstCharacters,
  };
}

/** Is the cell `text` one of the notations? */
export function isNotReportedNotation(text: string, notations: NotReportedNotations): boolean {
  // Room for surrounding spaces and doubled inner ones, which normalizeKey folds.
  if (text.length > 2 * notations.longest + 8) return false;
  if (!notations.firstCharacters.has(firstCharacter(text))) return false;
  return notations.keys.has(notationKey(text));
}

/** `12 cells written "NR" and 3 written "n/a"`: counts per spelling as written, most first. */
export function describeNotationCounts(counts: ReadonlyMap<string, number>): string {
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([written, n], k) =>
      k === 0 ? `${n} ${n === 1 ? 'cell' : 'cells'} written "${written}"` : `${n} written "${written}"`,
    );
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
  return `${listed} read as not reported`;
}
