import { describe, expect, it } from 'vitest';
import { acceptedEntries, applyAccepted, tableRole } from '../../pipeline/cohortTables/acceptedFindings.ts';
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
  const files = [
    {
      role: 'cases',
      name: 'cases.csv',
      file: 'data/x/cases.csv',
      idAt: sortedIds(cases.lines, cases.ids),
      read: true,
    },
    {
      role: 'flow',
      name: 'flow.csv',
      file: 'data/x/flow.csv',
      idAt: tableIds(parseCsv('step,count\nidentified,8\nincluded,2\n', 'flow.csv', 'y').table, 'step'),
      read: true,
    },
  ];
  const place = findingPlace(files);
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
    const out = applyAccepted(findings, entries, place, files, 'data/x/accepted.csv');
    expect(out.map((f) => f.accepted ?? null)).toEqual(['R1', null, null, 'R2']);
  });

  it('never accepts an error, and notes the decision that matched nothing (a note: --strict does not stop on it)', () => {
    const error: Finding = { ...warning('data/x/cases.csv', 3, 'check.x'), severity: 'error' };
    const out = applyAccepted([error], entries, place, files, 'data/x/accepted.csv');
    expect(out[0]!.accepted).toBeUndefined();
    expect(out.slice(1).map((f) => [f.file, f.line, f.severity, f.code])).toEqual([
      ['data/x/accepted.csv', 2, 'info', 'accepted.unused'],
      ['data/x/accepted.csv', 3, 'info', 'accepted.unused'],
    ]);
    expect(out[1]!.message).toBe(
      'no warning check.x on row "C-2" of the cases table in this run (errors cannot be accepted; a check on an excluded row is a note): remove this line',
    );
  });

  it("keys a decision by the table's role: a file name in another format, or the role itself, still accepts", () => {
    const asWorkbook = files.map((f) =>
      f.role === 'cases' ? { ...f, name: 'cases.xlsx#Patients', file: 'data/x/cases.xlsx' } : f,
    );
    const decisions = acceptedEntries(
      table(
        'table,code,key,reason\ncases.csv,check.x,C-2,R1\ncases,check.y,C-3,R3\nflow,flow.arithmetic,included,R2\n',
      ),
    ).entries;
    const out = applyAccepted(
      [
        warning('data/x/cases.xlsx', 3, 'check.x'),
        warning('data/x/cases.xlsx', 5, 'check.y'),
        warning('data/x/flow.csv', 3, 'flow.arithmetic'),
      ],
      decisions,
      findingPlace(asWorkbook),
      asWorkbook,
      'data/x/accepted.csv',
    );
    expect(out.map((f) => f.accepted ?? null)).toEqual(['R1', 'R3', 'R2']);
    expect(tableRole('Cases.CSV', asWorkbook)).toBe('cases');
    expect(tableRole('patients.csv', asWorkbook)).toBeNull();
  });

  it('says nothing of a decision about a table that was not read, and warns of one naming no table', () => {
    const unread = files.map((f) => (f.role === 'cases' ? { ...f, read: false } : f));
    const decisions = acceptedEntries(
      table('file,code,key,reason\ncases.csv,check.x,C-2,R1\nextraction.csv,check.x,C-2,R4\n'),
    ).entries;
    const out = applyAccepted([], decisions, findingPlace(unread), unread, 'data/x/accepted.csv');
    expect(out.map((f) => [f.line, f.severity, f.code])).toEqual([[3, 'warning', 'accepted.unknown-table']]);
    expect(out.some((f) => f.message.includes('remove this line'))).toBe(false);
  });

  it('quotes at most 60 characters of a table name it does not know', () => {
    const long = `${'x'.repeat(300)}.csv`;
    const decisions = acceptedEntries(table(`file,code,key,reason\n${long},check.x,C-2,R\n`)).entries;
    const [out] = applyAccepted([], decisions, findingPlace(files), files, 'data/x/accepted.csv');
    expect(out!.code).toBe('accepted.unknown-table');
    expect(out!.message).not.toContain('x'.repeat(61));
  });

  it('keys a finding on the header or a line outside the table by the whole file', () => {
    expect(place(warning('data/x/cases.csv', 1, 'header.unknown'))).toEqual({ role: 'cases', key: '' });
    expect(place(warning('elsewhere.csv', 2, 'x'))).toBeNull();
  });
});
