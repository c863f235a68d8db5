import { reconciliationTable } from '../report/sections.ts';
import { continuousValues } from '../summaries/continuousValues.ts';
import { includedCount } from '../summaries/includedCount.ts';
import {
  reconcile,
  type ProportionEntry,
  type ReconcileInput,
  type ReconciliationEntry,
} from '../summaries/reconcile.ts';
import { defineAnalysis } from './analysis.ts';

/**
 * Every figure the reference paper printed (published.csv) against its recomputation, from the
 * results of the proportions and continuous analyses listed before it.
 */
export const reconciliationAnalysis = defineAnalysis<ReconciliationEntry[]>({
  id: 'reconciliation',
  title: 'Reconciliation with the published figures',
  nav: 'Reconciliation',
  compute: (input, context) => {
    const { config } = context;
    const all = new Map<string, ProportionEntry>();
    const reported = new Map<string, ProportionEntry>();
    // statisticEntries gives each statistic over all included, then over the reported.
    const statistics = input.results.statistics ?? [];
    config.statistics.forEach((spec, k) => {
      if (statistics[2 * k]) all.set(spec.id, statistics[2 * k]!);
      if (statistics[2 * k + 1]) reported.set(spec.id, statistics[2 * k + 1]!);
    });
    const continuous: ReconcileInput['continuous'] = new Map();
    for (const spec of config.continuous) {
      const entry = input.results.continuous?.[spec.id];
      if (!entry) continue;
      const { label: _label, unit, ...summary } = entry;
      const { minCase, maxCase } = continuousValues(input.cases, spec.variable, input.views);
      continuous.set(spec.id, {
        summary: summary as unknown as Record<string, number | null>,
        unit: unit ?? undefined,
        n: summary.n,
        extremeCases: { min: minCase, max: maxCase },
      });
    }
    return reconcile(input.published, {
      nIncluded: includedCount(input.cases),
      proportions: all,
      reportedProportions: reported,
      continuous,
    });
  },
  section: (result) => reconciliationTable(result),
});
