import type { Value } from '../types.ts';

/** Rounds away binary noise (0.1 + 0.2) without hiding real precision. */
export function roundForOutput(x: number, decimals = 6): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/**
 * A canonical value as one CSV/HTML cell: lists joined by "; ", yes/no, empty for not reported. Numbers
 * are rounded to 6 decimals for people to read; with `exactNumbers` (the tidy CSVs) they are kept as they
 * are, and the CSV writer's String(x) is the shortest text that Number() reads back as the same double, so
 * a re-analysis of the tidy file in R or Python starts from the very values the statistics used (12 days is
 * written 0.3942505133470226 months, not 0.394251).
 */
export function formatValue(value: Value, options: { exactNumbers?: boolean } = {}): string | number | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return options.exactNumbers ? value : roundForOutput(value);
  return value;
}
