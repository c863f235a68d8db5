/** R's default tolerance for aeqSurv: sqrt(.Machine$double.eps). */
export const TIED_TIME_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * Times that differ only by floating-point noise made equal, by the rule of R's survival:::aeqSurv, which
 * survfit, survdiff and coxph apply by default (timefix = TRUE). Two neighbouring distinct times are tied
 * when their gap is at most `tolerance`, absolutely or relative to the mean absolute distinct time; a run
 * of tied neighbours becomes one time, the smallest of the run (so a run can span more than the
 * tolerance, as in R). Without this, 12 days and 7 + 5 days, converted to months, are two times a rounding
 * step apart, and a death and a censoring that happened together are counted as if one came first.
 *
 * Returns the times in the input order, each replaced by the first time of its run; non-finite times are
 * returned as they are.
 */
export function mergeTiedTimes(times: readonly number[], tolerance = TIED_TIME_TOLERANCE): number[] {
  if (!(tolerance >= 0)) throw new RangeError(`mergeTiedTimes: tolerance must be >= 0, got ${tolerance}`);
  const distinct = [...new Set(times)].filter(Number.isFinite).sort((a, b) => a - b);
  if (distinct.length < 2 || tolerance === 0) return [...times];
  const meanAbsolute = distinct.reduce((sum, t) => sum + Math.abs(t), 0) / distinct.length;
  const runStart = new Map<number, number>([[distinct[0]!, distinct[0]!]]);
  let start = distinct[0]!;
  let merged = false;
  for (let i = 1; i < distinct.length; i++) {
    const gap = distinct[i]! - distinct[i - 1]!;
    if (gap <= tolerance || gap / meanAbsolute <= tolerance) merged = true;
    else start = distinct[i]!;
    runStart.set(distinct[i]!, start);
  }
  return merged ? times.map((t) => runStart.get(t) ?? t) : [...times];
}
