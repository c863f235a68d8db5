import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSES } from '../pipeline/analyses/index.ts';
import { IN_THIS_THREAD } from '../pipeline/drawing/renderPool.ts';
import { runCohort } from '../pipeline/run.ts';

const out = () => join(mkdtempSync(join(tmpdir(), 'casepool-run-')), 'report');

/** A renderer drawing in this thread that records when it is asked to start its workers. */
const recordingPool = () => {
  const starts: number[] = [];
  return { starts, pool: { ...IN_THIS_THREAD, start: (count = 1) => void starts.push(count) } };
};

describe('runCohort', () => {
  it('starts one worker loading Vega once cohort.json is read, when an analysis says it will draw', async () => {
    const { starts, pool } = recordingPool();
    // The drug-reactions fixture (synthetic) has bar panels: the proportions analysis draws.
    const result = await runCohort('test/fixtures/drug-reactions', out(), { png: false, renderPool: pool });
    expect(result.exitCode).toBe(0);
    expect(starts).toEqual([1]);
  });

  it('starts none early when no analysis of the run says it will draw', async () => {
    const { starts, pool } = recordingPool();
    // The same analyses, none of which says it will draw.
    const analyses = ANALYSES.map((a) => ({ ...a, drawsEarly: undefined }));
    const result = await runCohort('test/fixtures/drug-reactions', out(), {
      png: false,
      renderPool: pool,
      parts: { analyses },
    });
    expect(result.exitCode).toBe(0);
    expect(starts).toEqual([]);
    expect(result.timings.map((t) => t.stage)).toEqual([
      'config',
      'extract',
      'normalize',
      'validate',
      'accept',
      'tidy',
      'analyze',
      'render',
      'write',
    ]);
  });
});
