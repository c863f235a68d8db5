import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readInputFile } from '../config/readInputFile.ts';
import { decodeText } from '../parse/decodeText.ts';
import { INPUT_LIMITS } from '../parse/inputLimits.ts';
import { parseCsv } from '../parse/parseCsv.ts';
import type { Finding, RawTable } from '../types.ts';
import type { StageContext } from './context.ts';

export interface ExtractOutput {
  cases: RawTable | null;
  sources: RawTable | null;
  published: RawTable | null;
  flow: RawTable | null;
  inputs: Array<{ role: string; file: string; sha256: string }>;
  findings: Finding[];
}

function readTable(
  dir: string,
  name: string,
  file: string,
  optional: boolean,
  inputs: ExtractOutput['inputs'],
  role: string,
) {
  const read = readInputFile(dir, name, INPUT_LIMITS.tableBytes);
  if (!read.ok) {
    if (optional && read.missing) return { table: null, findings: [] as Finding[] };
    const finding: Finding = {
      file,
      line: 0,
      column: 0,
      severity: 'error',
      code: read.code,
      message: read.message,
    };
    return { table: null, findings: [finding] };
  }
  const bytes = read.bytes;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  inputs.push({ role, file, sha256 });
  const decoded = decodeText(bytes, file);
  const result = parseCsv(decoded.text, file, sha256, {
    requireRows: role === 'cases' || role === 'sources',
  });
  return { table: result.table, findings: [...decoded.findings, ...result.findings] };
}

/** Reads the cohort's CSV files as text tables, keeping every row's line. */
export function extract(_input: null, context: StageContext): ExtractOutput {
  const { files } = context.config;
  const inputs: ExtractOutput['inputs'] = [];
  const findings: Finding[] = [];
  const load = (role: string, name: string | undefined, optional: boolean) => {
    if (name === undefined) return null;
    const path = join(context.cohortDir, name);
    const result = readTable(context.cohortDir, name, context.display(path), optional, inputs, role);
    for (const f of result.findings) findings.push(f); // no push(...): 10^5+ findings overflow the stack
    return result.table;
  };
  return {
    cases: load('cases', files.cases, false),
    sources: load('sources', files.sources, false),
    published: load('published', files.published, false),
    flow: load('flow', files.flow, true),
    inputs,
    findings,
  };
}
