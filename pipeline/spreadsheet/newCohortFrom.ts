import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { toCsv } from '../io/toCsv.ts';
import { stripUnsafeText } from '../parse/unsafeText.ts';
import { codebookCsv } from './codebookTable.ts';
import { inferCodebook, type InferredCodebook } from './inferCodebook.ts';
import { inferenceReport } from './inferenceReport.ts';
import { readUserTable } from './readUserTable.ts';

/*
 * npm run new-cohort -- <dir> --from <file.csv | file.xlsx[#Sheet]>: a cohort folder from the table a
 * clinician already has. The table is copied byte for byte (never changed), the codebook and the
 * inference report are written beside it, with the smallest cohort.json that points to them and a
 * sources.csv stub of the distinct citations. Nothing is written when the table cannot be read.
 */

export const CODEBOOK_FILE = 'codebook.csv';
export const REPORT_FILE = 'inference-report.txt';

/** The year a citation names (`Suzuki 2023`), if one from 1800 to next year. */
function citationYear(text: string): string {
  const next = new Date().getUTCFullYear() + 1;
  for (const m of text.matchAll(/(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g)) if (Number(m[1]) <= next) return m[1]!;
  return '';
}

/** sources.csv: one row per distinct citation, the citation as its id, its year if it names one. */
export function sourcesStub(citations: InferredCodebook['citations']): string {
  const values = citations?.values ?? [];
  return toCsv(
    ['source_id', 'authors', 'year', 'title', 'journal', 'doi', 'pmid', 'url', 'note'],
    values.map((v) => [
      v,
      '',
      citationYear(v),
      '',
      '',
      '',
      '',
      '',
      'written by new-cohort --from, from the citation column: complete authors, title and journal',
    ]),
  );
}

/** The smallest cohort.json: what it is, and the files; the codebook gives columns and analyses. */
export function minimalCohortJson(id: string, from: string, cases: string): string {
  const name = basename(from);
  return `${JSON.stringify(
    {
      id,
      title: `Cohort from ${name}`,
      description: `Inferred by npm run new-cohort --from ${name}. codebook.csv describes each column (edit it in Excel); ${REPORT_FILE} says what was inferred and why.`,
      inclusion: `Every row of ${name}.`,
      files: { cases, sources: 'sources.csv', codebook: CODEBOOK_FILE },
    },
    null,
    2,
  )}\n`;
}

/**
 * Writes the cohort folder `dir` from the table `from`; returns the exit code (0 written, 1 the table
 * cannot be read, 2 wrong usage). `id` is the cohort id (newCohort.ts makes it from the folder's name).
 */
export async function newCohortFrom(
  dir: string,
  from: string,
  id: string,
  print: (s: string) => void = (s) => console.log(s),
): Promise<number> {
  const shown = stripUnsafeText(dir);
  const fail = (code: number, message: string) => {
    console.error(`casepool: ${message}`);
    return code;
  };
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0))
    return fail(2, `${shown} exists and is not an empty folder; choose a new folder`);
  const read = await readUserTable(from, stripUnsafeText(from));
  const errors = read.findings.filter((f) => f.severity === 'error');
  if (read.table === null || read.bytes === null || errors.length > 0) {
    for (const f of errors) console.error(`${f.file}:${f.line}:${f.column}: error: ${f.message}`);
    return fail(1, `cannot read ${stripUnsafeText(from)}: nothing written`);
  }
  const sheet = /#([^#]+)$/.exec(from)?.[1];
  const copied = read.format === 'xlsx' ? 'cases.xlsx' : 'cases.csv';
  const cases = read.format === 'xlsx' && sheet !== undefined ? `${copied}#${sheet}` : copied;
  const inferred = inferCodebook(read.table, read.findings);
  const report = inferenceReport(inferred, {
    file: join(shown, copied),
    rows: read.table.rows.length,
    workbook: read.format === 'xlsx',
  });
  mkdirSync(dir, { recursive: true });
  const files: Array<[string, string | Uint8Array]> = [
    [copied, read.bytes],
    [CODEBOOK_FILE, codebookCsv(inferred.rows)],
    ['cohort.json', minimalCohortJson(id, from.replace(/#[^#]*$/, ''), cases)],
    ['sources.csv', sourcesStub(inferred.citations)],
    [REPORT_FILE, report],
  ];
  // wx: never overwrite, should a file appear between the check above and here.
  for (const [name, content] of files) writeFileSync(join(dir, name), content, { flag: 'wx' });
  print(report.trimEnd());
  print(
    `\nwrote ${shown} (cohort id "${id}"): ${files.map(([n]) => n).join(', ')}\nnext: npm run pipeline -- --cohort ${shown} --out reports/${id}`,
  );
  return 0;
}
