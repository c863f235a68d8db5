import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { formatBytes, INPUT_LIMITS } from '../parse/inputLimits.ts';
import { tableOfBytes } from '../parse/tableOfBytes.ts';
import { tableFile } from '../parse/tableFile.ts';
import type { Finding, RawTable } from '../types.ts';

export interface UserTable {
  table: RawTable | null;
  findings: Finding[];
  /** The file itself (the part before `#Sheet`) and its bytes, to be copied as they are. */
  path: string;
  bytes: Uint8Array | null;
  format: 'csv' | 'xlsx';
}

/**
 * The table a user already has (`cases.csv`, `extraction.xlsx#Patients`), read with the pipeline's
 * own readers, so the inference sees each cell as a run will: a CSV decoded and split as parseCsv does;
 * a sheet as readWorkbook gives it (its Excel dates reported at their cells, read as empty). Every
 * column is read as text (no types yet: they are what the inference finds).
 */
export async function readUserTable(name: string, shownAs = name): Promise<UserTable> {
  const stored = tableFile(name);
  const fail = (code: string, message: string): UserTable => ({
    table: null,
    findings: [{ file: shownAs, line: 0, column: 0, severity: 'error', code, message }],
    path: stored.path,
    bytes: null,
    format: 'csv',
  });
  if (stored.format === 'unsupported')
    return fail(
      'file.unsupported-format',
      'is not read: save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8"',
    );
  let bytes: Buffer;
  try {
    const size = statSync(stored.path);
    if (!size.isFile()) return fail('file.not-a-file', 'is not a file');
    if (size.size > INPUT_LIMITS.tableBytes)
      return fail(
        'file.too-large',
        `file is ${formatBytes(size.size)}, more than the ${formatBytes(INPUT_LIMITS.tableBytes)} a table may have`,
      );
    bytes = readFileSync(stored.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail('file.unreadable', code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // Findings name the file; a sheet is named by readWorkbook's own messages.
  const file = stored.format === 'xlsx' ? shownAs.replace(/#[^#]*$/, '') : shownAs;
  const format = stored.format === 'xlsx' ? 'xlsx' : 'csv';
  const result = await tableOfBytes(bytes, file, sha256, { format, sheet: stored.sheet, requireRows: true });
  return { ...result, path: stored.path, bytes, format };
}
