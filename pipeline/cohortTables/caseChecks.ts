import { closestMatch } from '../parse/closestMatch.ts';
import { rowCondition } from '../conditions/rowCondition.ts';
import { DESCRIBED_PAIRS, DUPLICATE_CHECK_LIMIT, likelyDuplicates } from '../checks/likelyDuplicates.ts';
import { cappedFinding } from '../checks/capFindings.ts';
import type { CaseTable, Finding, Source } from '../types.ts';
import type { StageContext } from '../stages/context.ts';
import { excerpt } from '../parse/excerpt.ts';
import { possiblyRepeatedKeys } from '../parse/repeatedKeys.ts';

/** Is every character of the text printable ASCII (space to ~)? */
function isPrintableAscii(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/**
 * Ids that differ only in case or surrounding spaces name the same row (`alms-040 ` = `ALMS-040`).
 * Printable ASCII is its own NFKC form, so such an id (nearly every one) skips the normalisation.
 */
export const idKey = (id: string) => (isPrintableAscii(id) ? id : id.normalize('NFKC')).trim().toLowerCase();

export function checkCases(cases: CaseTable, sources: Source[], context: StageContext): Finding[] {
  const { config } = context;
  const findings: Finding[] = [];
  const col = (name: string | undefined) => (name === undefined ? 0 : (cases.columnNumbers[name] ?? 0));
  const at = (i: number, column: number, severity: Finding['severity'], code: string, message: string) =>
    findings.push({ file: cases.file, line: cases.lines[i]!, column, severity, code, message });
  const sourceIds = new Set(sources.map((s) => s.id));
  const nearSource = new Map<string, string | null>();
  // Only ids that may be repeated are kept in a Map: one of every id was ~1 s at 10^6 rows.
  const mayRepeat = possiblyRepeatedKeys(cases.n, (i) =>
    cases.caseIds[i] === '' ? null : idKey(cases.caseIds[i]!),
  );
  const firstLine = new Map<string, number>();
  const { roles } = config;
  const checks = config.checks.map((check) => ({ check, holds: rowCondition(check.when, cases.columns) }));
  for (let i = 0; i < cases.n; i++) {
    const id = cases.caseIds[i]!;
    if (id === '')
      at(
        i,
        col(roles.caseId),
        'error',
        'case.missing-id',
        `${roles.caseId} is empty: every row needs a unique id`,
      );
    else if (mayRepeat[i] === 1) {
      const key = idKey(id);
      const first = firstLine.get(key);
      if (first !== undefined)
        at(
          i,
          col(roles.caseId),
          'error',
          'case.duplicate-id',
          `${roles.caseId} "${excerpt(id)}" is used again (first at line ${first})`,
        );
      else firstLine.set(key, cases.lines[i]!);
    }
    const source = cases.sourceIds[i]!;
    if (source === '') {
      at(
        i,
        col(roles.sourceId),
        'error',
        'case.missing-source',
        `${roles.sourceId} is empty: every patient row must cite a publication`,
      );
    } else if (!sourceIds.has(source) && sourceIds.size > 0) {
      // With no source read at all, the sources file's own finding says why; one per row would bury it.
      // Remembered: a mistyped id tends to repeat on many rows, and each search scans every source.
      if (!nearSource.has(source)) nearSource.set(source, closestMatch(source, sourceIds));
      const near = nearSource.get(source);
      const hint = near ? `; did you mean "${excerpt(near)}"?` : '';
      at(
        i,
        col(roles.sourceId),
        'error',
        'case.unknown-source',
        `${roles.sourceId} "${excerpt(source)}" is not in ${config.files.sources}${hint}`,
      );
    }
    if (!cases.included[i] && !cases.exclusionReasons[i]) {
      at(
        i,
        col(roles.include),
        'error',
        'case.exclusion-without-reason',
        `row is excluded (${roles.include} = no) but ${roles.exclusionReason ?? 'no reason column'} gives no reason`,
      );
    }
    // A row kept out of the analysis (include = no) is checked too, but what a check finds there cannot
    // move a number: a note, not a warning or an error (no accepted.csv line needed for it).
    for (const { check, holds } of checks) {
      if (holds(i) !== true) continue;
      if (cases.included[i]) at(i, col(check.column), check.severity, `check.${check.id}`, check.message);
      else
        at(
          i,
          col(check.column),
          'info',
          `check.${check.id}`,
          `${check.message} (an excluded row: a note only)`,
        );
    }
  }
  checkDuplicateOf(cases, at, col(roles.duplicateOf), roles.duplicateOf);
  if (config.duplicates) {
    const found = likelyDuplicates(cases, sources, config.duplicates);
    for (const pair of found.pairs) {
      const [a, b] = [cases.caseIds[pair.first]!, cases.caseIds[pair.second]!];
      at(
        pair.second,
        col(roles.caseId),
        'warning',
        'case.likely-duplicate',
        `${excerpt(b)} may be the same patient as ${excerpt(a)} (line ${cases.lines[pair.first]}), published twice: ${pair.agreements.join(', ')}. ` +
          (roles.duplicateOf
            ? `If so, set ${roles.duplicateOf} = ${excerpt(a)}; if not, accept this warning with the reason in accepted.csv`
            : 'If so, exclude one of them; if not, accept this warning with the reason in accepted.csv'),
      );
    }
    if (found.more > 0)
      findings.push(
        cappedFinding(cases.file, 'case.likely-duplicate', found.more, 'warning', DESCRIBED_PAIRS),
      );
    if (found.skipped)
      findings.push({
        file: cases.file,
        line: 0,
        column: 0,
        severity: 'info',
        code: 'case.duplicate-check-skipped',
        message: `likely-duplicate check skipped: more than ${DUPLICATE_CHECK_LIMIT} included rows`,
      });
  }
  if (cases.n > 0 && !cases.included.some(Boolean)) {
    const message = `every row is excluded (${roles.include} = no): the report will have no patients to summarise`;
    findings.push({
      file: cases.file,
      line: 0,
      column: 0,
      severity: 'warning',
      code: 'case.none-included',
      message,
    });
  }
  return findings;
}

/** Each id's key (idKey) → the first row with it (rows with no id left out). */
function firstRowOfEachId(cases: CaseTable): Map<string, number> {
  const rows = new Map<string, number>();
  for (let i = 0; i < cases.n; i++) {
    const id = cases.caseIds[i]!;
    if (id === '') continue;
    const key = idKey(id);
    if (!rows.has(key)) rows.set(key, i);
  }
  return rows;
}

/** Every duplicate_of names another row that is not itself marked as a duplicate. */
function checkDuplicateOf(
  cases: CaseTable,
  at: (i: number, column: number, severity: Finding['severity'], code: string, message: string) => void,
  column: number,
  name: string | undefined,
): void {
  // The first row of each id, made only when a row names a duplicate (none do in most tables).
  let rowOfId: Map<string, number> | undefined;
  for (let i = 0; i < cases.n; i++) {
    const target = cases.duplicateOf[i];
    if (!target) continue;
    rowOfId ??= firstRowOfEachId(cases);
    const j = rowOfId.get(idKey(target));
    if (j === undefined)
      at(
        i,
        column,
        'error',
        'case.duplicate-of-unknown',
        `${name} "${excerpt(target)}" is not a case id in this table`,
      );
    else if (j === i)
      at(i, column, 'error', 'case.duplicate-of-itself', `${name} "${excerpt(target)}" names the row itself`);
    else if (cases.duplicateOf[j])
      at(
        i,
        column,
        'error',
        'case.duplicate-of-duplicate',
        `${name} "${excerpt(target)}" is itself marked as a duplicate (of "${excerpt(cases.duplicateOf[j]!)}"): name the row that stays in the analysis`,
      );
  }
}
