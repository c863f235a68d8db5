import { normalQuantile } from './distributions.ts';
import { lowerBound, sortedInPlace } from './ascendingOrder.ts';
import { mergedTimes } from './mergeTiedTimes.ts';

/** One patient: time from the origin to the event (event = true) or to the last follow-up (censored). */
export interface SurvivalObservation {
  time: number;
  event: boolean;
  id?: string;
}

/**
 * Observations as columns: the time and the event (1 = event, 0 = censored) of each patient, the form in
 * which 10^6 patients are a few typed arrays instead of 10^6 objects.
 */
export interface SurvivalColumns {
  time: Float64Array;
  event: Uint8Array;
}

/** The observations as columns. */
export function survivalColumns(obs: readonly SurvivalObservation[]): SurvivalColumns {
  const time = new Float64Array(obs.length);
  const event = new Uint8Array(obs.length);
  obs.forEach((o, i) => {
    time[i] = o.time;
    event[i] = o.event ? 1 : 0;
  });
  return { time, event };
}

/**
 * The times with those that differ only by floating-point noise made equal (R's timefix = TRUE), or as
 * they are (timefix = false, for times already merged over a larger set, as survfit merges over all strata
 * before it splits them); a new array either way.
 */
function timesMerged(time: Float64Array, timefix: boolean): Float64Array {
  return timefix ? mergedTimes(time) : time.slice();
}

/** The event times and the censoring times, each sorted ascending. */
function sortedByStatus(
  time: Float64Array,
  event: Uint8Array,
): { deaths: Float64Array; censored: Float64Array } {
  let nDeaths = 0;
  for (let i = 0; i < event.length; i++) nDeaths += event[i]!;
  const deaths = new Float64Array(nDeaths);
  const censored = new Float64Array(time.length - nDeaths);
  let d = 0;
  let c = 0;
  for (let i = 0; i < time.length; i++) {
    if (event[i] === 1) deaths[d++] = time[i]!;
    else censored[c++] = time[i]!;
  }
  return { deaths: sortedInPlace(deaths), censored: sortedInPlace(censored) };
}

/** Scale on which the pointwise confidence interval of S(t) is symmetric. */
export type ConfidenceScale = 'log-log' | 'log';

export interface KaplanMeierStep {
  time: number;
  /** Number with time >= this time. */
  n_risk: number;
  n_event: number;
  n_censor: number;
  survival: number;
  /** Greenwood standard error of S(t) itself (not of log S); NaN where S = 0, as in R. */
  se: number;
  /**
   * Pointwise interval at the fit's confidence level (0.95 unless asked otherwise). [1, 1] while S = 1
   * (R gives NA there on the log-log scale); [NaN, NaN] once S = 0, where neither scale is defined
   * (R: NA). JSON.stringify writes NaN as null.
   */
  ci95: [number, number];
}

export interface KaplanMeierFit {
  n: number;
  events: number;
  censored: number;
  scale: ConfidenceScale;
  /** One row per distinct time with an event or a censoring, in increasing time. */
  table: KaplanMeierStep[];
}

function checkObservations(caller: string, obs: readonly SurvivalObservation[]): void {
  for (const o of obs) {
    if (!Number.isFinite(o.time)) {
      throw new RangeError(
        `${caller}: times must be finite numbers, got ${o.time}${o.id ? ` (${o.id})` : ''}`,
      );
    }
  }
}

function checkTimes(caller: string, time: Float64Array): void {
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (!Number.isFinite(t)) throw new RangeError(`${caller}: times must be finite numbers, got ${t}`);
  }
}

/**
 * Pointwise interval for S from the standard error of log S (the square root of Greenwood's sum).
 * 'log': S exp(±z se), upper capped at 1. 'log-log' (Kalbfleisch & Prentice 1980; Borgan & Liestøl 1990):
 * symmetric for log(-log S), i.e. S^exp(±z se / log S); never leaves [0, 1].
 */
