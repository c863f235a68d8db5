import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { readInputFile } from '../config/readInputFile.ts';
import { INPUT_LIMITS } from '../parse/inputLimits.ts';
import { decodeText } from '../parse/decodeText.ts';
import { tableOfBytes } from '../parse/tableOfBytes.ts';
import { otherFormatHint, tableFile, type TableFile } from '../parse/tableFile.ts';
import type { Finding, RawTable } from '../types.ts';
import { INPUT_TABLES } from '../cohortTables/catalog.ts';
import type { ExtraFile, InputTable } from '../cohortTables/inputTable.ts';
import type { StageContext } from './context.ts';

export interface ExtractOutput {
  /** Each input table as read, by its key (null: cohort.json names no file, or it could not be read). */
  raw: Record<string, RawTable | null>;
  /** The files each table reads besides its own (the appraisal's checklists), by its key. */
  extras: Record<string, ExtraFile[]>;
  inputs: Array<{ role: string; file: string; sha256: string }>;
  findings: Finding[];
}

/** Names of the files in a folder; none when it cannot be listed. */
function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

async function readTable(
  path: string,
  file: string,
  inputs: ExtractOutput['inputs'],
  input: InputTable<string, unknown>,
  stored: TableFile,
  context: StageContext,
) {
  const { key: role, optional = false } = input;
  // Through readInputFile: a regular file inside the cohort folder (no link out, no FIFO or
  // device), within the size limit.
  const read = readInputFile(context.cohortDir, stored.path, INPUT_LIMITS.tableBytes);
  if (!read.ok) {
    if (optional && read.missing) return { table: null, findings: [] as Finding[] };
    const message = read.missing
      ? (otherFormatHint(stored.path, filesIn(dirname(path)), role) ?? read.message)
      : read.message;
    const finding: Finding = { file, line: 0, column: 0, severity: 'error', code: read.code, message };
    return { table: null, findings: [finding] };
  }
  const bytes = read.bytes;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  inputs.push({ role, file, sha256 });
  const requireRows = input.requireRows === true;
  if (stored.format === 'unsupported') {
    const kind = /\.xls$/i.test(stored.path)
      ? 'the old Excel format (.xls)'
      : `a ${extname(stored.path)} file`;
    const message = `is ${kind}, which is not read: save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8"`;
    return {
      table: null,
      findings: [
        { file, line: 0, column: 0, severity: 'error', code: 'file.unsupported-format', message } as Finding,
      ],
    };
  }
  // The cases table may have 10^6 rows: kept as lines, split by normalize as it reads them.
  return tableOfBytes(bytes, file, sha256, {
    format: stored.format,
    sheet: stored.sheet,
    requireRows,
    lazyRows: input.lazyRows === true,
    columns: input.lazyRows ? context.config.columns : undefined,
  });
}

/** A file a table reads besides its own, as text (an unreadable one is a finding and an empty text). */
function readExtraFile(name: string, context: StageContext, findings: Finding[]): ExtraFile {
  const file = context.display(join(context.cohortDir, name));
  // As every input: a regular file inside the cohort folder, within the size of a config file.
  const read = readInputFile(context.cohortDir, name, INPUT_LIMITS.configBytes);
  if (!read.ok) {
    findings.push({ file, line: 0, column: 0, severity: 'error', code: read.code, message: read.message });
    return { name, file, text: '' };
  }
  return { name, file, text: decodeText(read.bytes, file).text };
}

/**
 * Reads the cohort's input tables (cohortTables/catalog.ts; CSV, or a sheet of an .xlsx workbook) as text
 * tables, keeping every row's line, and the files they read besides (checklists).
 */
export async function extract(
  _input: null,
  context: StageContext,
  tables: ReadonlyArray<InputTable<string, unknown>> = INPUT_TABLES,
): Promise<ExtractOutput> {
  const { files } = context.config;
  const out: ExtractOutput = { raw: {}, extras: {}, inputs: [], findings: [] };
  for (const table of tables) {
    const name = (files as Record<string, string | undefined>)[table.key];
    if (name === undefined) {
      out.raw[table.key] = null;
      continue;
    }
    const stored = tableFile(name);
    const path = join(context.cohortDir, stored.path);
    const result = await readTable(path, context.display(path), out.inputs, table, stored, context);
    for (const f of result.findings) out.findings.push(f); // no push(...): 10^5+ findings overflow the stack
    out.raw[table.key] = result.table;
  }
  // After every table, as before: a checklist's problems are listed after the tables'.
  for (const table of tables) {
    const names = table.extraFiles?.(context.config) ?? [];
    if (names.length > 0) out.extras[table.key] = names.map((n) => readExtraFile(n, context, out.findings));
  }
  return out;
}
