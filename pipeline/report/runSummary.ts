import { join, relative } from 'node:path';
import type { RunResult } from '../run.ts';
import type { Finding } from '../types.ts';
import { plural } from './formatNumber.ts';

/** `file:line:column: severity: message`, the form editors and CI logs link to. */
export function formatFinding(f: Finding): string {
  const accepted = f.accepted === undefined ? '' : ` [accepted: ${f.accepted}]`;
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}${accepted}`;
}

/** In reading order: by file, then line, then column. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** What a run prints: every finding, then one summary line. */
export function runSummary(result: RunResult, cwd = process.cwd()): string[] {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const accepted = result.findings.filter((f) => f.severity === 'warning' && f.accepted !== undefined).length;
  const open = count('warning') - accepted;
  const where = relative(cwd, join(result.outDir, 'index.html'));
  // Say what --strict did, so a failed strict run is not mistaken for one with errors in the data.
  const warnings = [
    accepted > 0 ? `${accepted} accepted` : '',
    result.strict && open > 0 ? `${open} promoted to errors by --strict` : '',
  ].filter(Boolean);
  return [
    ...sortFindings(result.findings).map(formatFinding),
    `${result.cohort}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}` +
      (warnings.length > 0 ? ` (${warnings.join(', ')})` : '') +
      `, ${plural(count('info'), 'note')}` +
      (result.exitCode === 0
        ? ` — report written to ${where}`
        : ' — nothing written; the previous report is unchanged'),
  ];
}
