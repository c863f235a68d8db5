import { describe, expect, it } from 'vitest';
import {
  kaplanMeier,
  kaplanMeierOfColumns,
  medianSurvival,
  numberAtRisk,
  numberAtRiskOfColumns,
  survivalColumns,
  survivalAt,
  type KaplanMeierFit,
  type SurvivalObservation,
} from '../../pipeline/stats/kaplanMeier.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

/** Weeks of remission, `+` = censored (Freireich et al. 1963, 6-MP arm and placebo arm). */
function parseTimes(text: string): SurvivalObservation[] {
  return text.split(',').map((cell) => ({ time: Number.parseFloat(cell), event: !cell.endsWith('+') }));
}
const sixMP = parseTimes('6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,25+,32+,32+,34+,35+');
const placebo = parseTimes('1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23');

function row(fit: KaplanMeierFit, time: number) {
  const found = fit.table.find((r) => r.time === time);
  if (!found) throw new Error(`no row at ${time}`);
  return found;
}

/** Random right-censored data with many ties (integer times). */
function randomData(random: () => number, censoring = 0.3): SurvivalObservation[] {
  const n = randomInteger(random, 1, 60);
  return Array.from({ length: n }, (_, i) => ({
    time: randomInteger(random, 0, 25),
    event: random() >= censoring,
    id: `p${i}`,
  }));
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInteger(random, 0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('kaplanMeier: Freireich 6-MP arm', () => {
  const fit = kaplanMeier(sixMP);

  it('counts patients, events and censorings, one row per distinct time', () => {
    expect(fit.n).toBe(21);
    expect(fit.events).toBe(9);
    expect(fit.censored).toBe(12);
    expect(fit.table.map((r) => r.time)).toEqual([
      6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35,
    ]);
  });

  it('counts deaths before censorings at a tied time (the censored at 6 are still at risk at 6)', () => {
    expect(row(fit, 6)).toMatchObject({ n_risk: 21, n_event: 3, n_censor: 1 });
    expect(row(fit, 7)).toMatchObject({ n_risk: 17, n_event: 1, n_censor: 0 });
    expect(row(fit, 10)).toMatchObject({ n_risk: 15, n_event: 1, n_censor: 1 });
    expect(row(fit, 32)).toMatchObject({ n_risk: 4, n_event: 0, n_censor: 2 });
  });

  it('gives S(t) = 0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448 at 6, 7, 10, 13, 16, 22, 23', () => {
    const expected: Array<[number, number]> = [
      [6, 0.857],
      [7, 0.807],
      [10, 0.753],
      [13, 0.69],
      [16, 0.627],
      [22, 0.538],
      [23, 0.448],
    ];
    for (const [time, survival] of expected) {
      expect(row(fit, time).survival).toBeCloseTo(survival, 3);
      expect(survivalAt(fit, time).survival).toBeCloseTo(survival, 3);
    }
  });

  it('gives Greenwood standard errors 0.0764 at 6 and 0.1346 at 23', () => {
    expect(row(fit, 6).se).toBeCloseTo(0.0764, 4);
    expect(row(fit, 23).se).toBeCloseTo(0.1346, 4);
  });

  it('uses the log-log scale by default: 95% CI 0.620–0.952 at 6 and 0.188–0.680 at 23', () => {
    expect(fit.scale).toBe('log-log');
    expect(row(fit, 6).ci95).toEqual([expect.closeTo(0.62, 3), expect.closeTo(0.952, 3)]);
    expect(row(fit, 23).ci95).toEqual([expect.closeTo(0.188, 3), expect.closeTo(0.68, 3)]);
  });

  it('gives 0.720–1.000 at 6 on the log scale, the upper limit capped at 1', () => {
    const logFit = kaplanMeier(sixMP, { scale: 'log' });
    expect(logFit.scale).toBe('log');
    expect(row(logFit, 6).ci95[0]).toBeCloseTo(0.72, 3);
    expect(row(logFit, 6).ci95[1]).toBe(1);
  });

  it('gives the published median 23 weeks, 95% CI 13 to NA, on the log-log scale', () => {
    expect(medianSurvival(fit)).toEqual({ estimate: 23, ci95: [13, null] });
  });

  it('gives median 23, 95% CI 16 to NA on the log scale (what R prints with its default conf.type = "log")', () => {
    expect(medianSurvival(kaplanMeier(sixMP, { scale: 'log' }))).toEqual({ estimate: 23, ci95: [16, null] });
  });

  it('gives the placebo arm median 8, 95% CI 4–12 on the log scale (as R prints for MASS::gehan controls)', () => {
    expect(medianSurvival(kaplanMeier(placebo, { scale: 'log' }))).toEqual({ estimate: 8, ci95: [4, 12] });
  });

  it('narrows the interval at a lower confidence level', () => {
    const ninety = row(kaplanMeier(sixMP, { confidence: 0.9 }), 13).ci95;
    const ninetyFive = row(fit, 13).ci95;
    expect(ninety[0]).toBeGreaterThan(ninetyFive[0]);
    expect(ninety[1]).toBeLessThan(ninetyFive[1]);
  });
});

describe('kaplanMeier: times a rounding step apart are one time, as in R (timefix = TRUE)', () => {
  const MONTH = 30.4375;
  // Synthetic: a death at 12 days and a censoring at 1 week 5 days, as the old duration parser gave them
  // (7/30.4375 + 5/30.4375 months, one rounding step below 12/30.4375), a death at 1 and a censoring at 2.
  const nearTie: SurvivalObservation[] = [
    { time: 12 / MONTH, event: true },
    { time: 7 / MONTH + 5 / MONTH, event: false },
    { time: 1, event: true },
    { time: 2, event: false },
  ];

  it('counts the death before the censoring: S = 0.75 then 0.375 (R survfit)', () => {
    // R: t <- c(12/30.4375, 7/30.4375 + 5/30.4375, 1, 2); s <- c(1, 0, 1, 0)
    //    f <- survfit(Surv(t, s) ~ 1, conf.type = "log-log"); options(digits = 17)
    //    data.frame(f$time, f$n.risk, f$n.event, f$n.censor, f$surv, f$lower, f$upper)
    //    0.39425051334702255 4 1 1 0.750 0.127946917595145870 0.96054864228507841
    //    1                   2 1 0 0.375 0.010971121574844577 0.80800107248134345
    //    2                   1 0 1 0.375 0.010971121574844577 0.80800107248134345
    const fit = kaplanMeier(nearTie);
    expect(fit.table.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor, r.survival])).toEqual([
      [0.39425051334702255, 4, 1, 1, 0.75],
      [1, 2, 1, 0, 0.375],
      [2, 1, 0, 1, 0.375],
    ]);
    const limits = [
      [0.12794691759514587, 0.96054864228507841],
      [0.010971121574844577, 0.80800107248134345],
      [0.010971121574844577, 0.80800107248134345],
    ];
    fit.table.forEach((r, i) => {
      expect(r.ci95[0]).toBeCloseTo(limits[i]![0]!, 14);
      expect(r.ci95[1]).toBeCloseTo(limits[i]![1]!, 14);
    });
  });

  it('gives what R gives with timefix = FALSE when asked not to merge: 0.667 then 0.333', () => {
    // R: survfit(Surv(t, s) ~ 1, timefix = FALSE)$surv  →  1 0.66666666666666663 0.33333333333333331 0.333…
    const fit = kaplanMeier(nearTie, { timefix: false });
    expect(fit.table.map((r) => r.survival)).toEqual([1, 2 / 3, 1 / 3, 1 / 3]);
  });

  it('merges gaps small relative to the mean time (days around 1000, gaps of 1e-6 and 1e-5)', () => {
    // R: t <- c(1000, 1000 + 1e-6, 1000 + 1e-6, 1500, 2000, 2000 + 1e-5, 2500); s <- c(0, 1, 1, 1, 1, 0, 0)
    //    f <- survfit(Surv(t, s) ~ 1, conf.type = "log-log")
    //    time 1000 1500 2000 2500; n.risk 7 4 3 1; n.event 2 1 1 0; n.censor 1 0 1 1
    //    surv 0.7142857142857143 0.5357142857142857 0.3571428571428571 0.3571428571428571
    //    lower 0.258153665458795034 0.131988176962638731 0.051976519457499523 (last repeated)
    //    upper 0.91979745604485830 0.82499704203971369 0.69871303198504864 (last repeated)
    const times = [1000, 1000 + 1e-6, 1000 + 1e-6, 1500, 2000, 2000 + 1e-5, 2500];
    const events = [false, true, true, true, true, false, false];
    const fit = kaplanMeier(times.map((time, i) => ({ time, event: events[i]! })));
    expect(fit.table.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor])).toEqual([
      [1000, 7, 2, 1],
      [1500, 4, 1, 0],
      [2000, 3, 1, 1],
      [2500, 1, 0, 1],
    ]);
    const expected = [
      [0.7142857142857143, 0.258153665458795034, 0.9197974560448583],
      [0.5357142857142857, 0.131988176962638731, 0.82499704203971369],
      [0.3571428571428571, 0.051976519457499523, 0.69871303198504864],
      [0.3571428571428571, 0.051976519457499523, 0.69871303198504864],
    ];
    fit.table.forEach((r, i) => {
      expect(r.survival).toBeCloseTo(expected[i]![0]!, 15);
      expect(r.ci95[0]).toBeCloseTo(expected[i]![1]!, 14);
      expect(r.ci95[1]).toBeCloseTo(expected[i]![2]!, 14);
    });
  });

  it('merges a run of near-ties into its first time and keeps a gap of 1e-7 at 2 as two times', () => {
    // R: t <- c(1, 1 + 1e-8, 1 + 2e-8, 1 + 3e-8, 2, 2 + 1e-7, 3, 4); s <- c(1, 0, 1, 1, 1, 0, 1, 0)
    //    f <- survfit(Surv(t, s) ~ 1, conf.type = "log-log")
    //    time 1 2 2.0000000999999998 3 4; n.risk 8 4 3 2 1; n.event 3 1 0 1 0; n.censor 1 0 1 0 1
    //    surv 0.625 0.46875 0.46875 0.234375 0.234375
    //    lower 0.229333322429131681 0.119928622240907154 (again) 0.013015486045419942 (again)
    //    upper 0.86069827691353873 0.76285566787176007 (again) 0.61580603574140447 (again)
    //    summary(survfit(Surv(t, s) ~ 1), times = c(1, 2, 2 + 1e-7, 3))$n.risk  →  8 4 3 2
    const times = [1, 1 + 1e-8, 1 + 2e-8, 1 + 3e-8, 2, 2 + 1e-7, 3, 4];
    const events = [true, false, true, true, true, false, true, false];
    const obs = times.map((time, i) => ({ time, event: events[i]! }));
    const fit = kaplanMeier(obs);
    expect(fit.table.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor, r.survival])).toEqual([
      [1, 8, 3, 1, 0.625],
      [2, 4, 1, 0, 0.46875],
      [2 + 1e-7, 3, 0, 1, 0.46875],
      [3, 2, 1, 0, 0.234375],
      [4, 1, 0, 1, 0.234375],
    ]);
    const limits = [
      [0.229333322429131681, 0.86069827691353873],
      [0.119928622240907154, 0.76285566787176007],
      [0.119928622240907154, 0.76285566787176007],
      [0.013015486045419942, 0.61580603574140447],
      [0.013015486045419942, 0.61580603574140447],
    ];
    fit.table.forEach((r, i) => {
      expect(r.ci95[0]).toBeCloseTo(limits[i]![0]!, 14);
      expect(r.ci95[1]).toBeCloseTo(limits[i]![1]!, 14);
    });
    expect(numberAtRisk(obs, [1, 2, 2 + 1e-7, 3]).map((r) => r.n_risk)).toEqual([8, 4, 3, 2]);
  });

  it('counts those at risk at requested times against the merged times, as R summary(fit, times) does', () => {
    // R: f <- survfit(Surv(t, s) ~ 1) (t, s as above)
    //    summary(f, times = 7/30.4375 + 5/30.4375)$n.risk  →  4 (the merged time)
    //    summary(f, times = 12/30.4375)$n.risk             →  2 (just after it: no fuzz for requested times)
    //    summary(f, times = 0.3)$n.risk → 4; summary(f, times = 0.5)$n.risk → 2
    const times = [7 / MONTH + 5 / MONTH, 12 / MONTH, 0.3, 0.5];
    expect(numberAtRisk(nearTie, times).map((r) => r.n_risk)).toEqual([4, 2, 4, 2]);
    // Unmerged, the censoring at the smaller time is its own time: 3 left at the death's time.
    expect(numberAtRisk(nearTie, [12 / MONTH], { timefix: false }).map((r) => r.n_risk)).toEqual([3]);
  });
});

