import type { SurvivalGroupingResult, SurvivalSection } from './survivalEstimates.ts';
import { dataTable } from '../../report/dataTable.ts';
import { html, type Html } from '../../report/escapeHtml.ts';
import { formatInterval, formatNumber, formatPercent, plural } from '../../report/formatNumber.ts';
import { FEW_EVENTS, smallSampleCaution } from '../../report/smallSampleCaution.ts';
import { belowMinimum, notEstimated } from '../minimumData.ts';

/** The small-sample caution of a grouping's log-rank p, shown beside it (never a bare p). */
function logRankCaution(g: SurvivalGroupingResult): Html {
  if (g.curves === null || g.logrank === null || !Number.isFinite(g.logrank.p)) return html``;
  const byLevel = g.curves;
  const curves = g.levels.map((l) => byLevel[l.id]!);
  const caution = smallSampleCaution(
    curves.reduce((sum, c) => sum + c.events, 0),
    curves.map((c) => c.n),
  );
  return caution ? html` <span class="caution">(${caution})</span>` : html``;
}

/** Every curve's n, deaths, median and survival at the risk-table times, then the log-rank tests. */
export function survivalTable(s: SurvivalSection): Html {
  const curves = [
    { group: 'All patients', level: '', c: s.overall },
    ...Object.values(s.groups).flatMap((g) =>
      g.curves === null ? [] : g.levels.map((l) => ({ group: g.label, level: l.label, c: g.curves![l.id]! })),
    ),
  ];
  const times = Object.keys(s.overall.at);
  const f = (x: number | null) => (x === null ? 'NA' : (Math.round(x * 10) / 10).toString());
  const rows = curves.map(
    ({ group, level, c }) =>
      html`<tr>
        <td>${group}</td>
        <td>${level}</td>
        <td class="num">${c.n}</td>
        <td class="num">${c.events}</td>
        <td class="num">
          ${c.median.estimate === null ? 'not reached' : f(c.median.estimate)}
          (${medianInterval(c.median.ci95, '')})
        </td>
        ${times.map((t) => html`<td class="num">${c.at[t] ? `${formatPercent(c.at[t]!.survival * 100, 0)} (${formatInterval(c.at[t]!.ci95, true, 0)})` : 'beyond follow-up'}</td>`)}
      </tr>`,
  );
  const tests = Object.values(s.groups).map((g) => {
    const lr = g.logrank;
    if (lr === null) return html`<li>${g.label}: ${notEstimated(g.withheld ?? 'withheld')}</li>`;
    return html`<li>
      ${g.label}: log-rank χ² = ${Number.isFinite(lr.chisq) ? lr.chisq.toFixed(2) : 'NA'} on ${lr.df} df,
      ${Number.isFinite(lr.p) ? `p = ${lr.p.toPrecision(2)}` : 'not computable (it needs a death while at least two groups still have patients at risk)'}${logRankCaution(g)}${g.withheld === null ? '' : html` <span class="caution">(${belowMinimum(g.withheld)})</span>`}
    </li>`;
  });
  return html`${dataTable(
      'survival-table',
      [
        'Group',
        'Level',
        { num: 'n' },
        { num: 'Deaths' },
        { num: `Median, ${s.time_unit} (95% CI)` },
        ...times.map((t) => ({ num: `S(${t}) (95% CI)` })),
      ],
      rows,
    )}
    <ul>
      ${tests}
    </ul>`;
}

/** The headline cards of survival: its median with the median follow-up (reverse Kaplan–Meier) beside it. */
export function survivalCards(survival: SurvivalSection): Html[] {
  const overall = survival.overall;
  const unit = survival.time_unit;
  const { estimate, ci95 } = overall.median;
  const caution =
    overall.events < FEW_EVENTS
      ? ` Few events (${plural(overall.events, 'death')}): interpret with care.`
      : '';
  const followup = survival.median_followup;
  return [
    html`<div>
      <span class="value" data-stat="survival.median"
        >${estimate === null ? 'not reached' : `${formatNumber(estimate)} ${unit}`}</span
      ><span class="label"
        >median survival (95% CI ${medianInterval(ci95, unit)}; ${plural(overall.n, 'patient')},
        ${plural(overall.events, 'death')}).${caution}</span
      >
    </div>`,
    html`<div>
      <span class="value" data-stat="survival.median_followup"
        >${followup.estimate === null ? 'not reached' : `${formatNumber(followup.estimate)} ${unit}`}</span
      >
      <span class="label"
        >median follow-up, reverse Kaplan–Meier (95% CI ${medianInterval(followup.ci95, unit)}; the same
        ${plural(overall.n, 'patient')})</span
      >
    </div>`,
  ];
}

/**
 * A median's 95% interval, saying "not estimable" for a limit the curve never reaches (the survival
 * curve does not cross the pointwise limit), instead of a bare NA: "0.7 months to not estimable".
 */
export function medianInterval(ci: readonly [number | null, number | null], unit: string): string {
  const limit = (x: number | null) =>
    x === null || !Number.isFinite(x) ? 'not estimable' : `${formatNumber(x)}${unit ? ` ${unit}` : ''}`;
  if (ci[0] === null && ci[1] === null) return 'not estimable';
  return `${limit(ci[0])} to ${limit(ci[1])}`;
}
