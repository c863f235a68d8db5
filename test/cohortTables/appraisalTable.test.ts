import { describe, expect, it } from 'vitest';
import { appraisalTool, checkAppraisalCoverage } from '../../pipeline/cohortTables/appraisalTable.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { adrenalContext, extracted } from '../helpers/stageInput.ts';
import { appraisalOf } from '../helpers/appraisalInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';
import { sourcesTable } from '../../pipeline/cohortTables/sourcesTable.ts';

const HEADER = 'source_id,tool,q1,q2,q3,overall,appraiser,note';
const where = (f: { line: number; column: number; severity: string; code: string }) => [
  f.line,
  f.column,
  f.severity,
  f.code,
];

describe('appraisalTable', () => {
  it('reads answers in any case and their usual abbreviations', () => {
    const { appraisal, findings } = appraisalOf(
      `${HEADER}\nsyn,tri,Yes,N/A,unclear,include,Synthetic appraiser,\n`,
    );
    expect(findings).toEqual([]);
    expect(appraisal!.rows[0]).toMatchObject({
      sourceId: 'syn',
      tool: 'tri',
      answers: { q1: 'yes', q2: 'not applicable', q3: 'unclear' },
      overall: 'include',
      line: 2,
    });
  });

  it('locates every problem at its cell', () => {
    const { findings } = appraisalOf(
      [
        'source_id,tool,q1,q2,q3,q4,overall,appraiser,note',
        'a,tri,yes,maybe,no,,include,,', // a word that is no answer
        'b,tri,yes,,no,,include,,', // q2 not answered
        'c,jbi,yes,yes,yes,,include,,', // unknown tool
        'a,tri,yes,yes,yes,,include,,', // a again
        'd,tri,yes,yes,yes,yes,probably,,', // overall not allowed
      ].join('\n'),
    );
    expect(findings.map(where)).toEqual([
      [2, 4, 'error', 'appraisal.bad-answer'],
      [3, 4, 'warning', 'appraisal.unanswered'],
      [4, 2, 'error', 'appraisal.unknown-tool'],
      [5, 1, 'error', 'appraisal.duplicate'],
      [6, 7, 'error', 'appraisal.bad-overall'],
    ]);
    expect(findings[0]!.message).toBe('q2 "maybe" is not one of yes, no, unclear, not applicable');
    expect(findings[1]!.message).toContain('counted as not answered, not as unclear');
  });

  it('says which item column a checklist needs', () => {
    const { findings } = appraisalOf('source_id,tool,q1,q2,overall\nsyn,tri,yes,yes,include\n');
    expect(findings.map((f) => [f.line, f.code, f.message])).toEqual([
      [1, 'appraisal.missing-item', 'no column "q3" for item q3 of tri (Three)'],
    ]);
  });

  it('refuses a checklist without items or with repeated ids', () => {
    expect(appraisalTool('{"id":"x","title":"X","items":[]}', 'x.json').findings[0]!.message).toBe(
      'a checklist needs "items"',
    );
    const twice =
      '{"id":"x","title":"X","items":[{"id":"q1","label":"a","question":"?"},{"id":"q1","label":"b","question":"?"}]}';
    expect(appraisalTool(twice, 'x.json').findings[0]!.message).toBe('item ids must be unique');
    expect(appraisalTool('{"id":', 'x.json').findings[0]!.code).toBe('checklist.invalid');
  });
});

describe('checkAppraisalCoverage', () => {
  it('wants a row for every source of an included patient, and knows every appraised source', () => {
    const context = adrenalContext();
    // extracted() gives one source, syn; both synthetic patients cite it.
    const normalized = normalize(extracted(['A,syn,,,,,,,,,,,,,,,,,', 'B,syn,,,,,,,,,,,,,,,,,']), context);
    const { appraisal } = appraisalOf(`${HEADER}\nghost,tri,yes,yes,yes,include,,\n`);
    const findings = checkAppraisalCoverage(
      appraisal!,
      normalized.tables.of(sourcesTable),
      normalized.tables.of(casesTable)!,
      'sources.csv',
    );
    expect(findings.map((f) => [f.file, ...where(f)])).toEqual([
      ['appraisal.csv', 2, 1, 'error', 'appraisal.unknown-source'],
      ['sources.csv', 2, 1, 'warning', 'appraisal.not-appraised'],
    ]);
  });
});
