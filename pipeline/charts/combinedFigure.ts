import { escapeHtml } from '../report/escapeHtml.ts';
import { bundledFontWidths } from '../drawing/bundledFont.ts';
import { svgSize } from './printSize.ts';
import { chartConfig, CHART_FONT } from './theme.ts';
import { wrapText } from './wrapText.ts';

const GAP = 16;
const MARGIN = 6;
const LINE = 14;

/**
 * One multi-panel figure, as the paper's Figure 3: the panels' SVGs in a grid of `columns` columns,
 * row by row, each keeping its own title with its letter ("A. Symptoms"), and the key shared by all
 * panels written once under them. The panels are nested <svg> elements at their own size, so each
 * draws exactly as rendered (Vega's SVGs carry no ids, so nothing can clash). `title` is the
 * figure's accessible name. A key line wider than the panels is wrapped to their width (one panel
 * a row is narrow).
 */
export function combinedFigureSvg(
  panels: ReadonlyArray<{ id: string; svg: string }>,
  title: string,
  options: { columns?: number; key?: readonly string[] } = {},
): string {
  const columns = Math.max(1, options.columns ?? 1);
  const sizes = panels.map((p) => svgSize(p.svg));
  const columnWidths = Array.from({ length: columns }, (_, c) =>
    Math.max(0, ...sizes.filter((_, i) => i % columns === c).map((s) => s.width)),
  );
  const rowHeights = Array.from({ length: Math.ceil(panels.length / columns) }, (_, r) =>
    Math.max(...sizes.slice(r * columns, (r + 1) * columns).map((s) => s.height)),
  );
  const parts = panels.map((p, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    const x = MARGIN + columnWidths.slice(0, column).reduce((a, b) => a + b + GAP, 0);
    const y = MARGIN + rowHeights.slice(0, row).reduce((a, b) => a + b + GAP, 0);
    return p.svg
      .replace(/^<\?xml[^>]*>\s*/, '')
      .replace(/^<svg\b/, `<svg x="${x}" y="${y}" data-panel="${escapeHtml(p.id)}"`);
  });
  const width = columnWidths.reduce((a, b) => a + b, 0) + GAP * (columns - 1) + 2 * MARGIN;
  const panelsHeight = rowHeights.reduce((a, b) => a + b, 0) + GAP * (rowHeights.length - 1);
  const keyLines = (options.key ?? []).flatMap((line) =>
    wrapText(bundledFontWidths().regular, line, chartConfig.text.fontSize, width - 2 * MARGIN),
  );
  const key = keyLines.map(
    (line, k) =>
      `<text x="${MARGIN}" y="${MARGIN + panelsHeight + GAP + k * LINE + 10}" font-size="${chartConfig.text.fontSize}" fill="#555">${escapeHtml(line)}</text>`,
  );
  const height = MARGIN + panelsHeight + (key.length ? GAP + key.length * LINE : 0) + MARGIN;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT}, sans-serif" role="img" aria-label="${escapeHtml(title)}"><rect width="${width}" height="${height}" fill="white"/>${parts.join('')}${key.join('')}</svg>`;
}