describe('survivalAt', () => {
  const fit = kaplanMeier(sixMP);

  it('is 1 with interval [1, 1] before the first time', () => {
    expect(survivalAt(fit, 0)).toEqual({ survival: 1, ci95: [1, 1] });
    expect(survivalAt(fit, 5.999)).toEqual({ survival: 1, ci95: [1, 1] });
  });

  it('is right-continuous: the drop at 6 already counts at t = 6 and lasts until 7', () => {
    expect(survivalAt(fit, 6)).toEqual({ survival: row(fit, 6).survival, ci95: row(fit, 6).ci95 });
    expect(survivalAt(fit, 6.999).survival).toBe(row(fit, 6).survival);
    expect(survivalAt(fit, 7).survival).toBe(row(fit, 7).survival);
  });

  it('carries the last value past the last time', () => {
    expect(survivalAt(fit, 100)).toEqual({ survival: row(fit, 35).survival, ci95: row(fit, 35).ci95 });
  });

  it('returns a copy of the interval, not the table’s own array', () => {
    const at = survivalAt(fit, 6);
    at.ci95[0] = -1;
    expect(row(fit, 6).ci95[0]).toBeGreaterThan(0);
  });

  it('rejects NaN', () => {
    expect(() => survivalAt(fit, NaN)).toThrow(RangeError);
  });
});

