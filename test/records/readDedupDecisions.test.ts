import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { readDedupDecisions } from '../../pipeline/records/readDedupDecisions.ts';

const table = (text: string) => parseCsv(text, 'dedup.csv', '').table!;

describe('readDedupDecisions', () => {
  it('reads same/different decisions by record_id, case-insensitively, with their reasons and lines', () => {
    const { decisions, findings } = readDedupDecisions(
      table(
        'Record,Duplicate_of,Decision,Reason\npubmed-1,embase-2,Same,one paper\nscopus-3,pubmed-1,different,erratum\n',
      ),
      new Set(['pubmed-1', 'embase-2', 'scopus-3']),
    );
    expect(findings).toEqual([]);
    expect(decisions).toEqual([
      {
        record: 'pubmed-1',
        duplicateOf: 'embase-2',
        decision: 'same',
        reason: 'one paper',
        file: 'dedup.csv',
        line: 2,
      },
      {
        record: 'scopus-3',
        duplicateOf: 'pubmed-1',
        decision: 'different',
        reason: 'erratum',
        file: 'dedup.csv',
        line: 3,
      },
    ]);
  });

  it('locates an unknown record (with the nearest id), a decision outside the vocabulary and a record paired with itself', () => {
    const { decisions, findings } = readDedupDecisions(
      table(
        'record,duplicate_of,decision,reason\npubmed-l,embase-2,same,\npubmed-1,embase-2,maybe,\npubmed-1,pubmed-1,same,\n',
      ),
      new Set(['pubmed-1', 'embase-2']),
    );
    expect(decisions).toEqual([]);
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [2, 1, 'error', 'dedup.unknown-record'],
      [3, 3, 'error', 'dedup.bad-decision'],
      [4, 2, 'error', 'dedup.self'],
    ]);
    expect(findings[0]!.message).toContain('did you mean "pubmed-1"?');
  });

  it('says which columns a file without them lacks', () => {
    const { findings } = readDedupDecisions(table('record,decision\na,same\n'), new Set(['a']));
    expect(findings).toEqual([expect.objectContaining({ line: 1, code: 'header.missing' })]);
  });
});
