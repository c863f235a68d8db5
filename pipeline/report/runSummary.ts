import { join, relative } from 'node:path';
import type { RunResult } from '../run.ts';
import type { Finding } from '../types.ts';
import { plural } from './formatNumber.ts';

/** `file:line:column: severity: message`, the form editors and CI logs link to. */
export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}`;
}

/** In reading order: by file, then line, then column. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** What a run prints: every finding, then one summary line. */
export function runSummary(result: RunResult, cwd = process.cwd()): string[] {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const where = relative(cwd, join(result.outDir, 'index.html'));
  return [
    ...sortFindings(result.findings).map(formatFinding),
    `${result.cohort}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}` +
      (result.exitCode === 0
        ? ` — report written to ${where}`
        : ' — nothing written; the previous report is unchanged'),
  ];
}
