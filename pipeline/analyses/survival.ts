import { survivalChartSpec } from '../charts/survivalChartSpec.ts';
import { html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { formatP, plural } from '../report/formatNumber.ts';
import { smallSampleCaution } from '../report/smallSampleCaution.ts';
import { survivalCards, survivalTable } from './survival/survivalTable.ts';
import { includedCount } from '../conditions/includedCount.ts';
import { survivalAnalysis, type SurvivalSection } from './survival/survivalEstimates.ts';
import { casesTable } from '../cohortTables/casesTable.ts';
import { defineAnalysis, type AnalysisFigure } from './analysis.ts';
import { overlappingLevels } from './survival/overlappingLevels.ts';
import type { SurvivalSpec } from './survival/survivalSpec.ts';

export type { GroupingSpec, SurvivalSpec } from './survival/survivalSpec.ts';
import { belowMinimum, minimumData, notEstimated } from './minimumData.ts';

declare module '../types.ts' {
  interface CohortConfig {
    survival?: SurvivalSpec;
  }
}

/**
 * Overall survival (Kaplan–Meier) and survival by each grouping of cohort.json with its log-rank
 * test: stats.json `survival`, a curve with its risk table per grouping, and the table of medians.
 */
export const kaplanMeierAnalysis = defineAnalysis<SurvivalSection>()({
  id: 'survival',
  title: 'Survival',
  sectionId: 'survival',
  drawsEarly: (config) => config.survival !== undefined,
  config: {
    schema: {
      survival: {
        type: 'object',
        additionalProperties: false,
        required: ['time', 'event', 'censored', 'at', 'riskTimes', 'groupings'],
        properties: {
          time: { type: 'string', description: 'A duration column.' },
          event: { $ref: '#/definitions/condition' },
          censored: { $ref: '#/definitions/condition' },
          at: {
            type: 'array',
            maxItems: 50,
            description: 'Times at which survival is reported (at most 50).',
            items: { type: 'number', minimum: 0 },
          },
          riskTimes: {
            type: 'array',
            maxItems: 25,
            description:
              'Times of the number-at-risk table under the chart (at most 25: more do not fit its width).',
            items: { type: 'number', minimum: 0 },
          },
          groupings: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'label', 'levels'],
              properties: {
                id: {
                  $ref: '#/definitions/id',
                  description:
                    'Names the figure file figures/survival-<id>.svg (the id pattern keeps it a plain name).',
                },
                label: { type: 'string' },
                levels: {
                  type: 'array',
                  minItems: 2,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['id', 'label', 'when'],
                    properties: {
                      id: { $ref: '#/definitions/id' },
                      label: { type: 'string' },
                      when: { $ref: '#/definitions/condition' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    check(config, { error, kindOf, checkCondition }) {
      const s = config.survival;
      if (!s) return;
      if (kindOf.get(s.time) !== 'duration') error('/survival/time', `"${s.time}" must be a duration column`);
      checkCondition(s.event, '/survival/event');
      checkCondition(s.censored, '/survival/censored');
      s.groupings.forEach((g, k) =>
        g.levels.forEach((l, i) => checkCondition(l.when, `/survival/groupings/${k}/levels/${i}/when`)),
      );
    },
  },
  methods: () => [
    {
      topic: 'Confidence intervals',
      text: html`Kaplan–Meier survival with Greenwood variance and 95% pointwise intervals on the log-log
      scale; the median's interval is where those pointwise limits cross 0.5, as R's survfit reports it.
      Median follow-up by the reverse Kaplan–Meier method (time to censoring, deaths censored). Log-rank
      (Mantel–Haenszel) tests between groups.`,
    },
  ],
  headline: { rank: 30, cards: (result) => (result.overall ? survivalCards(result) : []) },
  checkInput: (tables, context) => {
    const cases = tables.of(casesTable);
    const spec = context.config.survival;
    return cases && spec ? overlappingLevels(cases, spec.groupings) : [];
  },
  compute: (input, context) => {
    const { config } = context;
    if (!config.survival) return null;
    const unit = config.columns.find((c) => c.name === config.survival!.time)?.unit ?? 'months';
    return withholdThinComparisons(
      survivalAnalysis(input.cases, config.survival, unit, input.views),
      minimumData(config).survivalGroupPatients,
      context.showAll === true,
    );
  },
  figures: (s, context, options, input) => {
    const spec = context.config.survival!;
    const unit = s.time_unit;
    const o = s.overall;
    const figures: AnalysisFigure[] = [
      {
        id: 'survival-overall',
        title: 'Overall survival',
        caption: 'Kaplan–Meier estimate of overall survival with number at risk.',
        spec: survivalChartSpec([{ label: 'All patients', curve: o }], {
          title: 'Overall survival (Kaplan–Meier)',
          subtitle: [
            `n = ${o.n}, ${plural(o.events, 'death')}, ${o.censored} censored (ticks); ${o.excluded} left out: outcome or time not reported`,
            'Shaded: 95% pointwise confidence band (log-log)',
          ],
          riskTimes: spec.riskTimes,
          timeUnit: unit,
          width: options.width,
        }),
      },
    ];
    const nIncluded = includedCount(input.cases);
    for (const grouping of spec.groupings) {
      const g = s.groups[grouping.id]!;
      const { curves: byLevel, logrank: lr } = g;
      if (byLevel === null || lr === null) continue;
      const curves = g.levels.map((l) => ({
        label: `${l.label} (n = ${byLevel[l.id]!.n}, ${plural(byLevel[l.id]!.events, 'death')})`,
        rowLabel: l.label,
        curve: byLevel[l.id]!,
      }));
      const caution = [
        ...(g.withheld === null ? [] : [belowMinimum(g.withheld)]),
        smallSampleCaution(
          g.levels.reduce((sum, l) => sum + byLevel[l.id]!.events, 0),
          g.levels.map((l) => byLevel[l.id]!.n),
        ),
      ]
        .filter(Boolean)
        .join('; ');
      const test = Number.isFinite(lr.p)
        ? `log-rank χ² = ${lr.chisq.toFixed(2)}, ${lr.df} df, ${formatP(lr.p)}${caution ? ` (${caution})` : ''}`
        : 'log-rank test not computable (it needs a death while at least two groups still have patients at risk)';
      const testLines = Number.isFinite(lr.p)
        ? [
            `log-rank χ² = ${lr.chisq.toFixed(2)}, ${lr.df} df, ${formatP(lr.p)}`,
            ...(caution ? [`Caution: ${caution}`] : []),
          ]
        : [
            'log-rank test not computable: it needs a death while at least',
            'two groups still have patients at risk',
          ];
      // Who is in no curve, so that the level sizes visibly add up to the overall n.
      const noTime = g.levels.reduce((sum, l) => sum + byLevel[l.id]!.excluded, 0);
      const leftOut = [
        ...g.excluded_reasons.map((r) => `${r.n} ${r.reason}`),
        ...(noTime > 0 ? [`${noTime} outcome or time not reported`] : []),
      ];
      figures.push({
        id: `survival-${grouping.id}`,
        title: `Survival by ${grouping.label}`,
        caption: `Kaplan–Meier curves by ${grouping.label}; ${test}.`,
        spec: survivalChartSpec(curves, {
          title: `Survival by ${grouping.label}`,
          subtitle: [
            ...testLines,
            `${g.excluded + noTime} of ${nIncluded} included left out${leftOut.length ? `: ${leftOut.join('; ')}` : ''}`,
          ],
          riskTimes: spec.riskTimes,
          timeUnit: unit,
          width: options.width,
        }),
      });
    }
    return figures;
  },
  section: (s, figures) =>
    html`<p>
        ${plural(s.overall.n, 'patient')} with a known outcome and follow-up time:
        ${plural(s.overall.events, 'death')}, ${s.overall.censored} alive at last follow-up (censored).
        ${plural(s.overall.excluded, 'included patient')} ${s.overall.excluded === 1 ? 'is' : 'are'} left out:
        ${s.overall.excluded_reasons.map((r) => `${r.reason} (${r.n})`).join('; ') || 'none'}.
      </p>
      ${Object.values(s.groups)
        .filter((g) => g.curves === null)
        .map((g) => html`<p class="withheld">${notEstimated(`survival by ${g.label}, ${g.withheld}`)}</p>`)}
      <div class="panels">${figures.map(figureBlock)}</div>
      ${survivalTable(s)}`,
});

/**
 * A comparison with a level of fewer than `minimum` patients (with an outcome and a time) is withheld:
 * its curves and log-rank test are dropped, `withheld` says why. Under --show-all they are kept and
 * `withheld` still says why, for the caution.
 */
export function withholdThinComparisons(
  section: SurvivalSection,
  minimum: number,
  showAll: boolean,
): SurvivalSection {
  const groups: SurvivalSection['groups'] = {};
  for (const [id, g] of Object.entries(section.groups)) {
    const thin = g.levels.filter((l) => g.patients[l.id]! < minimum);
    const withheld =
      thin.length === 0
        ? null
        : `${thin.map((l) => `${l.label} ${plural(g.patients[l.id]!, 'patient')}`).join(', ')}; a Kaplan–Meier comparison needs at least ${minimum} in each group`;
    groups[id] =
      withheld === null || showAll ? { ...g, withheld } : { ...g, curves: null, logrank: null, withheld };
  }
  return { ...section, groups };
}
