import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { deduplicate } from '../../pipeline/records/deduplicate.ts';
import { readScreeningLog, screeningOutcomes } from '../../pipeline/records/screeningLog.ts';
import type { IdentifiedRecord } from '../../pipeline/records/searchRecord.ts';

const rec = (id: string, fields: Partial<IdentifiedRecord> = {}): IdentifiedRecord => ({
  id,
  database: 'PubMed',
  file: 'pubmed.nbib',
  line: 1,
  title: `Title ${id}`,
  authors: [],
  year: '',
  journal: '',
  doi: '',
  pmid: '',
  ...fields,
});
// r-1 and r-2 are one group (same DOI); r-3 has a PMID; r-4 and r-5 share a DOI but a reviewer kept them apart.
const records = [
  rec('r-1', { doi: '10.5555/A' }),
  rec('r-2', { doi: 'https://doi.org/10.5555/a' }),
  rec('r-3', { pmid: '123' }),
  rec('r-4', { doi: '10.5555/twin' }),
  rec('r-5', { doi: '10.5555/twin' }),
];
const dedup = deduplicate(records, [
  { record: 'r-4', duplicateOf: 'r-5', decision: 'different', reason: '', file: 'dedup.csv', line: 2 },
]);
const read = (rows: string[]) =>
  readScreeningLog(
    parseCsv(`record,stage,reviewer,decision,reason\n${rows.join('\n')}\n`, 'screening.csv', '').table!,
    records,
    dedup.groupOf,
  );

describe('readScreeningLog', () => {
  it('names a group by any of its records, its DOI in any form, or pmid:N; stage and decision case-insensitively', () => {
    const { decisions, findings } = read([
      'r-2,title_abstract,AB,include,',
      'DOI:10.5555/A,Title Abstract,CD,Include,',
      'PMID: 123,title_abstract,AB,exclude,',
      'r-4,title_abstract,AB,maybe,',
    ]);
    expect(findings).toEqual([]);
    expect(decisions.map((d) => [d.group, d.stage, d.reviewer, d.decision, d.line])).toEqual([
      ['r-1', 'title_abstract', 'AB', 'include', 2],
      ['r-1', 'title_abstract', 'CD', 'include', 3],
      ['r-3', 'title_abstract', 'AB', 'exclude', 4],
      ['r-4', 'title_abstract', 'AB', 'maybe', 5],
    ]);
  });

  it('gives each bad row its located error and leaves it out', () => {
    const { decisions, findings } = read([
      '10.5555/nowhere,title_abstract,AB,include,', // 2: in no export
      'r-1,abstract,AB,include,', // 3: stage
      'r-1,title_abstract,,include,', // 4: reviewer
      'r-1,title_abstract,AB,not_retrieved,', // 5: not a title/abstract decision
      'r-1,full_text,AB,exclude,', // 6: no reason
      '10.5555/twin,title_abstract,AB,include,', // 7: a DOI of two groups
      'r-1,title_abstract,AB,include,', // 8: fine
      'r-2,title_abstract,AB,include,', // 9: the same decision again (warning)
      'r-1,title_abstract,AB,exclude,', // 10: a different decision by the same reviewer
    ]);
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [2, 1, 'error', 'screening.unknown-record'],
      [3, 2, 'error', 'screening.bad-stage'],
      [4, 3, 'error', 'screening.no-reviewer'],
      [5, 4, 'error', 'screening.bad-decision'],
      [6, 5, 'error', 'screening.no-reason'],
      [7, 1, 'error', 'screening.unknown-record'],
      [9, 4, 'warning', 'screening.repeated'],
      [10, 4, 'error', 'screening.repeated'],
    ]);
    expect(findings[0]!.message).toContain('in no export');
    expect(findings[5]!.message).toContain('r-4, r-5');
    expect(decisions.map((d) => d.line)).toEqual([8]);
  });
});

describe('screeningOutcomes', () => {
  it('settles by final, agrees when reviewers agree (include and maybe both pass), and warns of a conflict showing both decisions', () => {
    const { decisions } = read([
      'r-1,title_abstract,AB,include,',
      'r-1,title_abstract,CD,exclude,',
      'r-1,title_abstract,final,include,',
      'r-3,title_abstract,AB,include,',
      'r-3,title_abstract,CD,maybe,',
      'r-4,title_abstract,AB,include,',
      'r-4,title_abstract,CD,exclude,',
      'r-1,full_text,AB,exclude,wrong design',
      'r-1,full_text,CD,exclude,wrong population',
    ]);
    const { outcomes, conflicts, findings } = screeningOutcomes(decisions);
    expect(outcomes.title_abstract.get('r-1')!.decision).toBe('include');
    expect(outcomes.title_abstract.get('r-3')!.decision).toBe('maybe');
    expect(outcomes.title_abstract.get('r-4')!.decision).toBeNull();
    // both exclude: agreed, the first reviewer's reason settles the count
    expect(outcomes.full_text.get('r-1')).toMatchObject({ decision: 'exclude', reason: 'wrong design' });
    expect(conflicts).toHaveLength(1);
    expect(findings).toEqual([
      expect.objectContaining({ line: 8, severity: 'warning', code: 'screening.conflict' }),
    ]);
    expect(findings[0]!.message).toContain('AB: include at line 7, CD: exclude at line 8');
  });

  it('refuses a record at full text that did not pass title/abstract, at its full-text row', () => {
    const { decisions } = read([
      'r-1,title_abstract,AB,exclude,',
      'r-1,full_text,AB,include,',
      'r-3,full_text,AB,include,',
    ]);
    const { findings } = screeningOutcomes(decisions);
    expect(findings.map((f) => [f.line, f.severity, f.code])).toEqual([
      [3, 'error', 'screening.full-text-not-passed'],
      [4, 'error', 'screening.full-text-not-passed'],
    ]);
  });
});
