import type { Condition, Value } from '../../pipeline/types.ts';
import { columnBuilder, type Column, type ColumnKind } from '../../pipeline/values/columns.ts';

/**
 * Synthetic columns of every kind a case table holds, with values not reported (null), −0, empty
 * lists and non-ASCII texts, and random conditions over them: for the tests that compare the ways of
 * answering a condition (rowCondition, conditionAnswers) with a reference and with each other.
 */
const TEXTS = ['liver', 'lung', 'other', 'none', 'poumon é'];
const POOLS: Record<string, { kind: ColumnKind; values: Value[] }> = {
  number: { kind: 'number', values: [null, 0, -0, 4.5, 12, -1, -0.5, 20] },
  boolean: { kind: 'boolean', values: [null, true, false] },
  category: { kind: 'coded', values: [null, ...TEXTS] },
  list: { kind: 'list', values: [null, [], ['liver'], ['lung', 'bone'], ['other'], ['poumon é'], ['none']] },
  text: { kind: 'text', values: [null, ...TEXTS] },
};
/** The variables a condition may name: each column, and one the table does not have. */
const VARIABLES = [...Object.keys(POOLS), 'missing'];
const TERMS: Array<string | boolean> = ['liver', 'lung', 'none', 'bone', 'poumon é', true, false];

/** `n` rows of every column kind: the values as written (for a reference) and the columns built. */
export function randomCaseColumns(
  random: () => number,
  n: number,
): { values: Record<string, Value[]>; columns: Record<string, Column> } {
  const values: Record<string, Value[]> = {};
  const columns: Record<string, Column> = {};
  for (const [variable, pool] of Object.entries(POOLS)) {
    const column = Array.from({ length: n }, () => pool.values[Math.floor(random() * pool.values.length)]!);
    const builder = columnBuilder(pool.kind, n);
    column.forEach((value, row) => builder.set(row, value));
    values[variable] = column;
    columns[variable] = builder.finish();
  }
  return { values, columns };
}

/**
 * A random condition nested up to `depth`: all/any of 0 to 3 parts (an empty all holds, an empty any
 * does not), not, in, reported and number ranges, over the variables above.
 */
export function randomCondition(random: () => number, depth: number): Condition {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const variable = pick(VARIABLES);
  const kind =
    depth > 0 ? pick(['all', 'any', 'not', 'in', 'reported', 'range']) : pick(['in', 'reported', 'range']);
  const parts = () =>
    Array.from({ length: Math.floor(random() * 4) }, () => randomCondition(random, depth - 1));
  if (kind === 'all') return { all: parts() };
  if (kind === 'any') return { any: parts() };
  if (kind === 'not') return { not: randomCondition(random, depth - 1) };
  if (kind === 'in') return { variable, in: TERMS.filter(() => random() < 0.4) };
  if (kind === 'reported') return { variable, reported: random() < 0.5 };
  const bound = () => (random() < 0.5 ? undefined : Math.round(random() * 20 - 2));
  return { variable, atLeast: bound(), atMost: bound(), below: bound() };
}
