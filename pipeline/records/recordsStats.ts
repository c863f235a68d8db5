import type { FlowTally } from './computedFlow.ts';
import type { Deduplication } from './deduplicate.ts';
import type { ReviewerAgreement } from './screeningAgreement.ts';
import { SCREENING_STAGES, type ScreeningStage, type StageOutcome } from './screeningLog.ts';

/** One stage's agreement as stats.json gives it. */
export interface AgreementStats {
  reviewers: [string, string];
  n: number;
  agreement: number;
  kappa: number | null;
  kappa_ci: [number, number] | null;
}

/** stats.json `records` (issue #24 item 6). */
export interface RecordsStats {
  identified: Record<string, number>;
  duplicates_removed: number;
  duplicates_by_rule: Record<string, number>;
  possible_duplicates: number;
  /**
   * Per stage, the agreement of its two reviewers; with more than two reviewers at a stage, `pairs`
   * holds one entry per pair and the stage's own fields are absent (no pooled kappa is made up).
   */
  agreement: Partial<Record<ScreeningStage, AgreementStats | { pairs: AgreementStats[] }>>;
  conflicts_unresolved: number;
  included_studies: number;
}

/** The `records` block of stats.json from what the records modules computed; keys as issue #24 names them. */
export function recordsStats(
  tally: FlowTally,
  dedup: Deduplication,
  agreement: readonly ReviewerAgreement[],
  conflicts: readonly StageOutcome[],
): RecordsStats {
  const byStage: RecordsStats['agreement'] = {};
  for (const stage of SCREENING_STAGES) {
    const pairs = agreement
      .filter((a) => a.stage === stage)
      .map((a) => ({
        reviewers: a.reviewers,
        n: a.n,
        agreement: a.agreement,
        kappa: a.kappa,
        kappa_ci: a.kappaCi,
      }));
    if (pairs.length === 1) byStage[stage] = pairs[0]!;
    else if (pairs.length > 1) byStage[stage] = { pairs };
  }
  return {
    identified: tally.identified,
    duplicates_removed: tally.duplicatesRemoved,
    duplicates_by_rule: tally.duplicatesByRule,
    possible_duplicates: dedup.possible.length,
    agreement: byStage,
    conflicts_unresolved: conflicts.length,
    included_studies: tally.includedStudies,
  };
}
