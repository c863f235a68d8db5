import { describe, expect, it } from 'vitest';
import { cumulativeAnalysis } from '../../pipeline/analyses/cumulative.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { handCountedCohort } from './fixture.ts';

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
