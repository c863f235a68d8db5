import type { CohortConfig } from '../types.ts';

/** The minimum data an estimate needs before the report shows it (cohort.json `minimum`, with defaults). */
export interface MinimumData {
  /** Events a Cox model needs to be fitted at all. */
  coxEvents: number;
  /** Events per variable a Cox model needs to be drawn on the forest plot (Peduzzi et al. 1995). */
  coxEventsPerVariable: number;
  /** Patients each group of a Kaplan–Meier comparison needs for its curves and log-rank test. */
  survivalGroupPatients: number;
  /** Included patients a sensitivity subset needs for its statistics. */
  sensitivityPatients: number;
  /** Patients with a reported value each group of a Table 1 needs for a variable's p-value. */
  table1GroupPatients: number;
}

/**
 * The defaults: below them an estimate rests on too little to be read as a result. A Cox model from
 * fewer than 5 events is mostly noise (and on a few case reports often diverges); 10 events per
 * variable is the usual rule for a stable hazard ratio; a survival curve of fewer than 5 patients
 * falls by 20 points or more at each death; a subset needs a patient to have a proportion at all; a
 * p-value comparing a group of 1 or 2 patients with the rest says nothing about the groups.
 */
export const DEFAULT_MINIMUM: MinimumData = {
  coxEvents: 5,
  coxEventsPerVariable: 10,
  survivalGroupPatients: 5,
  sensitivityPatients: 1,
  table1GroupPatients: 3,
};

/** The cohort's minimum data: its `minimum` block over the defaults. */
export const minimumData = (config: Pick<CohortConfig, 'minimum'>): MinimumData => ({
  ...DEFAULT_MINIMUM,
  ...config.minimum,
});

/** How a withheld estimate is introduced in the page: "Not estimated: 3 deaths; Cox regression needs at least 5". */
export const notEstimated = (reason: string) => `Not estimated: ${reason}.`;

/** The caution an estimate below the minimum carries when --show-all draws it anyway. */
export const belowMinimum = (reason: string) =>
  `Below the cohort's minimum data (${reason}); shown because of --show-all: not a result to rely on`;
