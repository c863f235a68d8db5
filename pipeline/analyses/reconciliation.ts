import { reconciliationTable } from '../report/sections.ts';
import { continuousValues } from './continuous/continuousValues.ts';
import { includedCount } from '../conditions/includedCount.ts';
import {
  reconcile,
  type ProportionEntry,
  type ReconcileInput,
  type ReconciliationEntry,
} from './reconciliation/reconcile.ts';
import { defineAnalysis } from './analysis.ts';
import { continuousAnalysis } from './continuous.ts';
import { proportionsAnalysis } from './proportions.ts';

/**
 * Every figure the reference paper printed (published.csv) against its recomputation, from the
 * results of the proportions and continuous analyses listed before it.
 */
export const reconciliationAnalysis = defineAnalysis<ReconciliationEntry[]>()({
  id: 'reconciliation',
  always: true,
  title: 'Reconciliation with the published figures',
  nav: 'Reconciliation',
  compute: (input, context) => {
    const { config } = context;
    const all = new Map<string, ProportionEntry>();
    const reported = new Map<string, ProportionEntry>();
    // Each statistic is given over all included (its id) and over the reported (`<id>.reported`).
    const byId = new Map((input.results.of(proportionsAnalysis) ?? []).map((s) => [s.id, s]));
    for (const spec of config.statistics) {
      const overAll = byId.get(spec.id);
      const overReported = byId.get(`${spec.id}.reported`);
      if (overAll) all.set(spec.id, overAll);
      if (overReported) reported.set(spec.id, overReported);
    }
    const continuous: ReconcileInput['continuous'] = new Map();
    for (const spec of config.continuous) {
      const entry = input.results.of(continuousAnalysis)?.[spec.id];
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
