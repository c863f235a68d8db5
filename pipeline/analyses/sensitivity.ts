import { statisticEntries } from './proportions/statisticEntries.ts';
import { caseViews, type CaseViews } from '../conditions/caseViews.ts';
import { restrictCases } from '../conditions/restrictCases.ts';
import { dataTable } from '../report/dataTable.ts';
import { html } from '../report/escapeHtml.ts';
import { formatPercent, plural } from '../report/formatNumber.ts';
import type { CaseTable, CohortConfig } from '../types.ts';
import type { AppraisalRule } from './appraisal.ts';
import { appraisalCounts } from './appraisal.ts';
import { defineAnalysis } from './analysis.ts';
import { belowMinimum, minimumData, notEstimated } from './minimumData.ts';

export interface SensitivityEntry {
  id: string;
  label: string;
  rule: AppraisalRule;
  /** The rule in words, as the page shows it. */
  rule_text: string;
  n_sources: number;
  n_included: number;
  /**
   * Why its statistics are not given: fewer included patients than the cohort's minimum (cohort.json
   * `minimum.sensitivityPatients`); `statistics` is then empty, unless the run was --show-all. null: given.
   */
  withheld: string | null;
  statistics: Array<{
    id: string;
    label: string;
    denominator_kind: 'all' | 'reported';
    numerator: number;
    denominator: number;
    percent: number | null;
  }>;
}

export function ruleText(rule: AppraisalRule): string {
  const parts: string[] = [];
  if (rule.overall) parts.push(`overall appraisal ${rule.overall.join(' or ')}`);
  if (rule.atLeastYes !== undefined) parts.push(`at least ${rule.atLeastYes} items answered yes`);
  return parts.join(' and ');
}

/** Every statistic over all included and over reported patients, on the patients a mask keeps. */
export function statisticsOn(
  cases: CaseTable,
  config: CohortConfig,
  views: CaseViews = caseViews(cases),
): SensitivityEntry['statistics'] {
  return statisticEntries(cases, config.statistics, 0, views).map(
    ({ id, label, denominator_kind, numerator, denominator, percent }) => ({
      id,
      label,
      denominator_kind,
      numerator,
      denominator,
      percent,
    }),
  );
}

/** Every statistic again on the patients from sources meeting each appraisal rule, beside all patients. */
export const sensitivityAnalysis = defineAnalysis<SensitivityEntry[]>()({
  id: 'sensitivity',
  title: 'Sensitivity to the quality of the reports',
  nav: 'Sensitivity',
  compute: (input, context) => {
    const rules = context.config.appraisal?.sensitivity ?? [];
    if (!input.appraisal || rules.length === 0) return null;
    const appraised = appraisalCounts(input.appraisal).sources;
    // The first entry is everyone, so each rule stands beside the unrestricted numbers.
    const everyone: SensitivityEntry = {
      id: 'all_patients',
      label: 'All included patients',
      rule: {},
      rule_text: 'no restriction',
      n_sources: new Set(input.cases.sourceIds.filter((_, i) => input.cases.included[i])).size,
      n_included: input.cases.included.filter(Boolean).length,
      withheld: null,
      statistics: statisticsOn(input.cases, context.config, input.views),
    };
    const minimum = minimumData(context.config).sensitivityPatients;
    return [
      everyone,
      ...rules.map((r) => {
        const keep = new Set(
          appraised
            .filter(
              (s) =>
                (r.rule.overall === undefined || r.rule.overall.includes(s.overall)) &&
                (r.rule.atLeastYes === undefined || s.yes >= r.rule.atLeastYes),
            )
            .map((s) => s.source_id),
        );
        const subset = restrictCases(input.cases, (i) => keep.has(input.cases.sourceIds[i]!));
        const nIncluded = subset.included.filter(Boolean).length;
        const withheld =
          nIncluded < minimum
            ? `${plural(nIncluded, 'included patient')}; a sensitivity subset needs at least ${minimum}`
            : null;
        return {
          id: r.id,
          label: r.label,
          rule: r.rule,
          rule_text: ruleText(r.rule),
          n_sources: keep.size,
          n_included: nIncluded,
          withheld,
          statistics:
            withheld !== null && context.showAll !== true
              ? []
              : statisticsOn(subset, context.config, input.views.forTable(subset)),
        };
      }),
    ];
  },
  section: (result, _figures, context) => {
    const { config } = context;
    const headline = new Set(config.headline);
    const shown = config.statistics.filter((s) => headline.has(s.id));
    const cell = (e: SensitivityEntry, id: string) => {
      const s = e.statistics.find((x) => x.id === id);
      if (s === undefined) return html`<td class="num">not estimated</td>`;
      return html`<td class="num">${s.numerator}/${s.denominator} (${formatPercent(s.percent)})</td>`;
    };
    const rows = shown.flatMap((s) =>
      (['all', 'reported'] as const).map(
        (kind) =>
          html`<tr>
            <td>${s.label}</td>
            <td>${kind === 'all' ? 'all included' : 'reported'}</td>
            ${result.map((e) => cell(e, kind === 'all' ? s.id : `${s.id}.reported`))}
          </tr>`,
      ),
    );
    const few = result.filter((e) => e.n_included < 10);
    return html`<p>
        The headline statistics recomputed on the patients whose source meets each rule of the critical
        appraisal. Every statistic for every rule is in
        <a href="stats.json">stats.json</a> (<code>sensitivity</code>).
      </p>
      ${dataTable(
        'sensitivity-table',
        [
          'Statistic',
          'Denominator',
          ...result.map((e) => ({
            num: html`${e.label}<br /><span class="note"
                >${e.rule_text}: ${e.n_included} patients, ${e.n_sources} sources</span
              >${
                e.withheld === null
                  ? ''
                  : html`<br /><span class="${e.statistics.length === 0 ? 'withheld' : 'caution'}"
                        >${e.statistics.length === 0 ? notEstimated(e.withheld) : belowMinimum(e.withheld)}</span
                      >`
              }`,
          })),
        ],
        rows,
      )}
      ${
        few.length > 0
          ? html`<p class="caution">
              Few patients: ${few.map((e) => `${e.label} (${e.n_included})`).join(', ')}. Percentages on fewer
              than 10 patients move by 10 points or more with each patient.
            </p>`
          : html``
      }`;
  },
});
