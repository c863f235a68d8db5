import { sourceYear } from '../cohortTables/sourceYear.ts';
import type { CaseTable, DuplicateSpec, Source, Value } from '../types.ts';
import { valueAt } from '../values/columns.ts';
import { excerpt } from '../parse/excerpt.ts';

/** Two included rows from different sources that may be one patient published twice. */
export interface DuplicatePair {
  /** Row indices, first < second. */
  first: number;
  second: number;
  /** What they agree on, for the message: `age 54/55`, `sex female`, `authors share "Tanaka"`. */
  agreements: string[];
}

/**
 * Above this many included rows the check is skipped (it compares every pair): pooled case reviews
 * have hundreds of patients, and a registry extract of 10^5 rows has no "same patient in two reports".
 */
export const DUPLICATE_CHECK_LIMIT = 5_000;

/**
 * At most this many pairs are described (their agreements written out); the others are only counted.
 * 3,000 look-alike rows are ~4.5 × 10^6 pairs: described, each with its message, they exhausted a
 * 768 MB heap. The same number as FINDINGS_PER_CODE: no more would be shown.
 */
export const DESCRIBED_PAIRS = 1_000;

/** Author surnames of a source: the first word of each name in `Suzuki Y, Tanaka K et al.`. */
export function authorSurnames(authors: string): Set<string> {
  const names = authors
    .replace(/\bet al\.?/gi, '')
    .split(/[,;]|\band\b|&/)
    .map((a) => a.trim().split(/\s+/)[0] ?? '')
    .map((s) =>
      s
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^\p{L}'-]/gu, ''),
    )
    .filter((s) => s.length > 1);
  return new Set(names);
}

const same = (a: Value, b: Value, field: DuplicateSpec['fields'][number]): boolean => {
  if (typeof a === 'number' && typeof b === 'number') {
    if (field.within !== undefined) return Math.abs(a - b) <= field.within + 1e-9;
    if (field.withinPercent !== undefined)
      return Math.abs(a - b) <= (field.withinPercent / 100) * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;
    return a === b;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x) => b.includes(x));
  return a === b;
};

const shown = (a: Value, b: Value) => {
  const one = (v: Value) => (Array.isArray(v) ? v.join('+') || 'none' : String(v));
  return one(a) === one(b) ? one(a) : `${one(a)}/${one(b)}`;
};

/**
 * Pairs of included rows from different sources that agree on every configured field both report
 * (at least `minShared` of them), whose sources are at most `yearWithin` years apart and share an
 * author surname or institution, where both sources say. Rows already marked as duplicates are
 * excluded, so they are not compared.
 */
export function likelyDuplicates(
  cases: CaseTable,
  sources: readonly Source[],
  spec: DuplicateSpec,
  describedPairs = DESCRIBED_PAIRS,
): { pairs: DuplicatePair[]; skipped: boolean; more: number } {
  const rows: number[] = [];
  for (let i = 0; i < cases.n; i++) if (cases.included[i]) rows.push(i);
  if (rows.length > DUPLICATE_CHECK_LIMIT) return { pairs: [], skipped: true, more: 0 };
  const minShared = spec.minShared ?? Math.max(1, spec.fields.length - 1);
  // Each field's value of each compared row, read once (a list read from its column is a new array).
  const fieldValues = spec.fields.map((field) => {
    const column = cases.columns[field.variable];
    return rows.map((i) => (column === undefined ? null : valueAt(column, i)));
  });
  const sourceOf = new Map(sources.map((s) => [s.id, s]));
  const yearOf = (id: string) => sourceYear(sourceOf.get(id));
  const peopleOf = new Map<string, Set<string>>();
  const people = (id: string) => {
    let found = peopleOf.get(id);
    if (!found) {
      const fields = sourceOf.get(id)?.fields ?? {};
      found = authorSurnames(fields.authors ?? '');
      for (const place of (fields.institution ?? '').split(';')) {
        const key = place.trim().toLowerCase();
        if (key) found.add(`institution:${key}`);
      }
      peopleOf.set(id, found);
    }
    return found;
  };
  // Each compared row's source year and people, looked up once per row rather than once per pair.
  const rowYears = rows.map((i) => yearOf(cases.sourceIds[i]!));
  const rowPeople = rows.map((i) => people(cases.sourceIds[i]!));
  const pairs: DuplicatePair[] = [];
  let more = 0;
  for (let x = 0; x < rows.length; x++) {
    for (let y = x + 1; y < rows.length; y++) {
      const i = rows[x]!;
      const j = rows[y]!;
      const si = cases.sourceIds[i]!;
      const sj = cases.sourceIds[j]!;
      if (si === sj) continue;
      // Past the pairs described, a pair is only counted: nothing is allocated for it.
      const describe = pairs.length < describedPairs;
      const agreements: string[] = [];
      let shared = 0;
      let differ = false;
      for (let f = 0; f < spec.fields.length; f++) {
        const field = spec.fields[f]!;
        const a = fieldValues[f]![x] ?? null;
        const b = fieldValues[f]![y] ?? null;
        if (a === null || b === null) continue;
        if (!same(a, b, field)) {
          differ = true;
          break;
        }
        shared++;
        if (describe) agreements.push(`${field.variable} ${shown(a, b)}`);
      }
      if (differ || shared < minShared) continue;
      const yi = rowYears[x]!;
      const yj = rowYears[y]!;
      if (spec.yearWithin !== undefined && yi !== null && yj !== null) {
        if (Math.abs(yi - yj) > spec.yearWithin) continue;
        if (describe) agreements.push(`published ${shown(yi, yj)}`);
      }
      if (spec.sharedAuthor) {
        const pi = rowPeople[x]!;
        const pj = rowPeople[y]!;
        if (pi.size > 0 && pj.size > 0) {
          if (!shareAny(pi, pj)) continue;
          if (describe) {
            const common = [...pi].filter((p) => pj.has(p));
            agreements.push(
              `sources share ${common.map((c) => `"${excerpt(c.replace(/^institution:/, ''))}"`).join(', ')}`,
            );
          }
        }
      }
      if (describe) pairs.push({ first: i, second: j, agreements });
      else more++;
    }
  }
  return { pairs, skipped: false, more };
}

/** Do the two sets have a member in common? (No array made: asked for millions of pairs.) */
function shareAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
