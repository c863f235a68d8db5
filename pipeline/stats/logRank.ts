import { ascendingCopy, sortedInPlace } from './ascendingOrder.ts';
import { chiSquareSurvival } from './distributions.ts';
import { survivalColumns, type SurvivalColumns, type SurvivalObservation } from './kaplanMeier.ts';
import { mergedTimesAcross } from './mergeTiedTimes.ts';
import { solveLinearSystem } from './solveLinearSystem.ts';

export interface LogRankResult {
  chisq: number;
  df: number;
  p: number;
}

const NO_TEST: LogRankResult = { chisq: NaN, df: 0, p: NaN };

/**
 * k-sample log-rank test (Mantel 1966; Peto & Peto 1972), the rho = 0 member of R's survdiff.
 *
 * At each distinct event time, with n at risk of whom d die, group j (n_j at risk) expects d n_j / n deaths;
 * the observed minus expected counts O - E are summed over time together with their hypergeometric
 * covariance V_jl = d (n - d) / (n - 1) · n_j / n · (δ_jl - n_l / n). V has rank k - 1 (the O - E sum to
 * 0), so one group is left out and chisq = (O - E)' V⁻¹ (O - E) on the rest, with k - 1 df.
 *
 * Groups with no observations are dropped. As in survdiff, so are groups with no expected deaths (e.g. all
 * censored before the first death), which add nothing to the test. With fewer than two groups left there is
 * no test: { chisq: NaN, df: 0, p: NaN } (survdiff reports chisq 0). If V is singular (e.g. the only deaths
 * are one time at which everyone at risk dies) the statistic is undefined: chisq and p are NaN.
 *
 * Times that differ only by floating-point noise, across all groups, are one time, as in survdiff
 * (timefix = TRUE, see mergeTiedTimes).
 */
export function logRank(
  groups: ReadonlyArray<readonly SurvivalObservation[]>,
  options: { timefix?: boolean } = {},
): LogRankResult {
  return logRankOfColumns(groups.map(survivalColumns), options);
}

/**
 * logRank of groups given as columns. The test needs, at each distinct time, each group's deaths and the
 * number leaving its risk set, so each group's death times and all its times are sorted apart (native
 * typed-array sorts) and the groups are walked together, one distinct time at a time.
 */
export function logRankOfColumns(
  groups: readonly SurvivalColumns[],
  options: { timefix?: boolean } = {},
): LogRankResult {
  const nonEmpty = groups.filter((group) => group.time.length > 0);
  if (nonEmpty.length < 2) return NO_TEST;
  for (const group of nonEmpty) {
    for (let i = 0; i < group.time.length; i++) {
      const t = group.time[i]!;
      if (!Number.isFinite(t)) throw new RangeError(`logRank: times must be finite numbers, got ${t}`);
    }
  }

  const k = nonEmpty.length;
  const times =
    (options.timefix ?? true) ? mergedTimesAcross(nonEmpty.map((g) => g.time)) : nonEmpty.map((g) => g.time);
  const leavingTimes = times.map((t) => ascendingCopy(t));
  const deathTimes = nonEmpty.map((group, j) => sortedInPlace(deathTimesOf(times[j]!, group.event)));
  const nextLeaving = new Array<number>(k).fill(0);
  const nextDeath = new Array<number>(k).fill(0);
  const atRisk = nonEmpty.map((group) => group.time.length);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const covariance = Array.from({ length: k }, () => new Array<number>(k).fill(0));

  for (;;) {
    let time = Infinity;
    let any = false;
    for (let j = 0; j < k; j++) {
      if (nextLeaving[j]! < leavingTimes[j]!.length) {
        any = true;
        time = Math.min(time, leavingTimes[j]![nextLeaving[j]!]!);
      }
    }
    if (!any) break;
    const deaths = new Array<number>(k).fill(0);
    const leaving = new Array<number>(k).fill(0);
    for (let j = 0; j < k; j++) {
      const all = leavingTimes[j]!;
      const dead = deathTimes[j]!;
      for (; nextLeaving[j]! < all.length && all[nextLeaving[j]!] === time; nextLeaving[j]!++) leaving[j]!++;
      for (; nextDeath[j]! < dead.length && dead[nextDeath[j]!] === time; nextDeath[j]!++) deaths[j]!++;
    }
    const d = deaths.reduce((sum, x) => sum + x, 0);
    if (d > 0) {
      const n = atRisk.reduce((sum, x) => sum + x, 0);
      const spread = n > 1 ? (d * (n - d)) / (n - 1) : 0;
      for (let j = 0; j < k; j++) {
        const share = atRisk[j]! / n;
        observed[j]! += deaths[j]!;
        expected[j]! += d * share;
        for (let l = 0; l < k; l++) {
          covariance[j]![l]! += spread * share * ((j === l ? 1 : 0) - atRisk[l]! / n);
        }
      }
    }
    for (let j = 0; j < k; j++) atRisk[j]! -= leaving[j]!;
  }

  const kept = expected.flatMap((e, j) => (e > 0 ? [j] : []));
  if (kept.length < 2) return NO_TEST;
  // Any one group can be left out; the quadratic form is the same. Leave out the first, as survdiff does.
  const used = kept.slice(1);
  const difference = used.map((j) => observed[j]! - expected[j]!);
  const solution = solveLinearSystem(
    used.map((j) => used.map((l) => covariance[j]![l]!)),
    difference,
  );
  const df = kept.length - 1;
  if (solution === null) return { chisq: NaN, df, p: NaN };
  const chisq = solution.reduce((sum, x, index) => sum + x * difference[index]!, 0);
  return { chisq, df, p: chiSquareSurvival(chisq, df) };
}

/** The times of the events (event 1), in input order. */
function deathTimesOf(time: Float64Array, event: Uint8Array): Float64Array {
  let deaths = 0;
  for (let i = 0; i < event.length; i++) deaths += event[i]!;
  const out = new Float64Array(deaths);
  for (let i = 0, k = 0; i < event.length; i++) if (event[i] === 1) out[k++] = time[i]!;
  return out;
}
