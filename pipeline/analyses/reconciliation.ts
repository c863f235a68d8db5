import { dataTable } from '../report/dataTable.ts';
import { html, type Html } from '../report/escapeHtml.ts';
import { formatNumber } from '../report/formatNumber.ts';
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

export function reconciliationTable(reconciliation: readonly ReconciliationEntry[]): Html {
  if (reconciliation.length === 0)
    return html`<p class="muted">This cohort has no published figures to reconcile.</p>`;
  const counts = { match: 0, differs: 0, unavailable: 0 };
  reconciliation.forEach((r) => counts[r.status]++);
  const rows = reconciliation.map(
    (r) =>
      html`<tr data-id="${r.id}">
        <td>${r.label}</td>
        <td class="num">${formatNumber(r.published, 3)}</td>
        <td>${r.unit}</td>
        <td class="num">${formatNumber(r.recomputed, 2)}</td>
        <td class="num">
          ${r.difference === null ? '–' : (r.difference > 0 ? '+' : '') + formatNumber(r.difference, 2)}
        </td>
        <td class="status-${r.status}">${r.status}</td>
        <td class="note">${r.why}</td>
      </tr>`,
  );
  return html`<p>
      ${counts.match} of ${reconciliation.length} published figures match our recomputation at the precision
      the paper printed; ${counts.differs}
      differ${counts.unavailable ? `; ${counts.unavailable} cannot be computed` : ''}. Percentages use the
      paper's convention (denominator = all included patients). Each difference says why.
    </p>
    ${dataTable(
      'reconciliation',
      ['Figure', { num: 'Published' }, 'Unit', { num: 'Recomputed' }, { num: 'Difference' }, 'Status', 'Why'],
      rows,
    )}`;
}
