import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatPairingTable,
  memoryVerdict,
  parseGnuTimeKB,
  parseVmHwmKB,
  timeVerdict,
} from '../../bench/rPairing.ts';

describe('parseGnuTimeKB', () => {
  it('reads the number GNU time -f %M writes, also after its exit-status line', () => {
    expect(parseGnuTimeKB('398112\n')).toBe(398112);
    expect(parseGnuTimeKB('Command exited with non-zero status 1\n2048\n')).toBe(2048);
  });
  it('is null for anything else', () => {
    expect(parseGnuTimeKB('')).toBeNull();
    expect(parseGnuTimeKB('0:07.91 elapsed\n')).toBeNull();
  });
});

describe('parseVmHwmKB', () => {
  it('reads VmHWM from a status text', () => {
    const status = 'Name:\tR\nVmPeak:\t  900000 kB\nVmHWM:\t  412345 kB\nVmRSS:\t  400000 kB\n';
    expect(parseVmHwmKB(status)).toBe(412345);
    expect(parseVmHwmKB('Name:\tR\nVmRSS:\t  400000 kB\n')).toBeNull();
  });
  it.runIf(existsSync('/proc/self/status'))('reads this process: the mark is at least the RSS now', () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const rss = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]);
    expect(parseVmHwmKB(status)).toBeGreaterThanOrEqual(rss);
  });
});

describe('the targets of issue #12', () => {
  it('casepool / R at most 0.3 at 50 patients, 0.5 at 100,000 and 1,000,000, none elsewhere', () => {
    expect(timeVerdict(50, 0.3)).toEqual({ maxRatio: 0.3, met: true });
    expect(timeVerdict(50, 0.31)).toEqual({ maxRatio: 0.3, met: false });
    expect(timeVerdict(100_000, 0.49)).toEqual({ maxRatio: 0.5, met: true });
    expect(timeVerdict(1_000_000, 0.6)).toEqual({ maxRatio: 0.5, met: false });
    expect(timeVerdict(1000, 0.1)).toBeNull();
  });
  it('peak memory under 1024 MB at 1,000,000 patients only', () => {
    expect(memoryVerdict(1_000_000, 1023.9)).toEqual({ belowMB: 1024, met: true });
    expect(memoryVerdict(1_000_000, 1024)).toEqual({ belowMB: 1024, met: false });
    expect(memoryVerdict(100_000, 5000)).toBeNull();
  });
});

describe('formatPairingTable', () => {
  it('one row per paired size, by n: both times, their ratio, the target met or not, both peaks', () => {
    const table = formatPairingTable([
      { n: 100_000, totalMs: 9000, peakRssMB: 640.2, rMs: 7500, rPeakRssMB: 390.4 },
      { n: 1000, totalMs: 3000, peakRssMB: 420 }, // not paired: no row
      { n: 50, totalMs: 1200, peakRssMB: 145, rMs: 4000, rPeakRssMB: null },
    ]);
    const lines = table.split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual([
      'patients',
      'casepool',
      'R',
      'ratio',
      'target',
      'peak memory casepool / R',
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[1]!.split(/\s{2,}/)).toEqual([
      '50',
      '1.20 s',
      '4.00 s',
      '0.30×',
      '≤ 0.3×: met',
      '145 / ? MB',
    ]);
    expect(lines[2]!.split(/\s{2,}/)).toEqual([
      '100,000',
      '9.00 s',
      '7.50 s',
      '1.20×',
      '≤ 0.5×: NOT met',
      '640 / 390 MB',
    ]);
  });
  it('marks the memory target at 1,000,000', () => {
    const table = formatPairingTable([
      { n: 1_000_000, totalMs: 71_000, peakRssMB: 3000, rMs: 20_000, rPeakRssMB: 1300 },
    ]);
    expect(table.split('\n')[1]).toMatch(/3000 \/ 1300 MB \(< 1024 MB: NOT met\)$/);
  });
  it('is empty when no size was paired', () => {
    expect(formatPairingTable([{ n: 50, totalMs: 1200, peakRssMB: 145 }])).toBe('');
  });
});
