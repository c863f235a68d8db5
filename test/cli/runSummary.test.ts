import { describe, expect, it } from 'vitest';
import { PRINTED_FINDINGS, runSummary, terminalSafe } from '../../pipeline/cli/runSummary.ts';
import type { RunResult } from '../../pipeline/run.ts';
import type { Finding } from '../../pipeline/types.ts';

/** Synthetic findings: `n` of them, severities cycling info, warning, error, lines in reverse. */
function findings(n: number): Finding[] {
  const severities = ['info', 'warning', 'error'] as const;
  return Array.from({ length: n }, (_, i) => ({
    file: 'cases.csv',
    line: n - i + 1,
    column: 3,
    severity: severities[i % 3]!,
    code: 'synthetic',
    message: `synthetic finding ${i}`,
  }));
}

const result = (list: Finding[], exitCode: 0 | 1): RunResult => ({
  cohort: 'synthetic',
  outDir: '/work/out/synthetic',
  exitCode,
  findings: list,
  timings: [],
  stats: null,
  strict: false,
});

describe('runSummary', () => {
  it('prints at most 20 of 10^4 findings, errors first in reading order, then the count of the rest and findings.csv', () => {
    const lines = runSummary(result(findings(10_000), 0), '/work');
    expect(lines.length).toBeLessThanOrEqual(PRINTED_FINDINGS + 1 + 1);
    const shown = lines.slice(0, PRINTED_FINDINGS);
    expect(shown.every((l) => l.includes(': error: '))).toBe(true);
    const lineNumbers = shown.map((l) => Number(l.split(':')[1]));
    expect(lineNumbers).toEqual([...lineNumbers].sort((a, b) => a - b));
    // The smallest line numbers among the errors: every error's line, sorted, first 20.
    const errorLines = findings(10_000)
      .filter((f) => f.severity === 'error')
      .map((f) => f.line)
      .sort((a, b) => a - b);
    expect(lineNumbers).toEqual(errorLines.slice(0, PRINTED_FINDINGS));
    expect(lines[PRINTED_FINDINGS]).toBe(
      `… and ${10_000 - PRINTED_FINDINGS} more findings in out/synthetic/findings.csv`,
    );
    expect(lines.at(-1)).toMatch(/^synthetic: 3333 errors, 3333 warnings, 3334 notes — report written to/);
  });

  it('a failed run has no findings.csv: it says how to print them all instead', () => {
    const lines = runSummary(result(findings(25), 1), '/work');
    expect(lines[PRINTED_FINDINGS]).toBe(
      '… and 5 more findings (the run wrote nothing; --all-findings prints every one)',
    );
    expect(lines.at(-1)).toMatch(/nothing written; the previous report is unchanged$/);
  });

  it('warnings before notes when there are no errors; no count line when all fit', () => {
    const list = findings(9).filter((f) => f.severity !== 'error');
    const lines = runSummary(result(list, 0), '/work');
    expect(lines).toHaveLength(list.length + 1);
    const severities = lines.slice(0, -1).map((l) => l.split(': ')[1]);
    expect(severities).toEqual(['warning', 'warning', 'warning', 'info', 'info', 'info']);
  });

  it('limit Infinity (--all-findings) prints every finding', () => {
    expect(runSummary(result(findings(500), 1), '/work', { limit: Infinity })).toHaveLength(501);
  });
});

describe('terminalSafe', () => {
  it.each([
    ['a colour', 'a \u001b[31mred\u001b[0m word', 'a red word'],
    ['clear screen and cursor home', '\u001b[2J\u001b[Hok', 'ok'],
    ['a window title (OSC, ended by BEL)', '\u001b]0;pwned\u0007x', 'x'],
    ['a hyperlink (OSC 8, ended by ST)', '\u001b]8;;http://evil\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['an 8-bit CSI', 'a\u009b31mb', 'ab'],
    ['a lone escape at the end', 'end\u001b', 'end'],
    [
      'a line break that would forge a finding',
      'x\ncases.csv:1:1: error: fake',
      'x cases.csv:1:1: error: fake',
    ],
    ['a carriage return that would overwrite the line', 'real\rfake', 'real fake'],
    ['a bell and a NUL', 'a\u0007b\u0000c', 'a\ufffdb\ufffdc'],
    ['a right-to-left override', 'abc\u202edef', 'abc\ufffddef'],
    ['a lone surrogate', 'a\ud800b', 'a\ufffdb'],
  ])('neutralises %s', (_, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('keeps ordinary text, accents and emoji', () => {
    const line = 'cases.csv:3:7: warning: symptoms "flank pian" — Besançon 🙂';
    expect(terminalSafe(line)).toBe(line);
  });
});

describe('runSummary: terminal safety', () => {
  it('prints every finding and the summary line safe for a terminal', () => {
    const result = {
      cohort: 'demo',
      outDir: '/tmp/out\u001b[2J',
      exitCode: 1,
      findings: [
        {
          file: 'cases\u001b]0;x\u0007.csv',
          line: 3,
          column: 7,
          severity: 'error',
          code: 'value.unknown-term',
          message: 'symptoms "\u001b[31mred\u001b[0m\nforged: error" is not a known term',
        },
      ],
    } as unknown as RunResult;
    const lines = runSummary(result, '/tmp');
    expect(lines).toEqual([
      'cases.csv:3:7: error: symptoms "red forged: error" is not a known term',
      'demo: 1 error, 0 warnings, 0 notes — nothing written; the previous report is unchanged',
    ]);
  });
});
