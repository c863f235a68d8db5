import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { FIGURE_MANIFEST, type FigureManifest } from '../../pipeline/drawing/figureReuse.ts';
import { IN_THIS_THREAD, RenderPool, type ChartRenderer } from '../../pipeline/drawing/renderPool.ts';
import { ANALYSES } from '../../pipeline/analyses/index.ts';
import { runCohort, type RunOptions } from '../../pipeline/run.ts';
import { analysisSteps } from '../../pipeline/stages/analyze.ts';
import { figureDrawing } from '../../pipeline/drawing/figureDrawing.ts';
import { cohortContext } from '../helpers/stageInput.ts';
import { extract } from '../../pipeline/stages/extract.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { syntheticAdrenalCohort, tempOut } from '../helpers/cohortCopy.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';

/** Draws in this thread and counts what it is asked to draw (a fresh one has an empty memory, as a new process). */
function countingRenderer() {
  /** How many layouts, and the SVG of each PNG asked for. */
  const counts = { layouts: 0, pngs: [] as string[] };
  const renderer: ChartRenderer = {
    layout: (spec) => {
      counts.layouts++;
      return IN_THIS_THREAD.layout(spec);
    },
    png: (svg, options) => {
      counts.pngs.push(svg);
      return IN_THIS_THREAD.png(svg, options);
    },
  };
  return { renderer, counts };
}

/** A copy of the synthetic drug-reactions cohort (2 bar panels and their combined figure). */
function drugReactions(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'casepool-render-')), 'drug-reactions');
  cpSync('test/fixtures/drug-reactions', dir, { recursive: true });
  return dir;
}

/** Every file under figures/ of the report at `out`, by name. */
function figures(out: string): Map<string, Buffer> {
  const dir = join(out, 'figures');
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

const run = async (cohort: string, out: string, options: RunOptions = {}) => {
  const { renderer, counts } = countingRenderer();
  const result = await runCohort(cohort, out, { ...options, renderPool: renderer });
  expect(result.exitCode).toBe(0);
  return counts;
};

describe('figures reused from the previous report', () => {
  it('nothing changed: every figure is copied, none laid out or rasterised, the same bytes', async () => {
    const cohort = drugReactions();
    const out = tempOut();
    const cold = await run(cohort, out);
    // Two panels, each also laid out narrower for the combined figure, and the completeness chart; PNGs of
    // the panels, the combined figure and the completeness chart.
    expect(cold.layouts).toBe(5);
    expect(cold.pngs).toHaveLength(4);
    const first = figures(out);
    expect([...first.keys()].sort()).toEqual(
      ['completeness', 'figure-combined', 'panel-A', 'panel-B']
        .flatMap((id) => [`${id}.png`, `${id}.svg`])
        .concat('manifest.json')
        .sort(),
    );
    const warm = await run(cohort, out);
    expect(warm).toEqual({ layouts: 0, pngs: [] });
    expect(figures(out)).toEqual(first);
  }, 60_000);

  it('a changed spec redraws that chart (and the combined figure it is part of), not the others', async () => {
    const cohort = drugReactions();
    const out = tempOut();
    await run(cohort, out);
    const before = figures(out);
    // Synthetic edit: DR-1's rash becomes urticaria, which moves panel A (reactions) and not panel B.
    const cases = join(cohort, 'cases.csv');
    writeFileSync(
      cases,
      readFileSync(cases, 'utf8').replace('DR-1,synthetic,34,200,rash,', 'DR-1,synthetic,34,200,urticaria,'),
    );
    const changed = await run(cohort, out);
    // Panel A and its narrow copy laid out; PNGs of panel A and the combined figure.
    expect(changed.layouts).toBe(2);
    expect(changed.pngs).toHaveLength(2);
    const after = figures(out);
    expect(after.get('panel-B.png')).toEqual(before.get('panel-B.png'));
    expect(after.get('panel-B.svg')).toEqual(before.get('panel-B.svg'));
    expect(after.get('panel-A.png')).not.toEqual(before.get('panel-A.png'));
    expect(after.get('figure-combined.png')).not.toEqual(before.get('figure-combined.png'));
  }, 60_000);

  it('another dpi rasterises every PNG again from the layouts kept; another column lays them out again', async () => {
    const cohort = drugReactions();
    const out = tempOut();
    const first = await run(cohort, out);
    const at300 = figures(out);
    const at600 = await run(cohort, out, { figures: { dpi: 600 } });
    expect(at600.layouts).toBe(0);
    expect(at600.pngs).toHaveLength(4);
    expect(figures(out).get('panel-A.png')!.length).toBeGreaterThan(at300.get('panel-A.png')!.length);
    // One column has layouts of its own (narrower plots, wrapped labels): every chart is laid out again.
    const single = await run(cohort, out, { figures: { dpi: 600, width: 'single' } });
    expect(first.layouts).toBeGreaterThan(0);
    expect(single.layouts).toBe(first.layouts);
    expect(single.pngs).toHaveLength(4);
    // Back to the first options: drawn again, byte for byte as the first time.
    await run(cohort, out);
    expect(figures(out)).toEqual(at300);
  }, 60_000);

  it('a PNG or SVG the user changed in the report is drawn again, not copied', async () => {
    const cohort = drugReactions();
    const out = tempOut();
    await run(cohort, out);
    const original = figures(out);
    // The report folder itself (out is a link to it): one byte of a PNG changed, an SVG edited.
    const folder = realpathSync(out);
    const png = readFileSync(join(folder, 'figures', 'panel-B.png'));
    png[png.length - 20]! ^= 0xff;
    writeFileSync(join(folder, 'figures', 'panel-B.png'), png);
    writeFileSync(
      join(folder, 'figures', 'panel-A.svg'),
      readFileSync(join(folder, 'figures', 'panel-A.svg'), 'utf8').replace('Reactions', 'Edited'),
    );
    const redrawn = await run(cohort, out);
    expect(redrawn.layouts).toBe(1);
    // Panel A laid out again gives the same SVG, so its PNG (keyed by that SVG) is still copied.
    expect(redrawn.pngs).toHaveLength(1);
    expect(redrawn.pngs[0]).toContain('B. Course');
    expect(figures(out)).toEqual(original);
  }, 60_000);

  it('a damaged or foreign manifest is ignored: everything is drawn again', async () => {
    const cohort = drugReactions();
    const out = tempOut();
    await run(cohort, out);
    const original = figures(out);
    const manifest = join(realpathSync(out), FIGURE_MANIFEST);
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 100));
    const again = await run(cohort, out);
    expect(again.layouts).toBe(5);
    expect(again.pngs).toHaveLength(4);
    expect(figures(out)).toEqual(original);
    const written = JSON.parse(readFileSync(join(out, FIGURE_MANIFEST), 'utf8')) as FigureManifest;
    expect(Object.keys(written.figures)).toEqual(['completeness', 'figure-combined', 'panel-A', 'panel-B']);
  }, 60_000);
});

