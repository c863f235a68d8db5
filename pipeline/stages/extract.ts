import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../parse/decodeText.ts';
import { parseCsv } from '../parse/parseCsv.ts';
import type { Finding, RawTable } from '../types.ts';
import type { StageContext } from './context.ts';

export interface ExtractOutput {
  cases: RawTable | null;
  sources: RawTable | null;
  published: RawTable | null;
  flow: RawTable | null;
  accepted: RawTable | null;
  appraisal: RawTable | null;
  /** Checklist definitions (JSON text) named in cohort.json `appraisal.tools`. */
  checklists: Array<{ file: string; text: string }>;
  inputs: Array<{ role: string; file: string; sha256: string }>;
  findings: Finding[];
}

function readTable(
  path: string,
  file: string,
  optional: boolean,
  inputs: ExtractOutput['inputs'],
  role: string,
) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return { table: null, findings: [] as Finding[] };
    const message =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot read the file (${code})`;
    return {
      table: null,
      findings: [
        { file, line: 0, column: 0, severity: 'error', code: 'file.unreadable', message } as Finding,
      ],
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  inputs.push({ role, file, sha256 });
  const decoded = decodeText(bytes, file);
  const result = parseCsv(decoded.text, file, sha256, {
    requireRows: role === 'cases' || role === 'sources',
  });
  return { table: result.table, findings: [...decoded.findings, ...result.findings] };
}

/** A checklist's JSON text (an unreadable one is a finding and an empty text). */
function readChecklist(name: string, context: StageContext, findings: Finding[]) {
  const path = join(context.cohortDir, name);
  const file = context.display(path);
  try {
    return { file, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})`;
    findings.push({ file, line: 0, column: 0, severity: 'error', code: 'file.unreadable', message });
    return { file, text: '' };
  }
}

/** Reads the cohort's CSV files as text tables, keeping every row's line. */
export function extract(_input: null, context: StageContext): ExtractOutput {
  const { files } = context.config;
  const inputs: ExtractOutput['inputs'] = [];
  const findings: Finding[] = [];
  const load = (role: string, name: string | undefined, optional: boolean) => {
    if (name === undefined) return null;
    const path = join(context.cohortDir, name);
    const result = readTable(path, context.display(path), optional, inputs, role);
    for (const f of result.findings) findings.push(f); // no push(...): 10^5+ findings overflow the stack
    return result.table;
  };
  return {
    cases: load('cases', files.cases, false),
    sources: load('sources', files.sources, false),
    published: load('published', files.published, false),
    flow: load('flow', files.flow, true),
    accepted: load('accepted', files.accepted, false),
    appraisal: load('appraisal', files.appraisal, false),
    checklists: (context.config.appraisal?.tools ?? []).map((name) => readChecklist(name, context, findings)),
    inputs,
    findings,
  };
}
