import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { drawSvg, renderPng, type LayoutChart, type PngOptions } from './renderChart.ts';
import type { RenderReply, RenderTask, RenderWorkerData } from './renderWorker.ts';

/** Where charts are laid out and rasterised: in this thread, or on a pool of workers. */
export interface ChartRenderer {
  layout: LayoutChart;
  png(svg: string, options: PngOptions): Promise<Uint8Array>;
}

/** Everything in the calling thread (PNGs on libuv's pool): for tests and library use without a pool. */
export const IN_THIS_THREAD: ChartRenderer = { layout: drawSvg, png: renderPng };

/**
 * More workers than this would each load Vega (~40 MB) for a report of ~20 charts, whose longest
 * chart is then the wall time anyway.
 */
const MAX_WORKERS = 8;

type Task =
  { kind: 'layout'; spec: Record<string, unknown> } | { kind: 'png'; svg: string; options: PngOptions };
interface Queued {
  task: Task;
  resolve: (value: string | Uint8Array) => void;
  reject: (error: Error) => void;
}
interface Slot {
  worker: Worker;
  /** Sent to the worker and not answered yet, oldest first (at most `IN_FLIGHT` PNGs). */
  running: Array<Queued & { id: number }>;
}

/**
 * PNGs a worker holds at once: the one it draws and the next, so that it never waits for the main
 * thread to hand it one (measured: both workers idle ~0.15 s while the main thread built a Word table
 * and could not answer). A second is given only once every worker has one.
 */
const IN_FLIGHT = 2;

/**
 * The worker module beside this one, with this module's extension: `.js` when running built (dist/),
 * `.ts` under vitest or tsx, where the worker, a plain Node thread, first registers tsx's loader.
 */