describe('figureDrawing', () => {
  it("draws an analysis's figures once: asked again (the render stage after analyze), it gives the same", async () => {
    const context = cohortContext(drugReactions());
    const normalized = normalize(await extract(null, context), context);
    const { renderer, counts } = countingRenderer();
    const drawing = figureDrawing({ png: true, charts: { renderer } });
    const steps = analysisSteps(
      {
        cases: normalized.tables.of(casesTable)!,
        published: [],
        inputs: [{ role: 'cases', file: 'cases.csv', sha256: 'x' }],
      },
      context,
    );
    const proportions = ANALYSES.find((a) => a.id === 'statistics')!;
    for (let step = steps.next(); !step.done; step = steps.next()) {
      if (step.value.analysis !== proportions) continue;
      const { analysis, result, read } = step.value;
      const first = drawing.draw(analysis, result, context, read);
      expect(drawing.draw(analysis, result, context, read)).toBe(first);
      const figures = await first;
      expect(figures.map((f) => f.id)).toEqual(['A', 'B', 'combined']);
    }
    await Promise.all(drawing.options.pending);
    // Two panels, and each again narrower for the combined figure; three PNGs.
    expect(counts.layouts).toBe(4);
    expect(counts.pngs).toHaveLength(3);
    expect(drawing.options.files.map((f) => f.path).sort()).toEqual([
      'figures/figure-combined.svg',
      'figures/panel-A.svg',
      'figures/panel-B.svg',
      'specs/panel-A.vl.json',
      'specs/panel-B.vl.json',
    ]);
  }, 60_000);
});

describe('render pool', () => {
  const pool = new RenderPool(2);
  afterAll(() => pool.close());

  it('writes every figure byte for byte as drawing in this thread does (synthetic adrenal cohort)', async () => {
    const cohort = syntheticAdrenalCohort();
    const onPool = tempOut();
    const here = tempOut();
    expect((await runCohort(cohort, onPool, { renderPool: pool })).exitCode).toBe(0);
    expect((await runCohort(cohort, here, { renderPool: IN_THIS_THREAD })).exitCode).toBe(0);
    const a = figures(onPool);
    const b = figures(here);
    // Bar panels, combined figure, Kaplan–Meier, forest plot, cumulative charts: SVG and PNG each.
    expect(a.size).toBeGreaterThan(20);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);
  }, 120_000);
});

describe('findings.csv', () => {
  it('holds every finding of the run, most severe first, with the reason of an accepted one', async () => {
    // The spinal cohort: its accepted.csv decision (flow counts as printed) accepts a warning of this run.
    const result = await runCohort('data/spinal-lms', tempOut(), { png: false });
    expect(result.exitCode).toBe(0);
    const rows = parse(readFileSync(join(result.outDir, 'findings.csv'), 'utf8'), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(result.findings.length);
    expect(rows.length).toBeGreaterThan(0);
    const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
    const order = rows.map((r) => rank[r.severity!]!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const accepted = rows.find((r) => r.accepted !== '');
    expect(accepted?.severity).toBe('warning');
    expect(accepted?.accepted).toContain('as printed');
  }, 60_000);
});
