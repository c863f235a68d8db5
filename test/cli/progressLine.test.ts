import { describe, expect, it } from 'vitest';
import { progressLine, progressText, type ProgressTerminal } from '../../pipeline/cli/progressLine.ts';

/** A terminal that records what was written; `clock` is moved by hand (no real time in the test). */
function recorder(isTTY: boolean) {
  const written: string[] = [];
  const terminal: ProgressTerminal = { isTTY, columns: 40, write: (t) => void written.push(t) };
  return { terminal, written };
}

describe('progressLine', () => {
  it('shows nothing during the first second (a short run prints only its summary)', () => {
    let clock = 0;
    const { terminal, written } = recorder(true);
    const line = progressLine(terminal, { now: () => clock });
    line.update('a: extract…');
    clock = 999;
    line.update('a: normalize…');
    line.clear();
    expect(written).toEqual([]);
  });

  it('on a terminal: rewritten in place with \\r, padded over the longer text before, cleared at the end', () => {
    let clock = 0;
    const { terminal, written } = recorder(true);
    const line = progressLine(terminal, { now: () => clock });
    clock = 1500;
    line.update('a: normalize, 1,000 rows read…');
    line.update('a: tidy…');
    line.clear();
    expect(written).toEqual([
      '\ra: normalize, 1,000 rows read…',
      `\r${'a: tidy…'.padEnd(30)}`,
      `\r${' '.repeat(8)}\r`,
    ]);
    expect(written.join('')).not.toContain('\n');
    expect(written.join('')).not.toContain('\u001b');
  });

  it('on a terminal: a line wider than the terminal is cut, so \\r still reaches its start', () => {
    let clock = 0;
    const { terminal, written } = recorder(true);
    const line = progressLine(terminal, { now: () => clock });
    clock = 2000;
    line.update('x'.repeat(100));
    expect(written[0]!.length).toBe(1 + 39);
    expect(written[0]!.endsWith('…')).toBe(true);
  });

  it('on a terminal that reports no width (0, as some pseudo-terminals do): 80 columns, not none', () => {
    let clock = 0;
    const written: string[] = [];
    const line = progressLine(
      { isTTY: true, columns: 0, write: (t) => void written.push(t) },
      { now: () => clock },
    );
    clock = 2000;
    line.update('a: render, 40 rows read…');
    expect(written).toEqual(['\ra: render, 40 rows read…']);
  });

  it('not a terminal (a pipe, CI): one plain line per step, never \\r or escape codes, nothing cleared', () => {
    let clock = 0;
    const { terminal, written } = recorder(false);
    const line = progressLine(terminal, { now: () => clock });
    clock = 1500;
    line.update('a: normalize, 1,000 rows read…');
    line.update('a: normalize, 1,000 rows read…');
    line.update('a: tidy…');
    line.clear();
    expect(written).toEqual(['a: normalize, 1,000 rows read…\n', 'a: tidy…\n']);
    expect(written.join('')).not.toContain('\r');
    expect(written.join('')).not.toContain('\u001b');
  });
});

describe('progressText', () => {
  it('names the cohort, the stage and the rows read once they are known', () => {
    expect(progressText({ cohort: 'a', stage: 'extract', rows: null })).toBe('a: extract…');
    expect(progressText({ cohort: 'a', stage: 'tidy', rows: 1_000_000 })).toBe(
      'a: tidy, 1,000,000 rows read…',
    );
  });
});
