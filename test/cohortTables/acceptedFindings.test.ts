import { describe, expect, it } from 'vitest';
import { acceptedEntries, applyAccepted } from '../../pipeline/cohortTables/acceptedFindings.ts';
import { findingPlace, sortedIds, tableIds } from '../../pipeline/cohortTables/findingPlace.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import type { Finding } from '../../pipeline/types.ts';

// Synthetic findings and decisions.
const table = (text: string) => parseCsv(text, 'accepted.csv', 'x').table!;
const warning = (file: string, line: number, code: string): Finding => ({
  file,
  line,
  column: 3,
  severity: 'warning',
  code,
  message: `${code} at ${line}`,
});

describe('acceptedEntries', () => {
  it('reads file, code, key and reason, with the line of each decision', () => {
    const { entries, findings } = acceptedEntries(
      table(
        'file,code,key,reason\ncases.csv,check.x,C-2,"known, left as is"\nflow.csv,flow.arithmetic,,as printed\n',
      ),
    );
    expect(findings).toEqual([]);
    expect(entries).toEqual([
      { file: 'cases.csv', code: 'check.x', key: 'C-2', reason: 'known, left as is', line: 2 },
      { file: 'flow.csv', code: 'flow.arithmetic', key: '', reason: 'as printed', line: 3 },
    ]);
  });

  it('refuses a decision without a reason, at its cell', () => {
    const { entries, findings } = acceptedEntries(table('file,code,key,reason\ncases.csv,check.x,C-2,\n'));
    expect(entries).toEqual([]);
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [2, 4, 'error', 'accepted.incomplete'],
    ]);
  });

  it('names the missing columns of a wrong header', () => {
    const { findings } = acceptedEntries(table('file,code\ncases.csv,check.x\n'));
    expect(findings[0]!.code).toBe('header.missing');
    expect(findings[0]!.message).toContain('"key", "reason"');
  });
});

describe('applyAccepted', () => {
  const cases = { lines: [2, 3, 5], ids: ['C-1', 'C-2', 'C-3'] };
  const place = findingPlace([
    { name: 'cases.csv', file: 'data/x/cases.csv', idAt: sortedIds(cases.lines, cases.ids) },
    {
      name: 'flow.csv',
      file: 'data/x/flow.csv',
      idAt: tableIds(parseCsv('step,count\nidentified,8\nincluded,2\n', 'flow.csv', 'y').table, 'step'),
    },
  ]);
  const entries = acceptedEntries(
    table('file,code,key,reason\ncases.csv,check.x,C-2,R1\nflow.csv,flow.arithmetic,included,R2\n'),
  ).entries;

  it('marks exactly the warning on the named row with the reason', () => {
    const findings = [
      warning('data/x/cases.csv', 3, 'check.x'),
      warning('data/x/cases.csv', 5, 'check.x'),
      warning('data/x/cases.csv', 3, 'check.y'),
      warning('data/x/flow.csv', 3, 'flow.arithmetic'),
    ];
    const out = applyAccepted(findings, entries, place, 'data/x/accepted.csv');
    expect(out.map((f) => f.accepted ?? null)).toEqual(['R1', null, null, 'R2']);
  });

  it('never accepts an error, and says so for the decision that matched nothing', () => {
    const error: Finding = { ...warning('data/x/cases.csv', 3, 'check.x'), severity: 'error' };
    const out = applyAccepted([error], entries, place, 'data/x/accepted.csv');
    expect(out[0]!.accepted).toBeUndefined();
    expect(out.slice(1).map((f) => [f.file, f.line, f.severity, f.code])).toEqual([
      ['data/x/accepted.csv', 2, 'warning', 'accepted.unused'],
      ['data/x/accepted.csv', 3, 'warning', 'accepted.unused'],
    ]);
    expect(out[1]!.message).toBe(
      'no warning check.x on row "C-2" of cases.csv in this run (errors cannot be accepted): remove this line',
    );
  });

  it('keys a finding on the header or a line outside the table by the whole file', () => {
    expect(place(warning('data/x/cases.csv', 1, 'header.unknown'))).toEqual({ file: 'cases.csv', key: '' });
    expect(place(warning('elsewhere.csv', 2, 'x'))).toBeNull();
  });
});