describe('medianSurvival', () => {
  const events = (times: number[]) => times.map((time) => ({ time, event: true }));

  it('takes the midpoint when S is exactly 0.5 on an interval (R: median of Surv(1:4) is 2.5)', () => {
    expect(medianSurvival(kaplanMeier(events([1, 2, 3, 4]))).estimate).toBe(2.5);
  });

  it('recognises 0.5 despite rounding error (R: median of Surv(1:100) is 50.5)', () => {
    const fit = kaplanMeier(events(Array.from({ length: 100 }, (_, i) => i + 1)));
    expect(row(fit, 50).survival).not.toBe(0.5);
    expect(medianSurvival(fit).estimate).toBe(50.5);
  });

  it('takes the time itself when S stays at 0.5 to the end of follow-up (as R print.survfit)', () => {
    const obs = [...events([1, 2]), { time: 3, event: false }, { time: 4, event: false }];
    expect(medianSurvival(kaplanMeier(obs)).estimate).toBe(2);
  });

  it('is null (NA) with a [null, null] interval when everyone is censored', () => {
    const fit = kaplanMeier([3, 5, 8].map((time) => ({ time, event: false })));
    expect(fit.table.every((r) => r.survival === 1 && r.se === 0)).toBe(true);
    expect(fit.table.every((r) => r.ci95[0] === 1 && r.ci95[1] === 1)).toBe(true);
    expect(medianSurvival(fit)).toEqual({ estimate: null, ci95: [null, null] });
  });

  it('takes the lower limit from the lower curve, which can reach 0.5 when S itself does not', () => {
    // 1 death in 6: S = 5/6, log-log lower limit (5/6)^7.12 = 0.27. R prints median NA, LCL 5, UCL NA.
    const fit = kaplanMeier([...events([5]), ...[6, 7, 8, 9, 10].map((time) => ({ time, event: false }))]);
    expect(row(fit, 5).ci95[0]).toBeLessThan(0.5);
    expect(medianSurvival(fit)).toEqual({ estimate: null, ci95: [5, null] });
  });
});