function spawnWorker(workerData: RenderWorkerData): Worker {
  const here = fileURLToPath(import.meta.url);
  const file = new URL(`./renderWorker${extname(here)}`, import.meta.url);
  if (extname(here) !== '.ts') return new Worker(file, { workerData });
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as TsxManifest).exports['./esm/api'].import;
  const api = pathToFileURL(join(dirname(manifest), typeof exports === 'string' ? exports : exports.default));
  const bootstrap = `import(${JSON.stringify(api.href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
type TsxManifest = { exports: { './esm/api': { import: string | { default: string } } } };

/**
 * Lays charts out (Vega-Lite compile and Vega's layout to SVG) and rasterises PNGs (resvg, with its
 * encoding) on worker threads, reused for every chart; the main thread meanwhile builds the tables and
 * the page. The first worker lays out and rasterises, loading Vega and the font widths as it starts
 * (while the input is read); the others only rasterise. (Measured, adrenal cold run at load ~1.5: every
 * worker laying out took as long, 1.73 against 1.75 s, and 0.24 s more CPU, each warming Vega up;
 * the main thread's own work keeps the two cores busy meanwhile.) The layout worker is handed every
 * layout as it is queued, and takes a PNG only when it has none left, so a run waiting for an SVG (the page needs them, and each one is a PNG to
 * come) is not held up by the PNGs already queued, and of the PNGs queued a worker takes the largest
 * SVG first (most text and shapes: the longest to rasterise), so that a long one does not start last
 * while the other core has nothing left. If the layout worker dies, the next worker becomes it. Workers start
 * on `start()` or the first task; an idle worker does not keep the process alive, and `close()` ends
 * them all. A chart that throws in a worker, or a worker that dies, rejects that chart's promise with
 * the worker's stack (the run then ends as an internal error, exit 3).
 */
/** How long close() waits for the workers to report that they have stopped. */
const CLOSE_WAIT_MS = 10_000;

export class RenderPool implements ChartRenderer {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly layouts: Queued[] = [];
  private readonly pngs: Queued[] = [];
  private nextId = 1;
  private closed = false;

  constructor(size = Math.min(availableParallelism(), MAX_WORKERS)) {
    this.size = Math.max(1, size);
  }

  /**
   * Starts `count` workers now (at most `size`), so Vega loads while the input is still being read;
   * the others start when charts are queued that the running workers cannot take at once.
   */
  start(count = this.size): void {
    if (this.closed) return;
    while (this.slots.length < Math.min(count, this.size)) this.addWorker();
  }

  /** How many workers are running now. */
  get workers(): number {
    return this.slots.length;
  }

  layout = (spec: Record<string, unknown>): Promise<string> =>
    this.submit({ kind: 'layout', spec }) as Promise<string>;

  png = (svg: string, options: PngOptions): Promise<Uint8Array> =>
    this.submit({ kind: 'png', svg, options }) as Promise<Uint8Array>;

  /** Ends every worker; charts not yet drawn are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the render pool was closed before this chart was drawn');
    for (const queued of [...this.layouts.splice(0), ...this.pngs.splice(0)]) queued.reject(stopped);
    const slots = this.slots.splice(0);
    for (const slot of slots) for (const running of slot.running.splice(0)) running.reject(stopped);
    // The event loop is kept alive until every worker has stopped: once its thread is being stopped, a
    // worker no longer holds it (not even after ref()), and with nothing else pending the process
    // exited with code 0, before the run's own exit code and last lines (measured: 10 of 12 runs whose
    // chart failed in a worker). Bounded, so that a worker that never reports its end cannot hang it.
    const keepAlive = setInterval(() => {}, 1000);
    let bound: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all(slots.map((slot) => slot.worker.terminate())),
        new Promise((resolve) => (bound = setTimeout(resolve, CLOSE_WAIT_MS))),
      ]);
    } finally {
      clearInterval(keepAlive);
      clearTimeout(bound);
    }
  }

  private submit(task: Task): Promise<string | Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the render pool is closed'));
    const answer = new Promise<string | Uint8Array>((resolve, reject) => {
      (task.kind === 'layout' ? this.layouts : this.pngs).push({ task, resolve, reject });
      this.dispatch();
    });
    // A chart whose caller has already failed for another reason (its run is ending) is not an
    // unhandled rejection that would end the process; whoever awaits it still gets the error.
    answer.catch(() => {});
    return answer;
  }

  private addWorker(): void {
    // The first worker loads Vega at once; another loads it only if it becomes the first.
    const slot: Slot = { worker: spawnWorker({ prepare: this.slots.length === 0 }), running: [] };
    const { worker } = slot;
    worker.unref();
    worker.on('message', (reply: RenderReply) => {
      const index = slot.running.findIndex((r) => r.id === reply.id);
      if (index === -1) return;
      const [done] = slot.running.splice(index, 1) as [Queued & { id: number }];
      if (slot.running.length === 0) worker.unref();
      if (reply.ok) done.resolve(reply.value);
      else
        done.reject(
          Object.assign(new Error(reply.message), {
            stack: `${reply.stack}\n    (in a render worker, drawing a ${done.task.kind === 'png' ? 'PNG' : 'chart'})`,
          }),
        );
      this.dispatch();
    });
    const lost = (why: string) => {
      const index = this.slots.indexOf(slot);
      if (index === -1) return;
      this.slots.splice(index, 1);
      const [drawing, ...next] = slot.running.splice(0);
      drawing?.reject(new Error(`a render worker stopped while drawing a chart: ${why}`));
      // Another worker takes over what is still queued, the charts this one had not begun first.
      for (const queued of next.reverse())
        (queued.task.kind === 'layout' ? this.layouts : this.pngs).unshift(queued);
      this.dispatch();
    };
    worker.on('error', (e) => lost(e.stack ?? e.message));
    worker.on('exit', (code) => lost(`it exited with code ${code}`));
    this.slots.push(slot);
  }

  /** The queued PNG whose SVG is the largest: it takes the longest to rasterise. */
  private takeLargestPng(): Queued | undefined {
    let largest = -1;
    let at = -1;
    this.pngs.forEach((queued, index) => {
      const size = queued.task.kind === 'png' ? queued.task.svg.length : 0;
      if (size > largest) [largest, at] = [size, index];
    });
    return at === -1 ? undefined : this.pngs.splice(at, 1)[0];
  }

  private dispatch(): void {
    if (this.closed) return;
    this.fill(1);
    // A worker more only for charts the running ones cannot take now (a run whose charts are all
    // copied from the previous report starts no more than the first).
    const waiting = this.pngs.length > 0 || (this.layouts.length > 0 && this.slots.length === 0);
    if (waiting && this.slots.length < this.size) {
      this.addWorker();
      this.dispatch();
      return;
    }
    this.fill(IN_FLIGHT);
  }

  /**
   * Hands the first worker every queued layout, and the workers holding fewer than `depth` charts the
   * largest queued PNG. Layouts go all at once because they are drawn in order anyway, and the main
   * thread may then compute for seconds (an analysis over 10^6 rows) before it can hand over the next:
   * the worker would sit idle.
   */
  private fill(depth: number): void {
    for (const slot of this.slots) {
      if (slot === this.slots[0]) for (let next; (next = this.layouts.shift());) this.send(slot, next);
      while (slot.running.length < depth) {
        const next = this.takeLargestPng();
        if (!next) break;
        this.send(slot, next);
      }
    }
  }

  private send(slot: Slot, next: Queued): void {
    const id = this.nextId++;
    slot.running.push({ ...next, id });
    // A worker with a chart to draw keeps the process alive until the answer is in.
    slot.worker.ref();
    const message: RenderTask =
      next.task.kind === 'layout'
        ? { id, kind: 'layout', spec: next.task.spec }
        : { id, kind: 'png', svg: next.task.svg, options: next.task.options };
    slot.worker.postMessage(message);
  }
}
