import { describe, expect, it } from 'vitest';
import { checkFlowArithmetic, flowCounts } from '../../pipeline/engine/flowCounts.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';

const flowFrom = (text: string) => {
  const { table } = parseCsv(text, 'flow.csv', 'x');
  return flowCounts(table);
};

const CONSISTENT = `step,label,count,note
identified,PubMed,120,
identified,Embase,80,
duplicates_removed,duplicates,50,
screened,records screened,150,
excluded_screening,not about the disease,100,
excluded_screening,no patient data,20,
assessed,full texts,30,
excluded_fulltext,not leiomyosarcoma,12,
included,case reports,18,
`;

describe('flow arithmetic', () => {
  it('accepts a flow whose every box follows from the boxes above', () => {
    const { flow, findings } = flowFrom(CONSISTENT);
    expect(findings).toEqual([]);
    expect(checkFlowArithmetic(flow!, 18, 'cases.csv')).toEqual([]);
  });

  it('catches a wrong box, at its line, with the count it should have', () => {
    const { flow } = flowFrom(CONSISTENT.replace('assessed,full texts,30', 'assessed,full texts,31'));
    const findings = checkFlowArithmetic(flow!, 18, 'cases.csv');
    expect(findings.map((f) => [f.line, f.severity, f.code])).toEqual([
      [8, 'warning', 'flow.arithmetic'],
      [10, 'warning', 'flow.arithmetic'],
    ]);
    expect(findings[0]!.message).toContain('assessed: 31 does not follow');
    expect(findings[0]!.message).toContain('= 30');
    expect(findings[1]!.message).toContain('included: 18 does not follow');
    expect(findings[1]!.message).toContain('= 19');
  });

  it('checks the included count against the rows actually included', () => {
    const { flow } = flowFrom(CONSISTENT);
    const [finding] = checkFlowArithmetic(flow!, 17, 'cases.csv');
    expect(finding!.message).toBe('included: 18 in the flow diagram, but cases.csv has 17 included rows');
  });

  it('does not invent missing steps: screened left out means no check of it', () => {
    const { flow } = flowFrom(CONSISTENT.replace('screened,records screened,150,\n', ''));
    expect(checkFlowArithmetic(flow!, 18, 'cases.csv')).toEqual([]);
  });

  it('rejects unknown steps and counts that are not whole numbers', () => {
    const { findings } = flowFrom('step,label,count\nscreend,x,3\nincluded,y,2.5\n');
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [2, 1, 'flow.unknown-step'],
      [3, 3, 'flow.bad-count'],
    ]);
  });
});
