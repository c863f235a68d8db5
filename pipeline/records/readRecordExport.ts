import { decodeText } from '../parse/decodeText.ts';
import { parseCsv } from '../parse/parseCsv.ts';
import { readWorkbook } from '../parse/readWorkbook.ts';
import { tableFile } from '../parse/tableFile.ts';
import { readBibtex } from './readBibtex.ts';
import { readNbib } from './readNbib.ts';
import { readRecordTable } from './readRecordTable.ts';
import { readRis } from './readRis.ts';
import type { RecordsRead } from './searchRecord.ts';

export type RecordFormat = 'ris' | 'nbib' | 'bibtex' | 'table';

/**
 * The format of an export: by its first line that holds anything (`TY  -` RIS, `PMID-` MEDLINE, `@`
 * BibTeX), else by its name (.ris, .nbib, .bib; anything else a table). Content first, because
 * databases name their exports loosely (PubMed's "PubMed format" is a .txt, Ovid's RIS a .txt too).
 */
export function recordFormat(text: string, file: string): RecordFormat {
  const first = /^\s*(.*)/.exec(text.slice(0, 4096))?.[1] ?? '';
  if (/^TY {0,3}-/.test(first)) return 'ris';
  if (/^PMID *- /.test(first)) return 'nbib';
  if (/^@\s*[A-Za-z]+\s*[({]/.test(first)) return 'bibtex';
  if (/\.ris$/i.test(file)) return 'ris';
  if (/\.(nbib|medline)$/i.test(file)) return 'nbib';
  if (/\.(bib|bibtex)$/i.test(file)) return 'bibtex';
  return 'table';
}

/**
 * One export file as bytes → its records and findings. Text is decoded as tables are (BOM, UTF-16,
 * Latin-1 with a warning: decodeText); an `.xlsx` workbook (`file.xlsx#Sheet` names a sheet) and any
 * file that is no RIS, MEDLINE or BibTeX text are read as a table of records (readRecordTable).
 */
export async function readRecordExport(bytes: Uint8Array, file: string, sha256 = ''): Promise<RecordsRead> {
  const named = tableFile(file);
  if (named.format === 'xlsx') {
    const { table, findings } = await readWorkbook(bytes, named.path, sha256, { sheet: named.sheet });
    if (!table) return { records: [], findings };
    const read = readRecordTable(table);
    return { records: read.records, findings: [...findings, ...read.findings] };
  }
  const decoded = decodeText(bytes, file);
  const format = recordFormat(decoded.text, file);
  const read =
    format === 'ris'
      ? readRis(decoded.text, file)
      : format === 'nbib'
        ? readNbib(decoded.text, file)
        : format === 'bibtex'
          ? readBibtex(decoded.text, file)
          : tableRecords(decoded.text, file, sha256);
  return { records: read.records, findings: [...decoded.findings, ...read.findings] };
}

function tableRecords(text: string, file: string, sha256: string): RecordsRead {
  const { table, findings } = parseCsv(text, file, sha256);
  if (!table) return { records: [], findings };
  const read = readRecordTable(table);
  return { records: read.records, findings: [...findings, ...read.findings] };
}
