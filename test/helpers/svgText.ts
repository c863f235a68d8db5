import { fontSizes, svgSize, widestFigurePx } from '../../pipeline/charts/printSize.ts';

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * The text of every `<text>` element of an SVG, in document order, entities decoded; a text drawn
 * on several lines (Vega writes one `<tspan>` per line) as its lines in `lines` and joined by spaces in `text`.
 */
export function svgTexts(svg: string): Array<{ text: string; lines: string[] }> {
  return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/gs)].map((m) => {
    const inner = m[1]!;
    const lines = inner.includes('<tspan')
      ? [...inner.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => decode(t[1]!))
      : [decode(inner)];
    return { text: lines.join(' '), lines };
  });
}

/**
 * Whether a figure laid out for one column prints there with no text under 6 pt: it is no wider
 * than the widest figure whose smallest text still does (its smallest text is 10 px or more).
 */
export function fitsOneColumn(svg: string): { width: number; smallest: number; fits: boolean } {
  const width = svgSize(svg).width;
  const smallest = Math.min(...fontSizes(svg));
  return { width, smallest, fits: width <= widestFigurePx('single', smallest) };
}
