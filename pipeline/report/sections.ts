import type { TestEntry } from '../analyses/comparisons.ts';
import type { ContinuousSummaries } from '../analyses/continuous.ts';
import type { Stats } from '../stages/analyze.ts';
import type { StatisticEntry } from '../analyses/proportions/statisticEntries.ts';
import type { ReconciliationEntry } from '../analyses/reconciliation/reconcile.ts';
import type { ContinuousSpec, Finding } from '../types.ts';
import { html, type Html } from './escapeHtml.ts';
import { formatInterval, formatNumber, formatP, formatPercent, plural } from './formatNumber.ts';
import { FEW_EVENTS, smallSampleCaution } from './smallSampleCaution.ts';
import { dataTable } from './dataTable.ts';

/**
 * The headline cards. A proportion gives both shares as equals, the reported denominator first ("3 of
 * 9 reported · 33.3%", then "3 of 37 included · 8.1%"), so that neither reads as the one result; a
 * continuous variable its median (IQR), or its mean (SD) when cohort.json asks (`continuous[].headline`);
 * survival its median with the median follow-up (reverse Kaplan–Meier) beside it.
 */
export function headline(
  stats: Stats,
  headlineIds: readonly string[],
  continuousSpecs: readonly Pick<ContinuousSpec, 'id' | 'headline'>[] = [],
): Html {
  const asMean = new Set(continuousSpecs.filter((c) => c.headline === 'mean').map((c) => c.id));
  const cards: Html[] = [
    html`<div>
      <span class="value" data-stat="n_included">${stats.n_included}</span
      ><span class="label">patients included</span>
    </div>`,
    html`<div>
      <span class="value" data-stat="n_excluded">${stats.n_excluded}</span
      ><span class="label">rows kept out (with reasons)</span>
    </div>`,
  ];
  for (const [id, c] of Object.entries(stats.continuous)) {
    if (c.n === 0) continue;
    const range = `range ${formatNumber(c.min)}–${formatNumber(c.max)}, n = ${c.n}`;
    cards.push(
      asMean.has(id)
        ? html`<div>
            <span class="value" data-stat="${id}.mean">${formatNumber(c.mean)}</span>
            <span class="label">mean ${c.label} (SD ${formatNumber(c.sd)}); ${range}</span>
          </div>`
        : html`<div>
            <span class="value" data-stat="${id}.median">${formatNumber(c.median)}</span>
            <span class="label"
              >median ${c.label} (IQR ${formatNumber(c.q1)}–${formatNumber(c.q3)}); ${range}</span
            >
          </div>`,
    );
  }
  for (const id of headlineIds) {
    const s = stats.statistics.find((x) => x.id === id);
    if (!s) continue;
    // Both denominators: over all included (the papers' convention) and over those reported.
    const r = stats.statistics.find((x) => x.id === `${id}.reported`) ?? s;
    const notReported = s.denominator - r.denominator;
    cards.push(
      html`<div>
        <span class="label">${s.label}</span>
        <span class="share" data-stat="${id}.reported" data-denominator="reported"
          >${r.numerator} of ${r.denominator} reported · ${formatPercent(r.percent)}</span
        >
        <span class="share" data-stat="${id}" data-denominator="all"
          >${s.numerator} of ${s.denominator} included · ${formatPercent(s.percent)}</span
        >
        ${notReported > 0 ? html`<span class="label">not reported for ${notReported}</span>` : ''}
      </div>`,
    );
  }
  const overall = stats.survival?.overall;
  if (overall) {
    const unit = stats.survival!.time_unit;
    const { estimate, ci95 } = overall.median;
    const caution =
      overall.events < FEW_EVENTS
        ? ` Few events (${plural(overall.events, 'death')}): interpret with care.`
        : '';
    cards.push(
      html`<div>
        <span class="value" data-stat="survival.median"
          >${estimate === null ? 'not reached' : `${formatNumber(estimate)} ${unit}`}</span
        ><span class="label"
          >median survival (95% CI ${medianInterval(ci95, unit)}; ${plural(overall.n, 'patient')},
          ${plural(overall.events, 'death')}).${caution}</span
        >
      </div>`,
    );
    const followup = stats.survival!.median_followup;
    cards.push(
      html`<div>
        <span class="value" data-stat="survival.median_followup"
          >${followup.estimate === null ? 'not reached' : `${formatNumber(followup.estimate)} ${unit}`}</span
        >
        <span class="label"
          >median follow-up, reverse Kaplan–Meier (95% CI ${medianInterval(followup.ci95, unit)}; the same
          ${plural(overall.n, 'patient')})</span
        >
      </div>`,
    );
  }
  return html`<div class="headline">${cards}</div>`;
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

export function statisticsTable(statistics: readonly StatisticEntry[]): Html {
  const byId = new Map<string, StatisticEntry>(statistics.map((s) => [s.id, s]));
  const rows = statistics
    .filter((s) => s.denominator_kind === 'all')
    .map((s) => {
      const r = byId.get(`${s.id}.reported`)!;
      return html`<tr data-id="${s.id}">
        <td><code>${s.id}</code></td>
        <td>${s.label}</td>
        <td class="num">${s.numerator}/${s.denominator}</td>
        <td class="num">${formatPercent(s.percent)}</td>
        <td class="num">${formatInterval(s.ci95.wilson)}</td>
        <td class="num">${formatInterval(s.ci95.clopper_pearson)}</td>
        <td class="num">${r.numerator}/${r.denominator}</td>
        <td class="num">${formatPercent(r.percent)}</td>
        <td class="num">${formatInterval(r.ci95.wilson)}</td>
      </tr>`;
    });
  return html`${dataTable(
    'statistics',
    [
      'Id',
      'Statistic',
      { num: 'All included' },
      { num: '%' },
      { num: 'Wilson 95% CI' },
      { num: 'Clopper–Pearson 95% CI' },
      { num: 'Reported' },
      { num: '%' },
      { num: 'Wilson 95% CI' },
    ],
    rows,
  )}`;
}

export function continuousTable(continuous: ContinuousSummaries): Html {
  const rows = Object.entries(continuous).map(
    ([id, c]) =>
      html`<tr>
        <td><code>${id}</code></td>
        <td>${c.label}</td>
        <td class="num">${c.n}</td>
        <td class="num">${formatNumber(c.min, 2)}</td>
        <td class="num">${formatNumber(c.q1, 2)}</td>
        <td class="num">${formatNumber(c.median, 2)}</td>
        <td class="num">${formatNumber(c.mean, 2)}</td>
        <td class="num">${formatNumber(c.q3, 2)}</td>
        <td class="num">${formatNumber(c.max, 2)}</td>
        <td class="num">${formatNumber(c.sd, 2)}</td>
      </tr>`,
  );
  return html`${dataTable(
    'continuous',
    ['Id', 'Variable', ...['n', 'Min', 'Q1', 'Median', 'Mean', 'Q3', 'Max', 'SD'].map((num) => ({ num }))],
    rows,
  )}`;
}

/** A 2×2 test on a group (row) under 5 patients or under 10 patients in its rarer column is cautioned. */
function fisherCaution(t: TestEntry): Html {
  if (t.p_value === null) return html``;
  const rows = t.table.map((r) => r[0] + r[1]);
  const rarer = Math.min(t.table[0][0] + t.table[1][0], t.table[0][1] + t.table[1][1]);
  const caution = smallSampleCaution(rarer, rows, 'patient');
  return caution ? html`<br /><span class="caution">${caution}</span>` : html``;
}

export function testsTable(tests: readonly TestEntry[]): Html {
  if (tests.length === 0) return html``;
  const rows = tests.map(
    (t) =>
      html`<tr>
        <td>${t.label}</td>
        <td>
          ${t.rows[0]}: ${t.table[0][0]} ${t.columns[0].toLowerCase()}, ${t.table[0][1]}
          ${t.columns[1].toLowerCase()}<br />${t.rows[1]}: ${t.table[1][0]} ${t.columns[0].toLowerCase()},
          ${t.table[1][1]} ${t.columns[1].toLowerCase()}
        </td>
        <td class="num">${formatP(t.p_value)}${fisherCaution(t)}</td>
        <td class="num">${formatNumber(t.odds_ratio, 2)} (${formatInterval(t.odds_ratio_ci95, false, 2)})</td>
      </tr>`,
  );
  return html`${dataTable('tests', ['Comparison', 'Table', { num: 'Fisher exact' }, { num: 'Odds ratio (95% CI)' }], rows)}
    <p class="note">
      Only patients for whom both variables are reported are counted. With so few patients these tests have
      little power; a large p-value is not evidence of no difference.
    </p>`;
}

/** Findings shown in the page; all of them are in findings.csv. Keeps the page light at any n. */
export const FINDINGS_LIMIT = 500;

export function findingsList(findings: readonly Finding[]): Html {
  if (findings.length === 0) return html`<p>No problems found in the input files.</p>`;
  const more =
    findings.length > FINDINGS_LIMIT
      ? html`<p class="note">
          Showing the first ${FINDINGS_LIMIT} of ${findings.length}; all are in
          <a href="findings.csv">findings.csv</a>.
        </p>`
      : html``;
  const rows = findings.slice(0, FINDINGS_LIMIT).map(
    (f) =>
      html`<tr>
        <td><code>${f.file}:${f.line}:${f.column}</code></td>
        <td class="sev-${f.severity}">${f.severity}${f.accepted === undefined ? '' : ' (accepted)'}</td>
        <td>
          ${f.message}${
            f.accepted === undefined ? '' : html`<br /><span class="note">Accepted: ${f.accepted}</span>`
          }
        </td>
      </tr>`,
  );
  return html`${more} ${dataTable('findings', ['Where', 'Severity', 'Message'], rows)}`;
}
