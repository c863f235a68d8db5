import { describe, expect, it } from 'vitest';
import { capFindings, FINDINGS_PER_CODE } from '../../pipeline/checks/capFindings.ts';
import type { Finding, Severity } from '../../pipeline/types.ts';

const finding = (line: number, code: string, severity: Severity = 'warning', accepted?: string): Finding => ({
  file: 'cases.csv',
  line,
  column: 1,
  severity,
  code,
  message: `m${line}`,
  ...(accepted ? { accepted } : {}),
});

describe('capFindings', () => {
  it('keeps everything up to the cap, in order, as it is', () => {
    const findings = [finding(2, 'a'), finding(3, 'b'), finding(4, 'a')];
    expect(capFindings(findings, 2)).toEqual(findings);
  });

  it('keeps the first N of each code and counts the rest in one finding, as severe as the worst left out', () => {
    const findings = [
      finding(2, 'a'),
      finding(3, 'b'),
      finding(4, 'a'),
      finding(5, 'a', 'info'),
      finding(6, 'a', 'error'),
      finding(7, 'b'),
    ];
    const capped = capFindings(findings, 2);
    expect(capped.slice(0, 4)).toEqual([findings[0], findings[1], findings[2], findings[5]]);
    expect(capped.slice(4)).toEqual([
      {
        file: 'cases.csv',
        line: 0,
        column: 0,
        severity: 'error',
        code: 'findings.capped',
        message: '2 more a findings are not listed: only the first 2 of a kind are (fix those and run again)',
      },
    ]);
  });

  it('marks the count accepted only when every finding left out was accepted', () => {
    const all = capFindings([finding(2, 'a', 'warning', 'r'), finding(3, 'a', 'warning', 'r')], 1);
    expect(all.at(-1)!.accepted).toBeDefined();
    const some = capFindings(
      [finding(2, 'a', 'warning', 'r'), finding(3, 'a', 'warning', 'r'), finding(4, 'a')],
      1,
    );
    expect(some.at(-1)!.accepted).toBeUndefined();
    expect(some.at(-1)!.message).toMatch(/^2 more a findings/);
  });

  it('defaults to 1,000 a code', () => {
    const many = Array.from({ length: 2_500 }, (_, k) => finding(k + 2, 'a'));
    const capped = capFindings(many);
    expect(FINDINGS_PER_CODE).toBe(1_000);
    expect(capped).toHaveLength(1_001);
    expect(capped.at(-1)!.message).toMatch(/^1,500 more a findings/);
  });
});
