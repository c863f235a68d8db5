import { describe, expect, it } from 'vitest';
import { bundledFontWidths } from '../../pipeline/drawing/bundledFont.ts';
import { textWidth } from '../../pipeline/drawing/fontMetrics.ts';
import {
  categoryLabelLayer,
  lineHeight,
  mostLines,
  wrappedLabel,
  wrappedLines,
} from '../../pipeline/charts/wrappedLabels.ts';

describe('wrappedLabel', () => {
  it('wraps a label to the width and shifts its lines up by half their extra height, so they centre on the row', () => {
    expect(wrappedLabel('Kidney', 120)).toEqual({ labelLines: ['Kidney'], labelDy: 0 });
    const label = wrappedLabel('Pain (abdominal, flank, back or groin) at presentation', 120);
    expect(label.labelLines).toEqual(['Pain (abdominal,', 'flank, back or groin)', 'at presentation']);
    expect(label.labelDy).toBe(-lineHeight(11));
    for (const line of label.labelLines)
      expect(textWidth(bundledFontWidths().regular, line, 11)).toBeLessThanOrEqual(120);
  });
});

describe('wrappedLines', () => {
  it('wraps each title line in turn, bold measured as bold', () => {
    const lines = ['Short', 'Pale segment: not reported. Recomputed: count/all included · count/reported'];
    const wrapped = wrappedLines(lines, 250, 11);
    expect(wrapped[0]).toBe('Short');
    expect(wrapped.length).toBeGreaterThan(2);
    expect(wrapped.slice(1).join(' ')).toBe(lines[1]);
    expect(wrappedLines('Survival by a grouping', Infinity, 14, true)).toEqual(['Survival by a grouping']);
    expect(wrappedLines('Hazard ratios (Cox regression)', 180, 14, true)).toHaveLength(2);
    expect(wrappedLines('Hazard ratios (Cox regression)', 180, 11)).toHaveLength(1);
  });

  it('counts the most lines of any wrapped text, at least one', () => {
    expect(mostLines([['a'], ['b', 'c', 'd'], []])).toBe(3);
    expect(mostLines([])).toBe(1);
  });
});

describe('categoryLabelLayer', () => {
  it('draws the labels from data fields, its one expression reading a number of the datum', () => {
    const layer = JSON.stringify(categoryLabelLayer());
    expect(layer).toContain('"text":{"field":"labelLines"}');
    expect([...layer.matchAll(/"expr":"([^"]*)"/g)].map((m) => m[1])).toEqual(['datum.labelDy']);
  });
});
