import type { Finding, Severity } from '../types.ts';

/**
 * How many findings of one code are kept (listed in findings.csv and the page): the first 1,000 in
 * reading order, then one `findings.capped` finding with the count of the rest. A table with one
 * mistake repeated on every row of 10^6 (a column of dates, a shifted column) says the same thing
 * 10^6 times; the first thousand show the pattern, and the report and findings.csv stay readable.
 */
export const FINDINGS_PER_CODE = 1_000;

/** The code of the finding that counts those left out. */
export const CAPPED_CODE = 'findings.capped';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** `"4,498,500 more findings case.likely-duplicate …"`: the finding that stands for those left out. */
export function cappedFinding(
  file: string,
  code: string,
  count: number,
  severity: Severity,
  perCode = FINDINGS_PER_CODE,
): Finding {
  return {
    file,
    line: 0,
    column: 0,
    severity,
    code: CAPPED_CODE,
    message: `${count.toLocaleString('en-US')} more ${code} findings are not listed: only the first ${perCode.toLocaleString('en-US')} of a kind are (fix those and run again)`,
  };
}

/**
 * The findings with at most `perCode` of each code, in their order, and after them one `findings.capped`
 * finding per code that had more: as severe as the most severe left out (so a run with errors left
 * out still fails), accepted when every one left out was accepted.
 */
export function capFindings(findings: readonly Finding[], perCode = FINDINGS_PER_CODE): Finding[] {
  const kept = new Map<string, number>();
  const left = new Map<string, { file: string; count: number; severity: Severity; accepted: boolean }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = kept.get(f.code) ?? 0;
    if (n < perCode || f.code === CAPPED_CODE) {
      kept.set(f.code, n + 1);
      out.push(f);
      continue;
    }
    const more = left.get(f.code);
    if (!more) left.set(f.code, { file: f.file, count: 1, severity: f.severity, accepted: !!f.accepted });
    else {
      more.count++;
      if (RANK[f.severity] < RANK[more.severity]) more.severity = f.severity;
      if (!f.accepted) more.accepted = false;
    }
  }
  for (const [code, more] of left) {
    const finding = cappedFinding(more.file, code, more.count, more.severity, perCode);
    out.push(
      more.accepted ? { ...finding, accepted: 'every one of them is accepted in accepted.csv' } : finding,
    );
  }
  return out;
}
