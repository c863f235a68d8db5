import { sourceYear } from '../cohortTables/sourceYear.ts';
import type { CaseTable, DuplicateSpec, Source, Value } from '../types.ts';
import { valueAt } from '../values/columns.ts';

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
): { pairs: DuplicatePair[]; skipped: boolean } {
  const rows: number[] = [];
  for (let i = 0; i < cases.n; i++) if (cases.included[i]) rows.push(i);
  if (rows.length > DUPLICATE_CHECK_LIMIT) return { pairs: [], skipped: true };
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
  const pairs: DuplicatePair[] = [];
  for (let x = 0; x < rows.length; x++) {
    for (let y = x + 1; y < rows.length; y++) {
      const i = rows[x]!;
      const j = rows[y]!;
      const si = cases.sourceIds[i]!;
      const sj = cases.sourceIds[j]!;
      if (si === sj) continue;
      const agreements: string[] = [];
      let shared = 0;
      let differ = false;
      for (const [f, field] of spec.fields.entries()) {
        const a = fieldValues[f]![x] ?? null;
        const b = fieldValues[f]![y] ?? null;
        if (a === null || b === null) continue;
        if (!same(a, b, field)) {
          differ = true;
          break;
        }
        shared++;
        agreements.push(`${field.variable} ${shown(a, b)}`);
      }
      if (differ || shared < minShared) continue;
      const [yi, yj] = [yearOf(si), yearOf(sj)];
      if (spec.yearWithin !== undefined && yi !== null && yj !== null) {
        if (Math.abs(yi - yj) > spec.yearWithin) continue;
        agreements.push(`published ${shown(yi, yj)}`);
      }
      if (spec.sharedAuthor) {
        const [pi, pj] = [people(si), people(sj)];
        if (pi.size > 0 && pj.size > 0) {
          const common = [...pi].filter((p) => pj.has(p));
          if (common.length === 0) continue;
          agreements.push(
            `sources share ${common.map((c) => `"${c.replace(/^institution:/, '')}"`).join(', ')}`,
          );
        }
      }
      pairs.push({ first: i, second: j, agreements });
    }
  }
  return { pairs, skipped: false };
}
