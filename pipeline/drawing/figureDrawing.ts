import type { Analysis, AnalysisFigure, AnalysisInput, RenderedFigure } from '../analyses/analysis.ts';
import { DEFAULT_FIGURE_OPTIONS, type FigureOptions } from '../charts/figureOptions.ts';
import { MIN_TEXT_PT, pngWidthPx, printSize, svgAtPrintSize, FIGURE_WIDTHS_CM } from '../charts/printSize.ts';
import type { LaterFile, OutputFile, StageContext } from '../stages/context.ts';
import {
  figureRecord,
  FIGURE_MANIFEST,
  manifestText,
  layoutKey,
  pngKey,
  readPreviousFigures,
  type FigureRecord,
  type PreviousFigures,
} from './figureReuse.ts';
import { renderSvg as layOutRemembered } from './renderChart.ts';
import { IN_THIS_THREAD, type ChartRenderer } from './renderPool.ts';

/** How a run's charts are drawn: its PNG and figure options, its renderer and what it may reuse. */
export interface FigureSettings {
  /** Skip PNGs (watch mode and tests that only need the page). */
  png?: boolean;
  figures?: Partial<FigureOptions>;
  /**
   * Where charts are laid out and rasterised (default: this thread; a run uses a worker pool), and the
   * previous complete report under `--out`, whose figures are copied when nothing they are drawn
   * from changed (spec, dpi, width, renderer).
   */
  charts?: { renderer?: ChartRenderer; previousReport?: string | null };
}

/** PNGs still rasterising: written after the other files, once they are done. */
type PendingFiles = LaterFile[];

/** The figure options of a run, with where its charts are drawn and what it may reuse. */
export type FigureContext = FigureOptions & {
  png: boolean;
  renderer: ChartRenderer;
  previous: PreviousFigures;
  /** What the manifest will say of each figure written. */
  records: Map<string, FigureRecord>;
  /** The parts of composed figures as laid out, by layout key, for the next run. */
  parts: Map<string, string>;
  files: Array<OutputFile | LaterFile>;
  pending: PendingFiles;
};

/** What the page needs of a figure written to disk. */
type WrittenFigure = Pick<RenderedFigure, 'svg' | 'files' | 'sizeNote'>;

/**
 * Writes a figure's SVG at print size (the journal column width, or its natural size when smaller)
 * and its PNG at that size and `dpi`; the spec too when there is one. The PNG is copied from the
 * previous report when that one was rasterised from the same SVG at the same size (and its file is
 * as that report wrote it).
 */
function writeFigure(
  id: string,
  svg: string,
  spec: Record<string, unknown> | null,
  options: FigureContext,
): WrittenFigure {
  const paths = {
    spec: spec ? `specs/${id}.vl.json` : null,
    svg: `figures/${id}.svg`,
    png: options.png ? `figures/${id}.png` : null,
  };
  const size = printSize(svg, options.width);
  if (spec) options.files.push({ path: paths.spec!, content: `${JSON.stringify(spec, null, 2)}\n` });
  const written = svgAtPrintSize(svg, size);
  options.files.push({ path: paths.svg, content: written });
  const layout = spec ? layoutKey(spec) : null;
  options.records.set(id, figureRecord(layout, svg, written, null));
  if (options.png) {
    const widthPx = pngWidthPx(size, options.dpi);
    const key = pngKey(svg, options.dpi, widthPx);
    const previous = options.previous.png(id, key);
    const png = previous
      ? Promise.resolve(previous)
      : options.renderer.png(svg, { dpi: options.dpi, widthPx });
    const content = png.then((bytes) => {
      options.records.set(id, figureRecord(layout, svg, written, { key, content: bytes }));
      return bytes;
    });
    // Awaited by the writer; a run that fails before then has no unhandled rejection.
    content.catch(() => {});
    options.pending.push({ path: paths.png!, content });
  }
  const sizeNote =
    size.minTextPt < MIN_TEXT_PT
      ? `At ${FIGURE_WIDTHS_CM[options.width]} cm wide its smallest text prints at ${size.minTextPt.toFixed(1)} pt, under the ${MIN_TEXT_PT} pt journals ask for${options.width === 'single' ? ': use --figure-width double' : ''}.`
      : '';
  return { svg, files: paths, sizeNote };
}

/** A spec laid out: taken from the previous report when unchanged (`reused`), else drawn. */
async function layOut(
  spec: Record<string, unknown>,
  reused: (layout: string) => string | null,
  options: FigureContext,
): Promise<string> {
  return reused(layoutKey(spec)) ?? (await layOutRemembered(spec, options.renderer.layout));
}

/** An analysis's figure drawn (or taken from the previous report) and written. */
async function drawFigure(figure: AnalysisFigure, options: FigureContext): Promise<RenderedFigure> {
  const file = figure.file ?? figure.id;
  let written: WrittenFigure;
  if ('spec' in figure) {
    const svg = await layOut(figure.spec, (key) => options.previous.svg(file, key), options);
    written = writeFigure(file, svg, figure.spec, options);
  } else if ('parts' in figure) {
    const parts = await Promise.all(
      figure.parts.map(async (spec) => {
        const svg = await layOut(spec, (key) => options.previous.part(key), options);
        options.parts.set(layoutKey(spec), svg);
        return svg;
      }),
    );
    written = writeFigure(file, figure.compose(parts), null, options);
  } else written = writeFigure(file, figure.svg, null, options);
  return {
    id: figure.id,
    title: figure.title,
    caption: written.sizeNote ? `${figure.caption} ${written.sizeNote}` : figure.caption,
    ...written,
  };
}

/** A run's figures being drawn: each analysis's at most once, awaited by the render stage. */
export interface FigureDrawing {
  /**
   * Starts drawing an analysis's figures (laid out on the renderer, PNGs queued), or gives those
   * already started for it in this run.
   */
  draw(
    analysis: Analysis<unknown>,
    result: unknown,
    context: StageContext,
    read: AnalysisInput,
  ): Promise<RenderedFigure[]>;
  /**
   * The PNGs and the manifest that records them, handed over unfinished: the writer writes the
   * tables meanwhile (seconds at 10^6 patients), and these last. Asked once every figure is started.
   */
  lastFiles(): LaterFile[];
  readonly options: FigureContext;
}

/** Where a run's figures are drawn and collected, from its settings. */
export function figureDrawing(settings: FigureSettings): FigureDrawing {
  const options: FigureContext = {
    ...DEFAULT_FIGURE_OPTIONS,
    ...settings.figures,
    png: settings.png !== false,
    renderer: settings.charts?.renderer ?? IN_THIS_THREAD,
    previous: readPreviousFigures(settings.charts?.previousReport ?? null),
    records: new Map(),
    parts: new Map(),
    files: [],
    pending: [],
  };
  const started = new Map<string, Promise<RenderedFigure[]>>();
  return {
    options,
    draw(analysis, result, context, read) {
      let figures = started.get(analysis.id);
      if (!figures) {
        figures = Promise.all(
          (analysis.figures?.(result, context, options, read) ?? []).map((f) => drawFigure(f, options)),
        );
        // Awaited by the render stage; a run that fails before then has no unhandled rejection.
        figures.catch(() => {});
        started.set(analysis.id, figures);
      }
      return figures;
    },
    lastFiles() {
      const pngs = options.pending;
      const manifest = Promise.all(pngs.map((f) => f.content)).then(() =>
        manifestText(options.records, options.parts),
      );
      manifest.catch(() => {});
      return [...pngs, { path: FIGURE_MANIFEST, content: manifest }];
    },
  };
}
