import { columnKey, findColumn } from '../parse/columnKey.ts';
import { excerpt } from '../parse/excerpt.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { Finding, RawTable } from '../types.ts';
import { doiKey, pmidKey } from './recordKeys.ts';
import type { IdentifiedRecord } from './searchRecord.ts';

export type ScreeningStage = 'title_abstract' | 'full_text';
export const SCREENING_STAGES: readonly ScreeningStage[] = ['title_abstract', 'full_text'];

/** The decisions each stage allows; `maybe` passes title/abstract screening. */
export const STAGE_DECISIONS: Record<ScreeningStage, readonly string[]> = {
  title_abstract: ['include', 'exclude', 'maybe'],
  full_text: ['include', 'exclude', 'not_retrieved'],
};

/** The reviewer whose row settles a conflict. */
export const FINAL_REVIEWER = 'final';

/** One row of the screening log, its record resolved to its duplicate group. */
export interface ScreeningDecision {
  /** The group's record_id (the first record of the duplicate group: deduplicate's groupOf). */
  group: string;
  stage: ScreeningStage;
  /** As written; `final` in any case is FINAL_REVIEWER. */
  reviewer: string;
  decision: string;
  reason: string;
  file: string;
  line: number;
}

/** Where a log names records: a record_id, `pmid:N`, or a DOI (any record of a group names the group). */
function recordResolver(records: readonly IdentifiedRecord[], groupOf: ReadonlyMap<string, string>) {
  const byDoi = new Map<string, Set<string>>();
  const byPmid = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, group: string) => {
    if (key === '') return;
    const set = map.get(key);
    if (set) set.add(group);
    else map.set(key, new Set([group]));
  };
  for (const r of records) {
    const group = groupOf.get(r.id) ?? r.id;
    add(byDoi, doiKey(r.doi), group);
    add(byPmid, pmidKey(r.pmid), group);
  }
  /** The group a cell names, or why it names none. */
  return (cell: string): { group: string } | { problem: string } => {
    const group = groupOf.get(cell);
    if (group !== undefined) return { group };
    const pmid = /^pmid:\s*(\d+)$/i.exec(cell);
    const groups = pmid
      ? byPmid.get(pmidKey(pmid[1]!))
      : doiKey(cell) !== ''
        ? byDoi.get(doiKey(cell))
        : undefined;
    const what = pmid ? 'PMID' : doiKey(cell) !== '' ? 'DOI' : null;
    if (what === null)
      return {
        problem: `"${excerpt(cell)}" is not a record_id, "pmid:N" or a DOI of a record in the exports`,
      };
    if (!groups)
      return {
        problem: `no record in the exports has the ${what} of "${excerpt(cell)}": is this record in no export?`,
      };
    if (groups.size > 1)
      return {
        problem: `the ${what} of "${excerpt(cell)}" is held by ${groups.size} records kept apart (${[...groups].join(', ')}): name one by its record_id`,
      };
    return { group: [...groups][0]! };
  };
}

/**
 * screening.csv (`record,stage,reviewer,decision,reason`) → decisions on duplicate groups. Errors at
 * their cells: a record in no export, a stage or a decision outside the vocabulary, no reviewer, a
 * full-text exclusion without its reason, one reviewer deciding one record and stage twice in different
 * ways (the same decision twice is a warning). Rows with an error are not used.
 */
export function readScreeningLog(
  table: RawTable,
  records: readonly IdentifiedRecord[],
  groupOf: ReadonlyMap<string, string>,
): { decisions: ScreeningDecision[]; findings: Finding[] } {
  const missing = missingColumns(
    table,
    ['record', 'stage', 'reviewer', 'decision'],
    'expected record,stage,reviewer,decision,reason',
  );
  if (missing) return { decisions: [], findings: [missing] };
  const col = {
    record: findColumn(table.header, 'record'),
    stage: findColumn(table.header, 'stage'),
    reviewer: findColumn(table.header, 'reviewer'),
    decision: findColumn(table.header, 'decision'),
    reason: findColumn(table.header, 'reason'),
  };
  const findings: Finding[] = [];
  const decisions: ScreeningDecision[] = [];
  const resolve = recordResolver(records, groupOf);
  const seen = new Map<string, ScreeningDecision>();
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const cell = (c: number) => (c >= 0 ? (row[c] ?? '').trim() : '');
    const at = (c: number, severity: Finding['severity'], code: string, message: string) =>
      findings.push({ file: table.file, line, column: c + 1, severity, code, message });
    let ok = true;
    const resolved = cell(col.record) === '' ? { problem: 'record missing' } : resolve(cell(col.record));
    if ('problem' in resolved) {
      ok = false;
      at(col.record, 'error', 'screening.unknown-record', resolved.problem);
    }
    const stage = columnKey(cell(col.stage)) as ScreeningStage;
    if (!SCREENING_STAGES.includes(stage)) {
      ok = false;
      at(
        col.stage,
        'error',
        'screening.bad-stage',
        `stage "${excerpt(cell(col.stage))}" is not title_abstract or full_text`,
      );
    }
    const reviewerCell = cell(col.reviewer);
    const reviewer = reviewerCell.toLowerCase() === FINAL_REVIEWER ? FINAL_REVIEWER : reviewerCell;
    if (reviewer === '') {
      ok = false;
      at(
        col.reviewer,
        'error',
        'screening.no-reviewer',
        'reviewer missing (a name, or "final" for the decision that settles a conflict)',
      );
    }
    const decision = columnKey(cell(col.decision));
    const allowed = STAGE_DECISIONS[stage] ?? [];
    if (ok && !allowed.includes(decision)) {
      ok = false;
      at(
        col.decision,
        'error',
        'screening.bad-decision',
        `decision "${excerpt(cell(col.decision))}" is not one of ${allowed.join(', ')} (at ${stage})`,
      );
    }
    const reason = cell(col.reason);
    if (ok && stage === 'full_text' && decision === 'exclude' && reason === '') {
      ok = false;
      at(
        col.reason >= 0 ? col.reason : 0,
        'error',
        'screening.no-reason',
        'a full-text exclusion needs its reason (PRISMA 2020 item 16b)',
      );
    }
    if (!ok || 'problem' in resolved) return;
    const d: ScreeningDecision = {
      group: resolved.group,
      stage,
      reviewer,
      decision,
      reason,
      file: table.file,
      line,
    };
    const key = `${d.group}\u0000${stage}\u0000${reviewer}`;
    const before = seen.get(key);
    if (before) {
      const same = before.decision === decision;
      at(
        col.decision,
        same ? 'warning' : 'error',
        'screening.repeated',
        `${reviewer} decided ${d.group} at ${stage} already at line ${before.line} (${before.decision})${same ? '; the repeated row is not counted' : `, now ${decision}: keep one of the two rows`}`,
      );
      return;
    }
    seen.set(key, d);
    decisions.push(d);
  });
  return { decisions, findings };
}

