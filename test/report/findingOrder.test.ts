import { describe, expect, it } from 'vitest';
import { sortFindings } from '../../pipeline/report/findingOrder.ts';
import type { Finding } from '../../pipeline/types.ts';

const finding = (
  file: string,
  line: number,
  column: number,
  severity: Finding['severity'] = 'error',
): Finding => ({
  file,
  line,
  column,
  severity,
  code: 'x',
  message: `${file}:${line}:${column}`,
});

describe('sortFindings', () => {
  it('orders by file, then line, then column (numbers as numbers), whatever the severity', () => {
    const findings = [
      finding('sources.csv', 2, 1),
      finding('cases.csv', 10, 2, 'info'),
      finding('cases.csv', 9, 5, 'warning'),
      finding('cases.csv', 10, 1),
      finding('cohort.json', 0, 0),
    ];
    expect(sortFindings(findings).map((f) => f.message)).toEqual([
      'cases.csv:9:5',
      'cases.csv:10:1',
      'cases.csv:10:2',
      'cohort.json:0:0',
      'sources.csv:2:1',
    ]);
  });

  it('leaves its input as it was, and keeps findings at the same place in their order', () => {
    const a = { ...finding('cases.csv', 3, 1), message: 'first' };
    const b = { ...finding('cases.csv', 3, 1), message: 'second' };
    const input = [b, finding('a.csv', 1, 1), a];
    const copy = [...input];
    expect(sortFindings(input).map((f) => f.message)).toEqual(['a.csv:1:1', 'second', 'first']);
    expect(input).toEqual(copy);
  });
});
