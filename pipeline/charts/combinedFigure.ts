import { escapeHtml } from '../report/escapeHtml.ts';
import { svgSize } from './printSize.ts';
import { CHART_FONT } from './theme.ts';

const GAP = 14;
const MARGIN = 8;

/**
 * One multi-panel figure, as the paper's Figure 3: the panels' SVGs stacked in one column, each
 * keeping its own title with its letter ("A. Symptoms"), left-aligned so the letters line up. The
 * panels are nested <svg> elements at their own size, so each draws exactly as its single file does
 * (Vega's SVGs carry no ids, so nothing can clash). `title` is the figure's accessible name.
 */
export function combinedFigureSvg(panels: ReadonlyArray<{ id: string; svg: string }>, title: string): string {
  let y = MARGIN;
  let width = 0;
  const parts: string[] = [];
  for (const p of panels) {
    const size = svgSize(p.svg);
    const body = p.svg
      .replace(/^<\?xml[^>]*>\s*/, '')
      .replace(/^<svg\b/, `<svg x="${MARGIN}" y="${y}" data-panel="${escapeHtml(p.id)}"`);
    parts.push(body);
    y += size.height + GAP;
    width = Math.max(width, size.width);
  }
  const w = width + 2 * MARGIN;
  const h = y - GAP + MARGIN;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${CHART_FONT}, sans-serif" role="img" aria-label="${escapeHtml(title)}"><rect width="${w}" height="${h}" fill="white"/>${parts.join('')}</svg>`;
}
