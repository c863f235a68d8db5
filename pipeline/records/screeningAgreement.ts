import { cohenKappa } from '../stats/cohenKappa.ts';
import {
  FINAL_REVIEWER,
  SCREENING_STAGES,
  type ScreeningDecision,
  type ScreeningStage,
} from './screeningLog.ts';

/** Agreement of two reviewers at one stage over the records both decided. */
export interface ReviewerAgreement {
  stage: ScreeningStage;
  /** The two reviewers, in alphabetical order. */
  reviewers: [string, string];
  /** Records both decided at this stage. */
  n: number;
  /** Observed proportion of agreement. */
  agreement: number;
  /** Cohen's kappa, each recorded decision a category (`maybe` its own); null when undefined. */
  kappa: number | null;
  /** psych::cohen.kappa's asymptotic 95 % interval (cohenKappa). */
  kappaCi: [number, number] | null;
}

/**
 * Inter-rater agreement per stage and per pair of reviewers (the `final` rows are a settlement, not a
 * rating, and are left out). With two reviewers that is one row per stage; with more, one per pair
 * that decided at least one record in common, so no one kappa hides a reviewer who disagrees.
 */
export function screeningAgreement(decisions: readonly ScreeningDecision[]): ReviewerAgreement[] {
  const result: ReviewerAgreement[] = [];
  for (const stage of SCREENING_STAGES) {
    const byReviewer = new Map<string, Map<string, string>>();
    for (const d of decisions) {
      if (d.stage !== stage || d.reviewer === FINAL_REVIEWER) continue;
      const own = byReviewer.get(d.reviewer) ?? new Map<string, string>();
      own.set(d.group, d.decision);
      byReviewer.set(d.reviewer, own);
    }
    const reviewers = [...byReviewer.keys()].sort();
    for (let i = 0; i < reviewers.length; i++) {
      for (let j = i + 1; j < reviewers.length; j++) {
        const a = byReviewer.get(reviewers[i]!)!;
        const b = byReviewer.get(reviewers[j]!)!;
        const first: string[] = [];
        const second: string[] = [];
        for (const [group, decision] of a) {
          const other = b.get(group);
          if (other === undefined) continue;
          first.push(decision);
          second.push(other);
        }
        if (first.length === 0) continue;
        const k = cohenKappa(first, second);
        result.push({
          stage,
          reviewers: [reviewers[i]!, reviewers[j]!],
          n: k.n,
          agreement: k.agreement,
          kappa: k.kappa,
          kappaCi: k.ci,
        });
      }
    }
  }
  return result;
}
