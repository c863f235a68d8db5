import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { readInputFile } from '../config/readInputFile.ts';
import { decodeText } from '../parse/decodeText.ts';
import { excerpt } from '../parse/excerpt.ts';
import { INPUT_LIMITS } from '../parse/inputLimits.ts';
import { parseCsv } from '../parse/parseCsv.ts';
import { tableFile } from '../parse/tableFile.ts';
import type { Finding } from '../types.ts';
import { codebookParts } from './codebookConfig.ts';
import { codebookPlace, mergeCodebook } from './mergeCodebook.ts';
import { codebookRows } from './codebookTable.ts';

export interface AppliedCodebook {
  /** cohort.json with the codebook's parts under its own text; null when the codebook has an error. */
  json: Record<string, unknown> | null;
  findings: Finding[];
  /** The codebook cell a pointer into `json` comes from, or null (cohort.json's own text). */
  place: (pointer: string) => { file: string; line: number; column: number } | null;
}

const nowhere = () => null;

/**
 * Reads the codebook cohort.json names in `files.codebook` (in the cohort folder `dir`, through
 * readInputFile as every input) and puts its parts under cohort.json's own (mergeCodebook), before the
 * schema check. `configFile` is cohort.json's path as shown; the codebook's is beside it. A CSV file:
 * loading a cohort is synchronous, and a workbook is read asynchronously, so a codebook in a workbook is
 * an error that says to save it as CSV.
 */
export function applyCodebook(
  dir: string,
  json: Record<string, unknown>,
  configFile: string,
): AppliedCodebook {
  const files = json.files as Record<string, unknown> | undefined;
  const name = files?.codebook;
  if (typeof name !== 'string' || name.trim() === '') return { json, findings: [], place: nowhere };
  const stored = tableFile(name);
  const file = join(dirname(configFile), stored.path);
  const fail = (code: string, message: string): AppliedCodebook => ({
    json: null,
    findings: [{ file, line: 0, column: 0, severity: 'error', code, message }],
    place: nowhere,
  });
  if (stored.format !== 'csv')
    return fail(
      'codebook.not-csv',
      `the codebook is read as CSV: save "${excerpt(name)}" from Excel as "CSV UTF-8" and name that file in cohort.json files.codebook`,
    );
  const read = readInputFile(dir, stored.path, INPUT_LIMITS.tableBytes);
  if (!read.ok) return fail(read.code, read.message);
  const decoded = decodeText(read.bytes, file);
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  const parsed = parseCsv(decoded.text, file, sha256, { requireRows: true });
  const findings: Finding[] = [...decoded.findings, ...parsed.findings];
  if (parsed.table === null || findings.some((f) => f.severity === 'error'))
    return { json: null, findings, place: nowhere };
  const rows = codebookRows(parsed.table);
  findings.push(...rows.findings);
  if (rows.findings.some((f) => f.severity === 'error')) return { json: null, findings, place: nowhere };
  const made = codebookParts(rows.rows);
  findings.push(...made.problems.map((p) => ({ file, ...p })));
  if (made.problems.some((p) => p.severity === 'error')) return { json: null, findings, place: nowhere };
  const merged = mergeCodebook(json, made.parts);
  return {
    json: merged,
    findings,
    place: (pointer) => {
      const at = codebookPlace(merged, pointer, made.origins);
      return at === null ? null : { file, ...at };
    },
  };
}
