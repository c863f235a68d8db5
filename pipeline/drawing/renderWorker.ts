import { parentPort, workerData } from 'node:worker_threads';
import { drawSvg, prepareLayout, renderPngHere, type PngOptions } from './renderChart.ts';

/** A task the pool sends: lay a spec out to SVG, or rasterise an SVG to PNG. */
export type RenderTask =
  | { id: number; kind: 'layout'; spec: Record<string, unknown> }
  | { id: number; kind: 'png'; svg: string; options: PngOptions };

/** How a worker starts: loading the chart libraries at once (the pool's first), or on its first layout. */
export interface RenderWorkerData {
  prepare: boolean;
}

/** The answer: the SVG text or PNG bytes, or the error with its stack (shown as an internal error). */
export type RenderReply =
  | { id: number; ok: true; value: string | Uint8Array }
  | { id: number; ok: false; message: string; stack: string };

/**
 * Test hook, as those of io/faultInjection.ts: `CASEPOOL_TEST_RENDER_FAIL=throw` makes every layout
 * throw, `=exit` makes the worker exit in the middle of one, so the tests can check that a failing
 * chart ends the run as an internal error (exit 3). Unset outside tests.
 */
function injectedFailure(): void {
  const fail = process.env.CASEPOOL_TEST_RENDER_FAIL;
  if (fail === 'throw') throw new Error('injected failure while laying out a chart');
  if (fail === 'exit') process.exit(70);
}

async function perform(task: RenderTask): Promise<string | Uint8Array> {
  if (task.kind === 'png') return renderPngHere(task.svg, task.options);
  injectedFailure();
  return drawSvg(task.spec);
}

const port = parentPort!;
// Vega's bundles and the font widths load while the main thread is still reading the input.
if ((workerData as RenderWorkerData).prepare) prepareLayout().catch(() => {});
port.on('message', (task: RenderTask) => {
  perform(task).then(
    (value) => {
      const reply: RenderReply = { id: task.id, ok: true, value };
      // A PNG that owns its whole buffer moves to the main thread instead of being copied.
      const movable =
        typeof value !== 'string' && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
      port.postMessage(reply, movable ? [value.buffer as ArrayBuffer] : []);
    },
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      const reply: RenderReply = { id: task.id, ok: false, message: error.message, stack: error.stack ?? '' };
      port.postMessage(reply);
    },
  );
});
