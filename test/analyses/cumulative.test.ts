import { describe, expect, it } from 'vitest';
import type { AnalysisInput } from '../../pipeline/analyses/analysis.ts';
import { cumulativeAnalysis, type CumulativeEntry } from '../../pipeline/analyses/cumulative.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { sourceYear } from '../../pipeline/cohortTables/sourceYear.ts';
import { restrictCases } from '../../pipeline/conditions/restrictCases.ts';
import type { StageContext } from '../../pipeline/stages/context.ts';
import { analysisInput } from '../../pipeline/stages/analyze.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';
import { statisticEntries } from '../../pipeline/analyses/proportions/statisticEntries.ts';
import type { CaseTable, StatisticSpec } from '../../pipeline/types.ts';
import { randomCaseColumns, randomCondition } from '../helpers/randomConditions.ts';
import { handCountedCohort } from './fixture.ts';
import { cohortAnalysisInput } from '../helpers/stageInput.ts';

describe('cumulative evidence', () => {
  const { input, context } = handCountedCohort();
  const result = cumulativeAnalysis.compute(input, context)!;
  const points = (kind: string) =>
    result
      .find((e) => e.denominator_kind === kind)!
      .points.map((p) => [p.year, p.n, p.numerator, p.denominator]);

  it('adds each publication year in turn, over all included and over reported patients', () => {
    // 2019: A (IVC) and B (none); 2021 adds C (IVC). D's source has no year; E is excluded.
    expect(points('all')).toEqual([
      [2019, 2, 1, 2],
      [2021, 3, 2, 3],
    ]);
    expect(points('reported')).toEqual([
      [2019, 2, 1, 2],
      [2021, 3, 2, 3],
    ]);
  });

  it('gives Wilson 95% intervals as R does', () => {
    // R: prop.test(1, 2, correct = FALSE)$conf.int -> 0.09453 0.90547
    //    prop.test(2, 3, correct = FALSE)$conf.int -> 0.20765 0.93849
    const [p2019, p2021] = result[0]!.points;
    expect(p2019!.ci95![0]).toBeCloseTo(0.09453, 4);
    expect(p2019!.ci95![1]).toBeCloseTo(0.90547, 4);
    expect(p2021!.ci95![0]).toBeCloseTo(0.20765, 4);
    expect(p2021!.ci95![1]).toBeCloseTo(0.93849, 4);
  });

  it('counts and names the patients from sources without a year', () => {
    expect(result[0]!.undated).toEqual({ n: 1, source_ids: ['s3'] });
  });

  it('asks for one chart per statistic', () => {
    expect(
      cumulativeAnalysis.figures!(result, context, DEFAULT_FIGURE_OPTIONS, input).map((f) => f.id),
    ).toEqual(['cumulative-ivc_extension']);
  });
});

/**
 * The cumulative evidence as it was first computed (until 2026-12): the table restricted to each year in
 * turn and every statistic counted again, statistics × years × patients. Kept as the reference the
 * running totals must equal exactly.
 */
function cumulativeByRestriction(input: AnalysisInput, context: StageContext): CumulativeEntry[] {
  const { cases } = input;
  const years = new Map(input.sources.map((s) => [s.id, sourceYear(s)]));
  const yearOfRow = (i: number) => years.get(cases.sourceIds[i]!) ?? null;
  const undatedSources = new Set<string>();
  let undated = 0;
  const dated = new Set<number>();
  for (let i = 0; i < cases.n; i++) {
    if (!cases.included[i]) continue;
    const y = yearOfRow(i);
    if (y === null) {
      undated++;
      undatedSources.add(cases.sourceIds[i]!);
    } else dated.add(y);
  }
  const steps = [...dated].sort((a, b) => a - b);
  return context.config.cumulative!.statistics.flatMap((id) => {
    const statistic = context.config.statistics.find((s) => s.id === id)!;
    const counts = steps.map((year) => {
      const upTo = restrictCases(cases, (i) => {
        const y = yearOfRow(i);
        return y !== null && y <= year;
      });
      const [all, reported] = statisticEntries(upTo, [statistic], 0, input.views.forTable(upTo));
      return { year, n: upTo.included.filter(Boolean).length, entries: { all: all!, reported: reported! } };
    });
    return (['all', 'reported'] as const).map((kind) => ({
      statistic: id,
      label: statistic.label,
      denominator_kind: kind,
      points: counts.map(({ year, n, entries }) => {
        const e = entries[kind];
        return {
          year,
          n,
          numerator: e.numerator,
          denominator: e.denominator,
          percent: e.percent,
          ci95: e.denominator === 0 ? null : e.ci95.wilson,
        };
      }),
      undated: { n: undated, source_ids: [...undatedSources].sort() },
    }));
  });
}

describe('cumulative evidence by running totals: exactly the numbers of restricting the table year by year', () => {
  it('on both shipped cohorts', async () => {
    for (const dir of ['data/adrenal-lms', 'data/spinal-lms']) {
      const { input, context } = await cohortAnalysisInput(dir);
      const result = cumulativeAnalysis.compute(input, context);
      expect(result, dir).not.toBeNull();
      expect(result).toStrictEqual(cumulativeByRestriction(input, context));
    }
  });

  it('on 300 random tables: random years (some missing, some repeated out of order), inclusion and statistics', () => {
    const random = seededRandom(20261207);
    const { context: base } = handCountedCohort();
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(random() * 40);
      const { columns } = randomCaseColumns(random, n);
      const sourceCount = 1 + Math.floor(random() * 8);
      const sources = Array.from({ length: sourceCount }, (_, k) => ({
        id: `s${k}`,
        // A year, none, or a text that is not a year.
        fields: {
          year: random() < 0.2 ? '' : random() < 0.1 ? 'n.d.' : String(1990 + Math.floor(random() * 30)),
        },
        line: k + 2,
      }));
      const cases: CaseTable = {
        file: 'cases.csv',
        columnNumbers: {},
        n,
        caseIds: Array.from({ length: n }, (_, i) => `P${i}`),
        // Some rows cite a source that sources.csv does not have.
        sourceIds: Array.from({ length: n }, () => `s${Math.floor(random() * (sourceCount + 1))}`),
        lines: Array.from({ length: n }, (_, i) => i + 2),
        included: Array.from({ length: n }, () => random() < 0.85),
        exclusionReasons: Array.from({ length: n }, () => null),
        duplicateOf: Array.from({ length: n }, () => null),
        columns,
      };
      const statistics: StatisticSpec[] = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => ({
        id: `stat${k}`,
        label: `Statistic ${k}`,
        when: randomCondition(random, 2),
      }));
      const context: StageContext = {
        ...base,
        config: { ...base.config, statistics, cumulative: { statistics: statistics.map((s) => s.id) } },
      };
      const input = analysisInput({ cases, sources, appraisal: null, published: [] }, {});
      expect(cumulativeAnalysis.compute(input, context), `trial ${trial}`).toStrictEqual(
        cumulativeByRestriction(input, context),
      );
    }
  });
});
