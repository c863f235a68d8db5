/** `71.4%`; a dash for a value that cannot be computed (no denominator). */
export function formatPercent(percent: number | null, decimals = 1): string {
  return percent === null || !Number.isFinite(percent) ? '–' : `${percent.toFixed(decimals)}%`;
}

/** ∞ or −∞ for an infinite number (an unbounded odds ratio or limit), null for any other. */
function infinitySign(x: number | null | undefined): string | null {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  return null;
}

/** A number with at most `decimals` decimals and no trailing zeros; ∞ for infinite; a dash for missing. */
export function formatNumber(x: number | null | undefined, decimals = 1): string {
  const infinite = infinitySign(x);
  if (infinite) return infinite;
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return String(Math.round(x * 10 ** decimals) / 10 ** decimals);
}

/**
 * A CI given as proportions, shown as percentages: `57.6–82.2%`; or as numbers, `0.21–∞` for an odds
 * ratio's. A limit that is not computed (null, NaN) is NA, an unbounded one ∞.
 */
export function formatInterval(
  ci: readonly [number | null, number | null] | null,
  asPercent = true,
  decimals = 1,
): string {
  if (!ci) return '–';
  const f = (v: number | null) =>
    infinitySign(v) ??
    (v === null || !Number.isFinite(v) ? 'NA' : (asPercent ? v * 100 : v).toFixed(decimals));
  return `${f(ci[0])}–${f(ci[1])}${asPercent ? '%' : ''}`;
}

/** `1 death`, `2 deaths`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** p-values as journals print them. */
export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '–';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
