import { caseViews, type CaseViews } from '../../conditions/caseViews.ts';
import { countCondition } from '../../conditions/countStatistic.ts';
import { clopperPearsonInterval } from '../../stats/clopperPearsonInterval.ts';
import { wilsonInterval } from '../../stats/wilsonInterval.ts';
import type { CaseTable, StatisticSpec } from '../../types.ts';

/** A proportion as reconciliation compares it with a published one. */
export interface ProportionEntry {
  id: string;
  label: string;
  numerator: number;
  denominator: number;
  percent: number | null;
  denominator_kind: 'all' | 'reported';
}

export interface StatisticEntry extends ProportionEntry {
  ci95: { wilson: [number, number]; clopper_pearson: [number, number] };
  /** Up to `idLimit` ids of the patients counted in the numerator. */
  case_ids: string[];
}

const percentOf = (x: number, n: number) => (n === 0 ? null : (x / n) * 100);

function entry(
  spec: StatisticSpec,
  numerator: number,
  denominator: number,
  kind: 'all' | 'reported',
  ids: string[],
): StatisticEntry {
  return {
    id: kind === 'all' ? spec.id : `${spec.id}.reported`,
    label: spec.label,
    numerator,
    denominator,
    percent: percentOf(numerator, denominator),
    denominator_kind: kind,
    ci95: {
      wilson: wilsonInterval(numerator, denominator),
      clopper_pearson: clopperPearsonInterval(numerator, denominator),
    },
    case_ids: ids,
  };
}

/**
 * Each statistic over all included patients and over the patients for whom it is reported, in that
 * order, with both intervals: the one way every part of the report (the statistics, the sensitivity
 * analyses, the cumulative evidence) counts a proportion.
 */
export function statisticEntries(
  cases: CaseTable,
  statistics: readonly StatisticSpec[],
  idLimit = 40,
  views: CaseViews = caseViews(cases),
): StatisticEntry[] {
  return statistics.flatMap((spec) => {
    const count = countCondition(cases, spec.when, idLimit, views);
    return [
      entry(spec, count.numerator, count.all, 'all', count.ids),
      entry(spec, count.numerator, count.reported, 'reported', count.ids),
    ];
  });
}
