import type { Finding } from '../types.ts';

/**
 * Findings in reading order: by file, then line, then column. The order of the page's list, of
 * findings.csv and of the terminal summary, so that all three read alike.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
