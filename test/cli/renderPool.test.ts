import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cliProcess.ts';

/** A copy of the synthetic drug-reactions cohort, and an output folder beside it. */
function cohortAndOut() {
  const parent = mkdtempSync(join(tmpdir(), 'casepool-pool-cli-'));
  const cohort = join(parent, 'drug-reactions');
  cpSync('test/fixtures/drug-reactions', cohort, { recursive: true });
  return { cohort, out: join(parent, 'report') };
}

describe('the render pool in a CLI process', () => {
  it('a run with PNGs exits by itself once written: its workers are shut down', async () => {
    const { cohort, out } = cohortAndOut();
    const { exited, output } = startCli(['--cohort', cohort, '--out', out]);
    // A worker left running would keep the process alive, and this would time out instead.
    expect(await exited, output.text).toBe(0);
    expect(readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.png'))).toHaveLength(4);
  }, 90_000);

  it('a chart that throws in a worker ends the run as an internal error (exit 3), writing nothing', async () => {
    const { cohort, out } = cohortAndOut();
    const { exited, output } = startCli(['--cohort', cohort, '--out', out], {
      CASEPOOL_TEST_RENDER_FAIL: 'throw',
    });
    expect(await exited, output.text).toBe(3);
    expect(output.text).toMatch(
      /casepool: internal error \(a bug in casepool, not in your files\): Error: injected failure while laying out a chart/,
    );
    expect(output.text).toMatch(/in a render worker, drawing a chart/);
    expect(existsSync(out)).toBe(false);
  }, 90_000);

  it('a worker that dies in the middle of a chart: exit 3 as well', async () => {
    const { cohort, out } = cohortAndOut();
    const { exited, output } = startCli(['--cohort', cohort, '--out', out], {
      CASEPOOL_TEST_RENDER_FAIL: 'exit',
    });
    expect(await exited, output.text).toBe(3);
    expect(output.text).toMatch(
      /internal error .*a render worker stopped while drawing a chart: it exited with code 70/,
    );
    expect(existsSync(out)).toBe(false);
  }, 90_000);
});