function pointwiseInterval(
  survival: number,
  seLog: number,
  z: number,
  scale: ConfidenceScale,
): [number, number] {
  if (survival === 0) return [NaN, NaN];
  // No event yet: nothing is uncertain about S = 1 under the model, and both transforms are degenerate.
  if (survival === 1) return [1, 1];
  if (scale === 'log') {
    return [survival * Math.exp(-z * seLog), Math.min(1, survival * Math.exp(z * seLog))];
  }
  const spread = (z * seLog) / -Math.log(survival);
  return [Math.pow(survival, Math.exp(spread)), Math.pow(survival, Math.exp(-spread))];
}

/**
 * Kaplan & Meier (1958) product-limit estimate of the survival function with Greenwood's (1926) variance:
 * Var(log S(t)) = Σ d / (n (n - d)) over event times up to t. Events at a time are counted before the
 * censorings at the same time (the censored are still at risk then), as in R's survfit. Rows come from
 * counts per distinct time, so the order of the input does not matter. Times that differ only by
 * floating-point noise are one time, as in R (timefix = TRUE, see mergeTiedTimes); a row's time is the
 * smallest of the times merged into it, as R reports it.
 */
export function kaplanMeier(
  obs: readonly SurvivalObservation[],
  options: { scale?: ConfidenceScale; confidence?: number; timefix?: boolean } = {},
): KaplanMeierFit {
  checkObservations('kaplanMeier', obs);
  return kaplanMeierOfColumns(survivalColumns(obs), options);
}

/**
 * kaplanMeier of observations given as columns. The table needs only the number of events and of
 * censorings at each distinct time, so the event times and the censoring times are sorted apart (native
 * typed-array sorts) and walked together.
 */
