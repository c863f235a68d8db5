import { DEFAULT_DPI } from '../drawing/renderChart.ts';
import type { FigureWidth } from './printSize.ts';

/** How figures are laid out for a manuscript (`--dpi`, `--figure-width`, `--recomputed-only`). */
export interface FigureOptions {
  /** Resolution of the PNGs, written into them (pHYs). */
  dpi: number;
  /** Journal column the figures are sized for: 8.5 cm or 17.5 cm. */
  width: FigureWidth;
  /** Recomputed bars only, without the grey "as published" half: for the user's own paper. */
  recomputedOnly: boolean;
}

export const DEFAULT_FIGURE_OPTIONS: FigureOptions = {
  dpi: DEFAULT_DPI,
  width: 'double',
  recomputedOnly: false,
};
