import { excerpt } from '../parse/excerpt.ts';
import { findColumn } from '../parse/columnKey.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { Finding, RawTable } from '../types.ts';

/**
 * One deliberate decision about a warning, from the cohort's accepted.csv: this warning, on this row,
 * is known and left as it is, for this reason. Errors cannot be accepted.
 */
export interface AcceptedEntry {
  /** The input file the warning is about, as named in cohort.json `files` (e.g. `cases.csv`). */
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
  const missing = missingColumns(table, ACCEPTED_HEADER, `expected ${ACCEPTED_HEADER.join(',')}`);
  if (missing) return { entries: [], findings: [missing] };
  const field = (name: string) => findColumn(table.header, name);
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
        message: `${empty} is empty: an accepted finding names its file and code and says why it is accepted`,
      });
    } else entries.push(entry);
  });
  return { entries, findings };
}

/** Where a finding is, as an accepted entry names it: the file (as named in cohort.json) and row id. */
export type FindingPlace = (finding: Finding) => { file: string; key: string } | null;

/**
 * Marks the warnings that an entry accepts (`accepted` = its reason); an entry that accepts nothing in
 * this run is itself a warning, so a stale decision cannot outlive the problem it was about.
 */
export function applyAccepted(
  findings: readonly Finding[],
  entries: readonly AcceptedEntry[],
  placeOf: FindingPlace,
  acceptedFile: string,
): Finding[] {
  if (entries.length === 0) return [...findings];
  const byPlace = new Map<string, AcceptedEntry>();
  const at = (file: string, code: string, key: string) => `${file}\u0000${code}\u0000${key}`;
  for (const e of entries) byPlace.set(at(e.file, e.code, e.key), e);
  const used = new Set<AcceptedEntry>();
  const out = findings.map((f) => {
    if (f.severity !== 'warning') return f;
    const place = placeOf(f);
    const entry = place && byPlace.get(at(place.file, f.code, place.key));
    if (!entry) return f;
    used.add(entry);
    return { ...f, accepted: entry.reason };
  });
  for (const e of entries) {
    if (used.has(e)) continue;
    out.push({
      file: acceptedFile,
      line: e.line,
      column: 0,
      severity: 'warning',
      code: 'accepted.unused',
      message: `no warning ${excerpt(e.code)} on ${e.key ? `row "${excerpt(e.key)}" of ` : ''}${excerpt(e.file)} in this run (errors cannot be accepted): remove this line`,
    });
  }
  return out;
}
