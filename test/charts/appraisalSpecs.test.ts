import { describe, expect, it } from 'vitest';
import { appraisalSummarySpec, trafficLightSpec } from '../../pipeline/charts/appraisalSpecs.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { fitsOneColumn, svgTexts } from '../helpers/svgText.ts';

// Synthetic checklist of eight items and five sources, one with an id as long as the longest shipped one.
const items = [
  'Demographics clearly described',
  'History and timeline',
  'Condition at presentation',
  'Diagnostic tests and results',
  'Treatment or intervention clearly described',
  'Post-treatment condition',
  'Adverse events identified',
  'Takeaway lessons',
].map((label, k) => ({ id: `q${k + 1}`, label }));
const sourceIds = ['synth2001', 'syntheticsourcelongname2020', 'syn3', 'syn4', 'syn5'];
const answers = ['yes', 'no', 'unclear', 'not applicable', null] as const;
const sources = sourceIds.map((source_id, s) => ({
  source_id,
  answers: Object.fromEntries(items.map((i, k) => [i.id, answers[(s + k) % answers.length]!])),
  overall: s % 2 ? 'seek further info' : 'include',
}));
const counts = items.map((i) => ({ ...i, yes: 2, no: 1, unclear: 1, not_applicable: 1, not_answered: 0 }));

describe('trafficLightSpec', () => {
  it('at double width heads each column with the whole item', async () => {
    const texts = svgTexts(await renderSvg(trafficLightSpec('Synthetic checklist', items, sources))).map(
      (t) => t.text,
    );
    expect(texts).toContain('q5. Treatment or intervention clearly described');
  });

  it('at one column heads the columns by item id, writes the items and answers in a key, and fits the column', async () => {
    const svg = await renderSvg(
      trafficLightSpec('Synthetic checklist for case reports', items, sources, 'single'),
    );
    const fit = fitsOneColumn(svg);
    expect(fit.fits, `${fit.width} px wide, smallest text ${fit.smallest} px`).toBe(true);
    expect(fit.smallest).toBeGreaterThanOrEqual(10);
    const texts = svgTexts(svg).map((t) => t.text);
    for (const i of items) {
      expect(texts).toContain(i.id);
      expect(texts).toContain(`${i.id}. ${i.label}`);
    }
    for (const id of sourceIds) expect(texts).toContain(id);
    expect(texts.filter((t) => t === 'seek further info')).toHaveLength(2);
    for (const answer of answers.filter((a) => a !== null)) expect(texts).toContain(answer);
    expect(texts).toContain('not answered');
    // One dot per source and item, in the answer's colour.
    expect(svg.match(/aria-roledescription="circle"/g)?.length).toBe(sources.length * items.length + 5);
  });
});

describe('appraisalSummarySpec', () => {
  it('at one column wraps the items beside a narrower plot, keeps the answers in a key, and fits the column', async () => {
    const spec = appraisalSummarySpec('Synthetic checklist', counts, 5, 'single');
    const svg = await renderSvg(spec);
    const fit = fitsOneColumn(svg);
    expect(fit.fits, `${fit.width} px wide, smallest text ${fit.smallest} px`).toBe(true);
    const texts = svgTexts(svg);
    for (const i of items) expect(texts.filter((t) => t.text === `${i.id}. ${i.label}`)).toHaveLength(1);
    expect(texts.find((t) => t.text.startsWith('q5.'))!.lines.length).toBeGreaterThan(1);
    expect(texts.map((t) => t.text)).toContain('not applicable');
  });
});