describe('kaplanMeier: edge cases', () => {
  it('returns n 0 and an empty table for empty input', () => {
    const fit = kaplanMeier([]);
    expect(fit).toEqual({ n: 0, events: 0, censored: 0, scale: 'log-log', table: [] });
    expect(survivalAt(fit, 3)).toEqual({ survival: 1, ci95: [1, 1] });
    expect(medianSurvival(fit)).toEqual({ estimate: null, ci95: [null, null] });
  });

  it('reports the SE and interval as undefined (NaN, i.e. NA; null in JSON) once S reaches 0, on both scales', () => {
    for (const scale of ['log-log', 'log'] as const) {
      const fit = kaplanMeier(
        [1, 2, 3].map((time) => ({ time, event: true })),
        { scale },
      );
      const last = row(fit, 3);
      expect(last.survival).toBe(0);
      expect(last.se).toBeNaN();
      expect(last.ci95).toEqual([NaN, NaN]);
      expect(JSON.parse(JSON.stringify(last.ci95))).toEqual([null, null]);
      // Undefined limits are skipped, as R skips NA: the upper curve never reaches 0.5 here.
      expect(medianSurvival(fit).estimate).toBe(2);
    }
  });

  it('rejects non-finite times, unknown scales and impossible confidence levels', () => {
    expect(() => kaplanMeier([{ time: NaN, event: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: Infinity, event: false, id: 'x' }])).toThrow(/\(x\)/);
    expect(() => kaplanMeier(sixMP, { scale: 'plain' as 'log' })).toThrow(RangeError);
    expect(() => kaplanMeier(sixMP, { confidence: 1.5 })).toThrow(RangeError);
  });
});