export function kaplanMeierOfColumns(
  columns: SurvivalColumns,
  options: { scale?: ConfidenceScale; confidence?: number; timefix?: boolean } = {},
): KaplanMeierFit {
  checkTimes('kaplanMeier', columns.time);
  const scale = options.scale ?? 'log-log';
  const confidence = options.confidence ?? 0.95;
  if (scale !== 'log' && scale !== 'log-log')
    throw new RangeError(`kaplanMeier: unknown scale ${String(scale)}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`kaplanMeier: confidence must be between 0 and 1, got ${confidence}`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);

  const n = columns.time.length;
  const { deaths, censored } = sortedByStatus(
    timesMerged(columns.time, options.timefix ?? true),
    columns.event,
  );
  const table: KaplanMeierStep[] = [];
  let atRisk = n;
  let survival = 1;
  let greenwood = 0;
  let events = 0;
  let d = 0;
  let c = 0;
  while (d < deaths.length || c < censored.length) {
    const time =
      c >= censored.length || (d < deaths.length && deaths[d]! <= censored[c]!) ? deaths[d]! : censored[c]!;
    let nEvent = 0;
    let nCensor = 0;
    for (; d < deaths.length && deaths[d] === time; d++) nEvent++;
    for (; c < censored.length && censored[c] === time; c++) nCensor++;
    if (nEvent > 0) {
      survival *= (atRisk - nEvent) / atRisk;
      // Infinite when everyone at risk dies (S = 0); se and interval are then reported as undefined.
      greenwood += nEvent / (atRisk * (atRisk - nEvent));
    }
    const seLog = Math.sqrt(greenwood);
    table.push({
      time,
      n_risk: atRisk,
      n_event: nEvent,
      n_censor: nCensor,
      survival,
      se: survival === 0 ? NaN : survival * seLog,
      ci95: pointwiseInterval(survival, seLog, z, scale),
    });
    events += nEvent;
    atRisk -= nEvent + nCensor;
  }
  return { n, events, censored: n - events, scale, table };
}

/** Index of the last row with time <= t, or -1 when t is before the first row. */
function lastRowAtOrBefore(table: readonly KaplanMeierStep[], t: number): number {
  let low = 0;
  let high = table.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (table[middle]!.time <= t) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * S(t) and its interval, read off the right-continuous step function: the row of the last time <= t.
 * Before the first time S = 1 with interval [1, 1]. After the last time the last value is carried on
 * (R's summary(fit, times, extend = TRUE)); the caller decides whether such a time is beyond follow-up.
 */
export function survivalAt(fit: KaplanMeierFit, t: number): { survival: number; ci95: [number, number] } {
  if (Number.isNaN(t)) throw new RangeError('survivalAt: t is NaN');
  const row = fit.table[lastRowAtOrBefore(fit.table, t)];
  if (row === undefined) return { survival: 1, ci95: [1, 1] };
  return { survival: row.survival, ci95: [row.ci95[0], row.ci95[1]] };
}

/** R's all.equal tolerance, which survfit uses to recognise a curve sitting exactly at 0.5. */
const HALF_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * The first time a curve (values at the table times) is <= 0.5, skipping undefined (NaN) values; null if
 * it never is. If the curve sits at 0.5 there, the answer is the midpoint between that time and the next
 * time it drops below 0.5, the usual convention for a median; with no later drop, the time itself.
 * This follows the median rule of R's print.survfit (survmean).
 */
function firstTimeAtOrBelowHalf(times: readonly number[], values: readonly number[]): number | null {
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < 0.5 + HALF_TOLERANCE) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const level = values[first]!;
  if (Math.abs(level - 0.5) < HALF_TOLERANCE) {
    for (let j = first + 1; j < values.length; j++) {
      if (values[j]! < level) return (times[first]! + times[j]!) / 2;
    }
  }
  return times[first]!;
}

/**
 * Median survival and its confidence interval as R's print.survfit reports them: the median is the first
 * time S(t) <= 0.5 (midpoint rule on a flat at exactly 0.5); the limits are where the pointwise interval
 * curves cross 0.5, the inversion of pointwise intervals that R uses in place of Brookmeyer & Crowley's
 * (1982) test-based interval. The lower curve lies below S and reaches 0.5 first, so the lower limit is the
 * first time the lower curve is <= 0.5 and the upper limit the first time the upper curve is. null (R: NA)
 * where a curve never gets there. The interval depends on the fit's scale.
 */
export function medianSurvival(fit: KaplanMeierFit): {
  estimate: number | null;
  ci95: [number | null, number | null];
} {
  const times = fit.table.map((row) => row.time);
  return {
    estimate: firstTimeAtOrBelowHalf(
      times,
      fit.table.map((row) => row.survival),
    ),
    ci95: [
      firstTimeAtOrBelowHalf(
        times,
        fit.table.map((row) => row.ci95[0]),
      ),
      firstTimeAtOrBelowHalf(
        times,
        fit.table.map((row) => row.ci95[1]),
      ),
    ],
  };
}

/**
 * Number at risk (time >= t) at each requested time, for the table under a survival plot. Observed times
 * are merged as kaplanMeier merges them (timefix), so the counts agree with its table.
 */
export function numberAtRisk(
  obs: readonly SurvivalObservation[],
  times: readonly number[],
  options: { timefix?: boolean } = {},
): Array<{ time: number; n_risk: number }> {
  checkObservations('numberAtRisk', obs);
  return numberAtRiskOfColumns(survivalColumns(obs), times, options);
}

/** numberAtRisk of observations given as columns. */
export function numberAtRiskOfColumns(
  columns: SurvivalColumns,
  times: readonly number[],
  options: { timefix?: boolean } = {},
): Array<{ time: number; n_risk: number }> {
  checkTimes('numberAtRisk', columns.time);
  const sorted = sortedInPlace(timesMerged(columns.time, options.timefix ?? true));
  return times.map((time) => {
    if (Number.isNaN(time)) throw new RangeError('numberAtRisk: a requested time is NaN');
    // Everyone from the first time >= the requested one on is still at risk.
    return { time, n_risk: sorted.length - lowerBound(sorted, time) };
  });
}
