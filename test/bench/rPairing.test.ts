import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatPairingTable,
  memoryVerdict,
  parseGnuTime,
  parseVmHwmKB,
  timeVerdict,
} from '../../bench/rPairing.ts';

describe('parseGnuTime', () => {
  it('reads what GNU time -f "%M %U %S" writes, also after its exit-status line', () => {
    expect(parseGnuTime('398112 5.62 0.31\n')).toEqual({ maxRssKB: 398112, cpuMs: 5930 });
    expect(parseGnuTime('Command exited with non-zero status 1\n2048 0.00 0.01\n')).toEqual({
      maxRssKB: 2048,
      cpuMs: 10,
    });
  });
  it('is null for anything else', () => {
    expect(parseGnuTime('')).toBeNull();
    expect(parseGnuTime('398112\n')).toBeNull();
    expect(parseGnuTime('0:07.91elapsed 5.62user\n')).toBeNull();
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
  it('one row per paired size, by n: both times, their ratio, the target met or not, peaks and CPU', () => {
    const table = formatPairingTable([
      {
        n: 100_000,
        totalMs: 9000,
        cpuMs: 10_500,
        peakRssMB: 640.2,
        rMs: 7500,
        rPeakRssMB: 390.4,
        rCpuMs: 5900,
      },
      { n: 1000, totalMs: 3000, cpuMs: 4000, peakRssMB: 420 }, // not paired: no row
      { n: 50, totalMs: 1200, cpuMs: 1800, peakRssMB: 145, rMs: 4000, rPeakRssMB: null, rCpuMs: null },
    ]);
    const cells = table.split('\n').map((line) => line.split(/\s{2,}/));
    expect(cells).toEqual([
      ['patients', 'casepool', 'R', 'ratio', 'target', 'peak memory casepool / R', 'cpu casepool / R'],
      ['50', '1.20 s', '4.00 s', '0.30×', '≤ 0.3×: met', '145 / ? MB', '1.80 s / ?'],
      ['100,000', '9.00 s', '7.50 s', '1.20×', '≤ 0.5×: NOT met', '640 / 390 MB', '10.50 s / 5.90 s'],
    ]);
  });
  it('marks the memory target at 1,000,000', () => {
    const table = formatPairingTable([
      { n: 1_000_000, totalMs: 71_000, cpuMs: 85_000, peakRssMB: 3000, rMs: 20_000, rPeakRssMB: 1300 },
    ]);
    expect(table.split('\n')[1]).toMatch(/3000 \/ 1300 MB \(< 1024 MB: NOT met\) {2}85.00 s \/ \?$/);
  });
  it('is empty when no size was paired', () => {
    expect(formatPairingTable([{ n: 50, totalMs: 1200, cpuMs: 1800, peakRssMB: 145 }])).toBe('');
  });
});
