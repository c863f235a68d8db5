import { bundledFontWidths } from '../drawing/bundledFont.ts';
import { wrapText } from './wrapText.ts';

/** Distance between the baselines of wrapped lines. */
export const lineHeight = (fontSize: number) => Math.round(fontSize * 1.2);

/** Data fields of a category label drawn by `categoryLabelLayer`. */
export interface WrappedLabel {
  /** The label's lines: Vega's text mark draws an array as one line per element. */
  labelLines: string[];
  /** Vertical shift that centres the lines on their row (a text mark starts its first line there). */
  labelDy: number;
}

/** A category label wrapped to `maxWidth` pixels of the bundled font, as data for `categoryLabelLayer`. */
export function wrappedLabel(text: string, maxWidth: number, fontSize = 11): WrappedLabel {
  const labelLines = wrapText(bundledFontWidths().regular, text, fontSize, maxWidth);
  return { labelLines, labelDy: ((1 - labelLines.length) * lineHeight(fontSize)) / 2 };
}

/** Title or subtitle lines, each wrapped to `maxWidth` pixels (Vega-Lite draws an array as lines). */
export function wrappedLines(
  lines: string | readonly string[],
  maxWidth: number,
  fontSize: number,
  bold = false,
): string[] {
  const widths = bundledFontWidths()[bold ? 'bold' : 'regular'];
  return (typeof lines === 'string' ? [lines] : lines).flatMap((l) =>
    wrapText(widths, l, fontSize, maxWidth),
  );
}

/**
 * A text layer that writes the category labels left of the plot, right-aligned on their row, from the
 * fields of `wrappedLabel`: the labels stay data (a cell is never compiled into an expression; the
 * one expression here reads a number of the datum), and a long one takes several lines instead of
 * widening the figure. The category axis keeps its ticks but draws no labels of its own.
 */
export function categoryLabelLayer(fontSize = 11): Record<string, unknown> {
  return {
    mark: {
      type: 'text',
      align: 'right',
      baseline: 'middle',
      dx: -8,
      dy: { expr: 'datum.labelDy' },
      fontSize,
      lineHeight: lineHeight(fontSize),
      color: '#333',
    },
    encoding: { x: { value: 0 }, text: { field: 'labelLines' } },
  };
}

/** Most lines of any wrapped text: rows grow to hold it. */
export const mostLines = (texts: ReadonlyArray<readonly string[]>) =>
  Math.max(1, ...texts.map((t) => t.length));
