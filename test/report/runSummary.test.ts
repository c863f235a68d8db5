import { describe, expect, it } from 'vitest';
import { runSummary, terminalSafe } from '../../pipeline/report/runSummary.ts';
import type { RunResult } from '../../pipeline/run.ts';

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

describe('runSummary', () => {
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
