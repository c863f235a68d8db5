import type { Condition } from '../../types.ts';

/** A grouping of the patients for survival curves and Table 1: its levels, each by a condition. */
export interface GroupingSpec {
  id: string;
  label: string;
  levels: Array<{ id: string; label: string; when: Condition }>;
}

export interface SurvivalSpec {
  /** A duration column: time from diagnosis to death or last follow-up. */
  time: string;
  event: Condition;
  censored: Condition;
  at: number[];
  riskTimes: number[];
  groupings: GroupingSpec[];
}
