import { join, relative } from 'node:path';
import type { RunResult } from '../run.ts';
import type { Finding } from '../types.ts';
import { sortFindings } from '../report/findingOrder.ts';
import { plural } from '../report/formatNumber.ts';

/** ANSI/VT escape sequences: CSI (`ESC [ … final`, also the 8-bit 0x9B), OSC (`ESC ] … BEL|ST`), others. */
/* eslint-disable no-control-regex -- matching control characters is the point */
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -~]?/g;
/** Line breaks and tabs, which would start a line that looks like another finding. */
const BREAKS = /[\t\n\r\u2028\u2029\u0085]/g;
/** Other controls, lone surrogates, and the bidirectional overrides that reorder what a terminal shows. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

/**
 * A line as it may go to a terminal or CI log: escape sequences (colours, cursor moves, window
 * titles, hyperlinks) removed, line breaks and tabs as spaces, any other control or reordering
 * character shown as U+FFFD, so text from a file can neither rewrite the screen nor forge a line.
 */
export function terminalSafe(line: string): string {
  return line.replace(ESCAPE_SEQUENCE, '').replace(BREAKS, ' ').replace(INVISIBLE, '\ufffd');
}

/** `file:line:column: severity: message`, the form editors and CI logs link to. */
export function formatFinding(f: Finding): string {
  const accepted = f.accepted === undefined ? '' : ` [accepted: ${f.accepted}]`;
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}${accepted}`;
}

/** How many findings a run prints before it only counts the rest: a screenful, not 4 MB of text. */
export const PRINTED_FINDINGS = 20;

const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

/** Errors, then warnings, then notes; each in reading order. What to fix first is on top. */
export function mostSevereFirst(findings: readonly Finding[]): Finding[] {
  return sortFindings(findings).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export interface SummaryOptions {
  /** Findings printed in full (default PRINTED_FINDINGS); Infinity prints every one. */
  limit?: number;
}

/**
 * What a run prints: its most severe findings (at most `limit`), a count of the rest and where to
 * read them, then one summary line; each line safe for a terminal.
 */
export function runSummary(result: RunResult, cwd = process.cwd(), options: SummaryOptions = {}): string[] {
  const limit = options.limit ?? PRINTED_FINDINGS;
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const accepted = result.findings.filter((f) => f.severity === 'warning' && f.accepted !== undefined).length;
  const open = count('warning') - accepted;
  const where = relative(cwd, join(result.outDir, 'index.html'));
  // Say what --strict did, so a failed strict run is not mistaken for one with errors in the data.
  const warnings = [
    accepted > 0 ? `${accepted} accepted` : '',
    result.strict && open > 0 ? `${open} promoted to errors by --strict` : '',
  ].filter(Boolean);
  const shown = mostSevereFirst(result.findings).slice(0, limit).map(formatFinding);
  const rest = result.findings.length - shown.length;
  // A failed run writes nothing, so its findings.csv does not exist: say how to see them all instead.
  const more =
    rest === 0
      ? []
      : [
          `… and ${plural(rest, 'more finding')}` +
            (result.exitCode === 0
              ? ` in ${relative(cwd, join(result.outDir, 'findings.csv'))}`
              : ' (the run wrote nothing; --all-findings prints every one)'),
        ];
  const lines = [
    ...shown,
    ...more,
    `${result.cohort}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}` +
      (warnings.length > 0 ? ` (${warnings.join(', ')})` : '') +
      `, ${plural(count('info'), 'note')}` +
      (result.exitCode === 0
        ? ` — report written to ${where}`
        : ' — nothing written; the previous report is unchanged'),
  ];
  return lines.map(terminalSafe);
}
