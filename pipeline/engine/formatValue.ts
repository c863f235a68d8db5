import type { Value } from '../types.ts';

/** Rounds away binary noise (0.1 + 0.2) without hiding real precision. */
export function roundForOutput(x: number, decimals = 6): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** A canonical value as one CSV/HTML cell: lists joined by "; ", yes/no, empty for not reported. */
export function formatValue(value: Value): string | number | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return roundForOutput(value);
  return value;
}
