import { excerpt } from '../parse/excerpt.ts';
import type { FlowBox, FlowCounts, FlowStep } from '../cohortTables/flowCounts.ts';
import type { Finding } from '../types.ts';
import { DUPLICATE_RULES, type Deduplication } from './deduplicate.ts';
import type { StageOutcome, ScreeningStage } from './screeningLog.ts';
import type { IdentifiedRecord } from './searchRecord.ts';

/** What the computed flow says beside its boxes, for stats.json `records` and the report. */
export interface FlowTally {
  identified: Record<string, number>;
  duplicatesRemoved: number;
  duplicatesByRule: Record<string, number>;
  /** Groups (records after de-duplication) with no title/abstract outcome: not in the log, or a conflict. */
  unscreened: number;
  /** Groups that passed title/abstract with no full-text outcome yet. */
  awaitingFullText: number;
  includedStudies: number;
}

/**
 * The PRISMA 2020 boxes of the databases arm computed from the records, their duplicate links and the
 * screening outcomes, in the step vocabulary of a typed flow.csv (FlowCounts, so checkFlowArithmetic
 * and the flow diagram take it as they take a typed one; `line` 0: no file row).
 *
 * - identified: one box per database, its records (`label` the database; `options.databases` names
 *   every database searched, so one whose export held no record gets its box of 0);
 * - duplicates_removed: the records linked as duplicates (note: how many by each rule);
 * - screened: the records left, one per duplicate group;
 * - excluded_screening: groups whose title/abstract outcome is `exclude`;
 * - sought_retrieval: groups that passed (`include` or `maybe`);
 * - not_retrieved: full-text outcome `not_retrieved`;
 * - assessed: full-text outcome `include` or `exclude`;
 * - excluded_fulltext: one box per reason (as the settling row gives it; reasons that differ only in
 *   case or spacing are one), most frequent first;
 * - included_reports and included_studies: full-text `include` (one record is one report; telling
 *   reports of one study apart needs the case table's sources, which this does not read);
 * - included_patients: when `includedPatients` is given (the included rows of cases.csv).
 *
 * Each box follows from the boxes above by construction when every record has an outcome at each stage
 * it reached. A record in no title/abstract row, a conflict left unsettled, or a record that passed
 * title/abstract with no full-text outcome is counted in no box below the one it reached, and is a
 * warning at the record (or its last screening row), so a gap in the log is never a silent hole.
 */
export function computedFlow(
  records: readonly IdentifiedRecord[],
  dedup: Deduplication,
  outcomes: Record<ScreeningStage, ReadonlyMap<string, StageOutcome>>,
  options: { file?: string; includedPatients?: number; databases?: readonly string[] } = {},
): { flow: FlowCounts; tally: FlowTally; findings: Finding[] } {
  const findings: Finding[] = [];
  const boxes: FlowBox[] = [];
  const box = (step: FlowStep, count: number, label = '', note = '') =>
    boxes.push({ step, written: step, label, count, note, line: 0 });

  // Every database searched has its box, also one whose export held no record (0, not left out).
  const identified: Record<string, number> = {};
  for (const database of options.databases ?? []) identified[database] = 0;
  for (const r of records) identified[r.database] = (identified[r.database] ?? 0) + 1;
  for (const [database, count] of Object.entries(identified)) box('identified', count, database);

  const duplicatesByRule: Record<string, number> = {};
  for (const link of dedup.links) duplicatesByRule[link.rule] = (duplicatesByRule[link.rule] ?? 0) + 1;
  const byRule = DUPLICATE_RULES.filter((r) => duplicatesByRule[r])
    .map((r) => `${r} ${duplicatesByRule[r]}`)
    .join(', ');
  box('duplicates_removed', dedup.links.length, '', byRule === '' ? '' : `by ${byRule}`);

  const groups = records.filter((r) => dedup.groupOf.get(r.id) === r.id);
  box('screened', groups.length);

  let excluded = 0;
  let sought = 0;
  let notRetrieved = 0;
  let assessed = 0;
  let included = 0;
  let unscreened = 0;
  let awaiting = 0;
  const reasons = new Map<string, { label: string; count: number }>();
  for (const g of groups) {
    const ta = outcomes.title_abstract.get(g.id);
    if (!ta || ta.decision === null) {
      unscreened++;
      if (!ta)
        findings.push({
          file: g.file,
          line: g.line,
          column: 0,
          severity: 'warning',
          code: 'screening.not-screened',
          message: `record ${g.id} ("${excerpt(g.title)}") is in no title/abstract row of the screening log: the flow counts it as screened but in no box below`,
        });
      continue;
    }
    if (ta.decision === 'exclude') {
      excluded++;
      continue;
    }
    sought++;
    const ft = outcomes.full_text.get(g.id);
    if (!ft || ft.decision === null) {
      awaiting++;
      if (!ft) {
        const last = ta.decisions.at(-1)!;
        findings.push({
          file: last.file,
          line: last.line,
          column: 0,
          severity: 'warning',
          code: 'screening.awaiting-full-text',
          message: `${g.id} passed title/abstract screening (${ta.decision}) but has no full-text decision: the flow counts it as sought but in no box below`,
        });
      }
      continue;
    }
    if (ft.decision === 'not_retrieved') {
      notRetrieved++;
      continue;
    }
    assessed++;
    if (ft.decision === 'include') included++;
    else {
      const key = ft.reason.toLowerCase().replace(/\s+/g, ' ').trim();
      const entry = reasons.get(key);
      if (entry) entry.count++;
      else reasons.set(key, { label: ft.reason.replace(/\s+/g, ' ').trim(), count: 1 });
    }
  }
  box('excluded_screening', excluded);
  box('sought_retrieval', sought);
  box('not_retrieved', notRetrieved);
  box('assessed', assessed);
  const byReason = [...reasons.values()].sort(
    (a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en'),
  );
  if (byReason.length === 0) box('excluded_fulltext', 0);
  for (const { label, count } of byReason) box('excluded_fulltext', count, label);
  box('included_studies', included);
  box('included_reports', included);
  if (options.includedPatients !== undefined) box('included_patients', options.includedPatients);

  return {
    flow: { file: options.file ?? '', boxes, countColumn: 0, scope: { kind: 'review', line: 0 } },
    tally: {
      identified,
      duplicatesRemoved: dedup.links.length,
      duplicatesByRule,
      unscreened,
      awaitingFullText: awaiting,
      includedStudies: included,
    },
    findings,
  };
}