describe('numberAtRisk', () => {
  it('counts those with time >= t (6-MP arm)', () => {
    expect(numberAtRisk(sixMP, [0, 6, 6.5, 10, 35, 36])).toEqual([
      { time: 0, n_risk: 21 },
      { time: 6, n_risk: 21 },
      { time: 6.5, n_risk: 17 },
      { time: 10, n_risk: 15 },
      { time: 35, n_risk: 1 },
      { time: 36, n_risk: 0 },
    ]);
    expect(numberAtRisk([], [1])).toEqual([{ time: 1, n_risk: 0 }]);
  });

  it('rejects NaN times', () => {
    expect(() => numberAtRisk(sixMP, [NaN])).toThrow(RangeError);
  });
});

describe('kaplanMeier: properties on random data', () => {
  const random = seededRandom(2024);
  const datasets = Array.from({ length: 200 }, (_, i) => randomData(random, i % 5 === 0 ? 0 : 0.3));

  it('never increases and stays in [0, 1]; the risk set shrinks by the deaths and censorings', () => {
    for (const obs of datasets) {
      const fit = kaplanMeier(obs);
      let previous = 1;
      fit.table.forEach((r, i) => {
        expect(r.survival).toBeLessThanOrEqual(previous);
        expect(r.survival).toBeGreaterThanOrEqual(0);
        previous = r.survival;
        const next = fit.table[i + 1];
        if (next) expect(next.n_risk).toBe(r.n_risk - r.n_event - r.n_censor);
        else expect(r.n_risk).toBe(r.n_event + r.n_censor);
      });
      expect(fit.table.reduce((s, r) => s + r.n_event, 0)).toBe(fit.events);
      expect(fit.table.reduce((s, r) => s + r.n_censor, 0)).toBe(fit.censored);
    }
  });

  it('equals the empirical survival function 1 - F(t) when nothing is censored', () => {
    for (const obs of datasets) {
      const uncensored = obs.map((o) => ({ ...o, event: true }));
      const fit = kaplanMeier(uncensored);
      for (const t of [-1, 0, 0.5, 3, 7.2, 12, 24, 25, 30]) {
        const empirical = uncensored.filter((o) => o.time > t).length / uncensored.length;
        expect(survivalAt(fit, t).survival).toBeCloseTo(empirical, 12);
      }
    }
  });

  it('does not depend on the order of the input rows', () => {
    const shuffler = seededRandom(99);
    for (const obs of datasets) {
      for (const scale of ['log-log', 'log'] as const) {
        expect(kaplanMeier(shuffle(obs, shuffler), { scale })).toEqual(kaplanMeier(obs, { scale }));
      }
    }
  });

  it('has intervals inside [0, 1] that contain the estimate wherever they are defined', () => {
    for (const obs of datasets) {
      for (const scale of ['log-log', 'log'] as const) {
        for (const r of kaplanMeier(obs, { scale }).table) {
          if (r.survival === 0) continue;
          const [lower, upper] = r.ci95;
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(lower).toBeLessThanOrEqual(r.survival);
          expect(upper).toBeGreaterThanOrEqual(r.survival);
          expect(upper).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('orders the median between its limits and agrees with numberAtRisk on the table', () => {
    for (const obs of datasets) {
      const fit = kaplanMeier(obs);
      const { estimate, ci95 } = medianSurvival(fit);
      if (estimate !== null && ci95[0] !== null) expect(ci95[0]).toBeLessThanOrEqual(estimate);
      if (estimate !== null && ci95[1] !== null) expect(ci95[1]).toBeGreaterThanOrEqual(estimate);
      if (estimate === null) expect(ci95[1]).toBeNull();
      const atRisk = numberAtRisk(
        obs,
        fit.table.map((r) => r.time),
      );
      expect(atRisk.map((a) => a.n_risk)).toEqual(fit.table.map((r) => r.n_risk));
    }
  });
});

/**
 * The product-limit table as computed before the column version: the observations sorted by a comparator,
 * counted per distinct time (z of the 95% interval, log-log scale). The reference for the property below.
 */
function tableBySortingObjects(obs: readonly SurvivalObservation[]) {
  const sorted = [...obs].sort((a, b) => a.time - b.time);
  const rows: Array<{ time: number; n_risk: number; n_event: number; n_censor: number; survival: number }> =
    [];
  let atRisk = sorted.length;
  let survival = 1;
  let i = 0;
  while (i < sorted.length) {
    const time = sorted[i]!.time;
    let nEvent = 0;
    let nCensor = 0;
    for (; i < sorted.length && sorted[i]!.time === time; i++) {
      if (sorted[i]!.event) nEvent++;
      else nCensor++;
    }
    if (nEvent > 0) survival *= (atRisk - nEvent) / atRisk;
    rows.push({ time, n_risk: atRisk, n_event: nEvent, n_censor: nCensor, survival });
    atRisk -= nEvent + nCensor;
  }
  return rows;
}

describe('kaplanMeier and numberAtRisk on columns', () => {
  it('give the table of the object sort, and the same fit as from observations, on random tied data', () => {
    const random = seededRandom(31);
    for (let trial = 0; trial < 30; trial++) {
      const obs = Array.from({ length: randomInteger(random, 1, 200) }, () => ({
        time: randomInteger(random, 0, 25) / 3,
        event: random() < 0.6,
      }));
      const columns = survivalColumns(obs);
      const fit = kaplanMeierOfColumns(columns);
      expect(fit).toEqual(kaplanMeier(obs));
      expect(
        fit.table.map(({ time, n_risk, n_event, n_censor, survival }) => ({
          time,
          n_risk,
          n_event,
          n_censor,
          survival,
        })),
      ).toEqual(tableBySortingObjects(obs));
      const riskTimes = [0, 1, 2.5, 4, 9];
      const sortedTimes = obs.map((o) => o.time).sort((a, b) => a - b);
      expect(numberAtRiskOfColumns(columns, riskTimes)).toEqual(
        riskTimes.map((t) => ({ time: t, n_risk: sortedTimes.filter((x) => x >= t).length })),
      );
    }
  });

  it('reject a non-finite time', () => {
    const columns = { time: Float64Array.of(1, NaN), event: Uint8Array.of(1, 0) };
    expect(() => kaplanMeierOfColumns(columns)).toThrow(RangeError);
    expect(() => numberAtRiskOfColumns(columns, [1])).toThrow(RangeError);
  });
});
