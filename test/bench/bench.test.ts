import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatStageMemoryTable, runArguments, sizeId, type SizeResult } from '../../bench/bench.ts';

/** A measured size with only what the memory table reads; the numbers are made up. */
function size(id: string, n: number, marks: Record<string, number> | undefined, peak: number): SizeResult {
  return {
    id,
    kind: 'synthetic',
    n,
    casesMB: 0,
    png: false,
    runs: 1,
    date: '',
    totalMs: 0,
    cpuMs: 0,
    loadMs: 0,
    stagesMs: {},
    totalsMs: [],
    loadAverage: 0,
    peakRssMB: peak,
    outputMB: 0,
    stageMemoryMB: marks
      ? Object.fromEntries(
          Object.entries(marks).map(([s, m]) => [s, { maxRssSoFar: m, rss: m / 2, heapUsed: 1 }]),
        )
      : undefined,
  };
}

describe('formatStageMemoryTable', () => {
  it('a row per cohort measured with stage memory: the mark at each stage, then the peak', () => {
    const table = formatStageMemoryTable([
      size('n50', 50, { extract: 61.2, render: 140.6 }, 145.3),
      size('old', 10, undefined, 99), // an entry from before stage memory was recorded: no row
      size('n100000', 100_000, { extract: 300, render: 650 }, 651),
    ]);
    const rows = table.split('\n').map((l) => l.trim().split(/\s+/));
    expect(rows.slice(0, 3)).toEqual([
      ['cohort', 'n', 'extract', 'render', 'peak', 'RSS'],
      ['n50', '50', '61', '141', '145'],
      ['n100000', '100000', '300', '650', '651'],
    ]);
    expect(table).toMatch(/high-water mark/);
  });
  it('is empty when no entry has stage memory', () => {
    expect(formatStageMemoryTable([size('old', 10, undefined, 99)])).toBe('');
  });
});

describe('runArguments and sizeId (--heap)', () => {
  it('puts the heap limit before the script, where node reads it as a V8 flag', () => {
    expect(runArguments('c', 'o', true, 768)).toEqual([
      '--max-old-space-size=768',
      join('bench', 'measure.mjs'),
      '--cohort',
      'c',
      '--out',
      'o',
      '--timings',
      'json',
    ]);
  });

  it('leaves the heap to Node without --heap, and skips PNGs without --png', () => {
    const args = runArguments('c', 'o', false, null);
    expect(args.some((a) => a.startsWith('--max-old-space-size'))).toBe(false);
    expect(args).toContain('--no-png');
  });

  it('keeps a --heap entry beside the default-heap one', () => {
    expect(sizeId(1_000_000, null)).toBe('n1000000');
    expect(sizeId(1_000_000, 768)).toBe('n1000000-heap768');
  });
});
