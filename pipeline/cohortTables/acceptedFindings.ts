import { excerpt } from '../parse/excerpt.ts';
import { findColumn } from '../parse/columnKey.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { Finding, RawTable } from '../types.ts';
import { defineInputTable } from './inputTable.ts';

/**
 * One deliberate decision about a warning, from the cohort's accepted.csv: this warning, on this row,
 * is known and left as it is, for this reason. Errors cannot be accepted.
 */
export interface AcceptedEntry {
  /**
   * The table the warning is about, as written: its role (`cases`, `sources`, `published`, `flow`,
   * `appraisal`, `cohort` for cohort.json) or, as older accepted.csv files have it, a file name
   * (`cases.csv`), read as the role of that file (tableRole), so a decision outlives a change of format.
   */
  file: string;
  /** The finding's code, e.g. `check.dead-without-followup`. */
  code: string;
  /** The row's id (case id, source id, flow step, figure id); empty for a finding about the whole file. */
  key: string;
  reason: string;
  line: number;
}

export const ACCEPTED_HEADER = ['file', 'code', 'key', 'reason'] as const;

/** accepted.csv → entries; a row without a reason is an error (the point is the reason). */
export function acceptedEntries(table: RawTable | null): { entries: AcceptedEntry[]; findings: Finding[] } {
  if (!table) return { entries: [], findings: [] };
  // The first column may be headed `table` (a role) as well as `file` (the older header).
  const tableColumn = findColumn(table.header, 'table') >= 0 ? 'table' : 'file';
  const required = [tableColumn, 'code', 'key', 'reason'];
  const missing = missingColumns(
    table,
    required,
    `expected ${ACCEPTED_HEADER.join(',')} or table,code,key,reason`,
  );
  if (missing) return { entries: [], findings: [missing] };
  const field = (name: string) => findColumn(table.header, name === 'file' ? tableColumn : name);
  const entries: AcceptedEntry[] = [];
  const findings: Finding[] = [];
  table.rows.forEach((row, i) => {
    const cell = (name: string) => row[field(name)]!.trim();
    const entry = {
      file: cell('file'),
      code: cell('code'),
      key: cell('key'),
      reason: cell('reason'),
      line: table.lines[i]!,
    };
    const empty = (['file', 'code', 'reason'] as const).find((name) => entry[name] === '');
    if (empty) {
      findings.push({
        file: table.file,
        line: entry.line,
        column: field(empty) + 1,
        severity: 'error',
        code: 'accepted.incomplete',
        message: `${empty === 'file' ? tableColumn : empty} is empty: an accepted finding names its table and code and says why it is accepted`,
      });
    } else entries.push(entry);
  });
  return { entries, findings };
}

/** Where a finding is, as an accepted entry names it: the table's role and the row id. */
export type FindingPlace = (finding: Finding) => { role: string; key: string } | null;

/** A table of the cohort as accepted.csv may name it. */
export interface AcceptableTable {
  /** Its role: `cases`, `sources`, `published`, `flow`, `appraisal`, `cohort` (cohort.json). */
  role: string;
  /** As cohort.json `files` names it (e.g. `cases.xlsx#Patients`). */
  name: string;
  /** Whether this run read it (and checked it): only then can a decision about it be found unused. */
  read: boolean;
}

const stemOf = (name: string) => {
  const path = name.replace(/#.*$/, '');
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).toLowerCase();
};

/**
 * The role of the table an accepted.csv row names: its role itself (`cases`), the file as cohort.json
 * names it, or (a row written before the table changed format, `cases.csv` for `cases.xlsx`) a file of
 * the same name in another format; null when it names no table of the cohort.
 */
export function tableRole(written: string, tables: readonly AcceptableTable[]): string | null {
  const lower = written.trim().toLowerCase();
  const stem = stemOf(written.trim());
  return (
    tables.find((t) => t.role === lower)?.role ??
    tables.find((t) => t.name.toLowerCase() === lower)?.role ??
    tables.find((t) => stemOf(t.name) === stem)?.role ??
    tables.find((t) => t.role === stem)?.role ??
    null
  );
}

/**
 * Marks the warnings that an entry accepts (`accepted` = its reason). An entry that accepts nothing in
 * this run, about a table the run read and checked, is a note saying so ("remove this line"), so a stale
 * decision cannot outlive the problem it was about; a note, not a warning, so that --strict does not
 * stop on a decision made unnecessary (a check that now skips excluded rows, say). About a table not
 * read (a run that stopped at a broken cases file), nothing is said: its warnings were never looked for.
 * An entry naming no table of the cohort is a warning.
 */
export function applyAccepted(
  findings: readonly Finding[],
  entries: readonly AcceptedEntry[],
  placeOf: FindingPlace,
  tables: readonly AcceptableTable[],
  acceptedFile: string,
): Finding[] {
  if (entries.length === 0) return [...findings];
  const byPlace = new Map<string, AcceptedEntry>();
  const at = (role: string, code: string, key: string) => `${role}\u0000${code}\u0000${key}`;
  const roleOf = new Map(entries.map((e) => [e, tableRole(e.file, tables)]));
  for (const e of entries) {
    const role = roleOf.get(e);
    if (role !== null && role !== undefined) byPlace.set(at(role, e.code, e.key), e);
  }
  const used = new Set<AcceptedEntry>();
  const out = findings.map((f) => {
    if (f.severity !== 'warning') return f;
    const place = placeOf(f);
    const entry = place && byPlace.get(at(place.role, f.code, place.key));
    if (!entry) return f;
    used.add(entry);
    return { ...f, accepted: entry.reason };
  });
  const everyRead = new Map(tables.map((t) => [t.role, t.read]));
  for (const e of entries) {
    if (used.has(e)) continue;
    const role = roleOf.get(e);
    if (role === null || role === undefined) {
      out.push({
        file: acceptedFile,
        line: e.line,
        column: 1,
        severity: 'warning',
        code: 'accepted.unknown-table',
        message: `"${excerpt(e.file)}" is not a table of this cohort: name one of ${tables.map((t) => t.role).join(', ')}`,
      });
      continue;
    }
    // Its warnings come from checks that read the cases too (row checks, coverage of the sources).
    if (!everyRead.get(role) || !everyRead.get('cases')) continue;
    out.push({
      file: acceptedFile,
      line: e.line,
      column: 0,
      severity: 'info',
      code: 'accepted.unused',
      message: `no warning ${excerpt(e.code)} on ${e.key ? `row "${excerpt(e.key)}" of ` : ''}the ${role} table in this run (errors cannot be accepted; a check on an excluded row is a note): remove this line`,
    });
  }
  return out;
}

/** accepted.csv: the warnings the authors accept as deliberate decisions, each with its reason. */
export const acceptedTable = defineInputTable<AcceptedEntry[]>()({
  key: 'accepted',
  description:
    "Warnings accepted as deliberate decisions (optional): `file,code,key,reason`, one row per warning; `key` is the row's id.",
  idColumn: null,
  empty: [],
  normalize: (raw) => {
    const { entries, findings } = acceptedEntries(raw);
    return { value: entries, findings };
  },
});
