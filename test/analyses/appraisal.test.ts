import { describe, expect, it } from 'vitest';
import { appraisalAnalysis, TRAFFIC_LIGHT_MAX_SOURCES } from '../../pipeline/analyses/appraisal.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { handCountedCohort } from './fixture.ts';

describe('appraisal analysis', () => {
  const { input, context } = handCountedCohort();
  const result = appraisalAnalysis.compute(input, context)!;

  it('counts the answers per item', () => {
    expect(result.items.map((i) => [i.id, i.yes, i.no, i.unclear, i.not_applicable, i.not_answered])).toEqual(
      [
        ['q1', 3, 0, 0, 0, 0],
        ['q2', 2, 1, 0, 0, 0],
        ['q3', 1, 0, 1, 1, 0],
      ],
    );
  });

  it('counts yes of the applicable items per source', () => {
    expect(result.sources.map((s) => [s.source_id, s.yes, s.applicable, s.overall])).toEqual([
      ['s1', 3, 3, 'include'],
      ['s2', 1, 3, 'exclude'],
      ['s3', 2, 2, 'seek further info'],
    ]);
  });

  it('draws a traffic light with a dot per source and item, and a summary', async () => {
    const figures = appraisalAnalysis.figures!(result, context, DEFAULT_FIGURE_OPTIONS, input);
    expect(figures.map((f) => f.id)).toEqual(['appraisal-tri-traffic-light', 'appraisal-tri-summary']);
    const figure = figures[0]!;
    if (!('spec' in figure)) throw new Error('the traffic light is a Vega-Lite chart');
    const svg = await renderSvg(figure.spec);
    expect(
      svg.match(/<path[^>]*aria-roledescription="circle"/g)?.length ??
        (svg.match(/role-circle/g) ?? []).length,
    ).toBeGreaterThan(0);
    expect(svg).toContain('s3');
  });

  it('draws no traffic light past a printed page of sources, and says so in the page; the summary stays', () => {
    const many = {
      ...result,
      tools: result.tools.map((t) => ({ ...t, sources: TRAFFIC_LIGHT_MAX_SOURCES + 1 })),
    };
    many.sources = Array.from({ length: TRAFFIC_LIGHT_MAX_SOURCES + 1 }, (_, k) => ({
      ...result.sources[0]!,
      source_id: `s${k}`,
    }));
    const figures = appraisalAnalysis.figures!(many, context, DEFAULT_FIGURE_OPTIONS, input);
    expect(figures.map((f) => f.id)).toEqual(['appraisal-tri-summary']);
    const page = String(appraisalAnalysis.section!(many, [], context, input));
    expect(page).toContain(`no traffic-light chart for ${TRAFFIC_LIGHT_MAX_SOURCES + 1} sources`);
    const few = String(appraisalAnalysis.section!(result, [], context, input));
    expect(few).not.toContain('no traffic-light chart');
  });
});
