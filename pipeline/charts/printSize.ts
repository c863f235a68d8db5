/** Journal column widths: single (one column) and double (full page width), in centimetres. */
export const FIGURE_WIDTHS_CM = { single: 8.5, double: 17.5 } as const;
export type FigureWidth = keyof typeof FIGURE_WIDTHS_CM;

/** Smallest text size journals accept at print size. */
export const MIN_TEXT_PT = 6;

const PT_PER_CM = 72 / 2.54;
/** A CSS pixel is 1/96 inch: a figure never prints larger than its natural size. */
const PT_PER_PX = 72 / 96;

/**
 * Widest figure, in CSS pixels, whose smallest text (`smallestTextPx`) still prints at MIN_TEXT_PT
 * once shrunk to the column: 401 px for 10 px text on 8.5 cm, 826 px on 17.5 cm. Chart builders lay
 * themselves out within it.
 */
export function widestFigurePx(width: FigureWidth, smallestTextPx = 10): number {
  // Shrunk to the column, text of s px prints at s × column pt / figure px.
  return (FIGURE_WIDTHS_CM[width] * PT_PER_CM * smallestTextPx) / MIN_TEXT_PT;
}

/** Width and height in CSS pixels of an SVG's root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const number = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(root)?.[1] ?? NaN);
  return { width: number('width'), height: number('height') };
}

/** Every font size in an SVG, in its own units (Vega and our diagrams write `font-size="11px"`). */
export function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/font-size(?:="|:\s*)([0-9.]+)(?:px)?/g)].map((m) => Number(m[1]));
}

export interface PrintSize {
  widthPt: number;
  heightPt: number;
  /** Size of the smallest text at that print size. */
  minTextPt: number;
}

/**
 * Print size of a figure for a journal column: its natural size (96 px per inch), shrunk to the
 * column width when wider. The smallest text is reported so that a figure whose text would print
 * under 6 pt can be flagged.
 */
export function printSize(svg: string, width: FigureWidth): PrintSize {
  const size = svgSize(svg);
  const widthPt = Math.min(size.width * PT_PER_PX, FIGURE_WIDTHS_CM[width] * PT_PER_CM);
  const scale = widthPt / size.width;
  // A loop, not Math.min(...sizes): a chart of thousands of rows has more font sizes than a call
  // takes arguments (a 14,000-source traffic light overflowed the stack).
  let smallest = Infinity;
  for (const size of fontSizes(svg)) if (size < smallest) smallest = size;
  return {
    widthPt,
    heightPt: size.height * scale,
    minTextPt: smallest * scale,
  };
}

/**
 * The SVG with its physical size on the root element (`width="496pt"`, viewBox kept), so Word,
 * Inkscape and journal systems place it at print size.
 */
export function svgAtPrintSize(svg: string, size: PrintSize): string {
  const { width, height } = svgSize(svg);
  return svg.replace(/<svg\b[^>]*>/, (root) => {
    let out = root
      .replace(/\swidth="[0-9.]+"/, ` width="${round(size.widthPt)}pt"`)
      .replace(/\sheight="[0-9.]+"/, ` height="${round(size.heightPt)}pt"`);
    if (!/\sviewBox=/.test(out)) out = out.replace(/^<svg/, `<svg viewBox="0 0 ${width} ${height}"`);
    return out;
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Pixel width of a PNG of the figure at `dpi`. */
export function pngWidthPx(size: PrintSize, dpi: number): number {
  return Math.round((size.widthPt / 72) * dpi);
}
