import { afterEach, describe, expect, it } from 'vitest';
import { barPanelSpec, type PanelBar } from '../../pipeline/charts/barPanelSpec.ts';
import { drawSvg, renderPng } from '../../pipeline/drawing/renderChart.ts';
import { RenderPool } from '../../pipeline/drawing/renderPool.ts';
import { survivalChartSpec } from '../../pipeline/charts/survivalChartSpec.ts';
import { kaplanMeier, numberAtRisk } from '../../pipeline/stats/kaplanMeier.ts';
import type { SurvivalCurve } from '../../pipeline/analyses/survival/survivalEstimates.ts';

const pools: RenderPool[] = [];
const newPool = (size?: number) => {
  const pool = new RenderPool(size);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  delete process.env.CASEPOOL_TEST_RENDER_FAIL;
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** Synthetic bars and a synthetic survival curve: two kinds of chart. */
const bars = (n: number): PanelBar[] => [
  {
    label: 'Pain',
    version: 'Recomputed',
    percent: n,
    notReportedPercent: 10,
    text: `${n}%`,
    description: 'synthetic',
  },
  {
    label: 'Mass',
    version: 'Recomputed',
    percent: 100 - n,
    notReportedPercent: 0,
    text: `${100 - n}%`,
    description: 'synthetic',
  },
];
/** A survival curve from synthetic follow-up (months), as the engine gives it. */
function curve(): SurvivalCurve {
  const obs = [3, 8, 14, 20, 31].map((time, i) => ({ time, event: i % 2 === 0 }));
  return {
    n: obs.length,
    events: 3,
    censored: 2,
    excluded: 0,
    excluded_reasons: [],
    median: { estimate: null, ci95: [null, null] },
    at: {},
    table: kaplanMeier(obs).table,
    risk_table: numberAtRisk(obs, [0, 12, 24], { timefix: false }),
  };
}
const specs = () => [
  barPanelSpec({ id: 'A', title: 'Synthetic A' }, bars(30), ['n = 4 (synthetic)']),
  barPanelSpec({ id: 'B', title: 'Synthetic B' }, bars(70), ['n = 4 (synthetic)']),
];

describe('RenderPool', () => {
  it('lays out and rasterises exactly as this thread does, every chart, in any order they finish', async () => {
    const pool = newPool(2);
    const all = specs();
    const onPool = await Promise.all(all.map((s) => pool.layout(s)));
    const here = await Promise.all(all.map((s) => drawSvg(s)));
    expect(onPool).toEqual(here);
    expect(new Set(onPool).size).toBe(all.length);
    const pngs = await Promise.all(onPool.map((svg) => pool.png(svg, { dpi: 300, widthPx: 900 })));
    const herePngs = await Promise.all(here.map((svg) => renderPng(svg, { dpi: 300, widthPx: 900 })));
    for (let i = 0; i < pngs.length; i++)
      expect(Buffer.from(pngs[i]!).equals(Buffer.from(herePngs[i]!))).toBe(true);
  }, 60_000);

  it('lays charts out on one worker (Vega loaded once); PNGs start the second, with the same bytes', async () => {
    const pool = newPool(2);
    pool.start(1);
    const all = [...specs(), ...specs().map((s) => ({ ...s, width: 150 }))];
    const onPool = await Promise.all(all.map((s) => pool.layout(s)));
    expect(pool.workers).toBe(1);
    expect(onPool).toEqual(await Promise.all(all.map((s) => drawSvg(s))));
    const pngs = await Promise.all(onPool.map((svg) => pool.png(svg, { dpi: 300, widthPx: 600 })));
    expect(pool.workers).toBe(2);
    for (const [i, svg] of onPool.entries())
      expect(
        Buffer.from(pngs[i]!).equals(Buffer.from(await renderPng(svg, { dpi: 300, widthPx: 600 }))),
      ).toBe(true);
  }, 60_000);

  it('a spec that throws in a worker rejects with its error and the worker stack; the pool goes on', async () => {
    const pool = newPool(1);
    const bad = { mark: 'no-such-mark', data: { values: [] } };
    const inThisThread = await drawSvg(bad).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(inThisThread).not.toBeNull();
    const failed = pool.layout(bad);
    await expect(failed).rejects.toThrow(inThisThread!);
    await failed.catch((e: Error) => expect(e.stack).toMatch(/in a render worker, drawing a chart/));
    expect(await pool.layout(specs()[0]!)).toBe(await drawSvg(specs()[0]!));
  }, 60_000);

  it('a worker that dies rejects its chart, and a new worker takes the next one', async () => {
    process.env.CASEPOOL_TEST_RENDER_FAIL = 'exit';
    const pool = newPool(1);
    await expect(pool.layout(specs()[0]!)).rejects.toThrow(
      /a render worker stopped while drawing a chart: it exited with code 70/,
    );
    // The hook is read in the worker: a worker started without it draws again.
    delete process.env.CASEPOOL_TEST_RENDER_FAIL;
    const svg = await pool.layout(specs()[1]!);
    expect(svg).toBe(await drawSvg(specs()[1]!));
  }, 60_000);

  it('close() ends the workers: queued charts and later ones are rejected', async () => {
    const pool = newPool(1);
    const first = pool.layout(specs()[0]!);
    const queued = pool.layout(specs()[1]!);
    await pool.close();
    await expect(first).rejects.toThrow(/closed before this chart was drawn/);
    await expect(queued).rejects.toThrow(/closed before this chart was drawn/);
    await expect(pool.layout(specs()[0]!)).rejects.toThrow(/closed/);
  }, 60_000);

  it('survival charts too: same SVG on the pool as here', async () => {
    const pool = newPool(1);
    const spec = survivalChartSpec([{ label: 'All patients (synthetic)', curve: curve() }], {
      title: 'Synthetic survival',
      subtitle: ['synthetic'],
      riskTimes: [0, 12, 24],
      timeUnit: 'months',
    });
    expect(await pool.layout(spec)).toBe(await drawSvg(spec));
  }, 60_000);
});