/** A stage's result for one group: the settled decision, or null for a conflict no `final` row settles. */
export interface StageOutcome {
  decision: string | null;
  /** The reason of the row that settled it (the `final` row, or the first of the agreeing reviewers). */
  reason: string;
  /** Every reviewer's decision, for messages and the report. */
  decisions: ScreeningDecision[];
}

/**
 * Each group's outcome per stage: the `final` row's decision when there is one, else the reviewers'
 * common decision (at title/abstract, reviewers who all pass a record, some with include and some with
 * maybe, agree that it passes: `maybe`); reviewers who disagree otherwise with no `final` row are a conflict, a warning that shows
 * each decision (so `--strict` refuses it). A group at full text that did not pass title/abstract
 * (no decision there, or `exclude`) is an error at its full-text row.
 */
export function screeningOutcomes(decisions: readonly ScreeningDecision[]): {
  outcomes: Record<ScreeningStage, Map<string, StageOutcome>>;
  conflicts: StageOutcome[];
  findings: Finding[];
} {
  const findings: Finding[] = [];
  const conflicts: StageOutcome[] = [];
  const outcomes = { title_abstract: new Map(), full_text: new Map() } as Record<
    ScreeningStage,
    Map<string, StageOutcome>
  >;
  const grouped = { title_abstract: new Map(), full_text: new Map() } as Record<
    ScreeningStage,
    Map<string, ScreeningDecision[]>
  >;
  for (const d of decisions) {
    const list = grouped[d.stage].get(d.group);
    if (list) list.push(d);
    else grouped[d.stage].set(d.group, [d]);
  }
  for (const stage of SCREENING_STAGES) {
    for (const [group, rows] of grouped[stage]) {
      const final = rows.find((d) => d.reviewer === FINAL_REVIEWER);
      const reviewers = rows.filter((d) => d.reviewer !== FINAL_REVIEWER);
      let outcome: StageOutcome;
      if (final) outcome = { decision: final.decision, reason: final.reason, decisions: rows };
      else if (stage === 'title_abstract' && reviewers.every((d) => d.decision !== 'exclude'))
        // include and maybe both pass to full text: a disagreement between them changes no count, so it
        // needs no final row (kappa still counts it as a disagreement).
        outcome = {
          decision: reviewers.every((d) => d.decision === 'include') ? 'include' : 'maybe',
          reason: '',
          decisions: rows,
        };
      else if (reviewers.every((d) => d.decision === reviewers[0]!.decision))
        outcome = {
          decision: reviewers[0]!.decision,
          reason: reviewers.find((d) => d.reason !== '')?.reason ?? '',
          decisions: rows,
        };
      else {
        outcome = { decision: null, reason: '', decisions: rows };
        conflicts.push(outcome);
        const last = rows.at(-1)!;
        findings.push({
          file: last.file,
          line: last.line,
          column: 0,
          severity: 'warning',
          code: 'screening.conflict',
          message: `reviewers disagree on ${group} at ${stage} (${rows.map((d) => `${d.reviewer}: ${d.decision} at line ${d.line}`).join(', ')}) and no "final" row settles it`,
        });
      }
      outcomes[stage].set(group, outcome);
    }
  }
  for (const [group, rows] of grouped.full_text) {
    const before = outcomes.title_abstract.get(group);
    if (before && before.decision === null) continue; // the conflict above says it already
    if (before?.decision === 'include' || before?.decision === 'maybe') continue;
    const first = rows[0]!;
    findings.push({
      file: first.file,
      line: first.line,
      column: 0,
      severity: 'error',
      code: 'screening.full-text-not-passed',
      message: before
        ? `${group} is at full text but was excluded at title/abstract (line ${before.decisions[0]!.line})`
        : `${group} is at full text but has no title/abstract decision: a record reaches full text by passing title/abstract screening (include or maybe)`,
    });
  }
  return { outcomes, conflicts, findings };
}
