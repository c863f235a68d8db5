import type { SurvivalGroupingResult, SurvivalSection } from '../summaries/survivalAnalysis.ts';
import { dataTable } from './dataTable.ts';
import { html, type Html } from './escapeHtml.ts';
import { formatInterval, formatPercent } from './formatNumber.ts';
import { medianInterval } from './sections.ts';
import { smallSampleCaution } from './smallSampleCaution.ts';

/** The small-sample caution of a grouping's log-rank p, shown beside it (never a bare p). */
function logRankCaution(g: SurvivalGroupingResult): Html {
  if (!Number.isFinite(g.logrank.p)) return html``;
  const curves = g.levels.map((l) => g.curves[l.id]!);
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
      g.levels.map((l) => ({ group: g.label, level: l.label, c: g.curves[l.id]! })),
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
  const tests = Object.values(s.groups).map(
    (g) =>
      html`<li>
        ${g.label}: log-rank χ² = ${Number.isFinite(g.logrank.chisq) ? g.logrank.chisq.toFixed(2) : 'NA'} on
        ${g.logrank.df} df,
        ${Number.isFinite(g.logrank.p) ? `p = ${g.logrank.p.toPrecision(2)}` : 'not computable (it needs a death while at least two groups still have patients at risk)'}${logRankCaution(g)}
      </li>`,
  );
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
