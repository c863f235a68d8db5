import { describe, expect, it } from 'vitest';
import type { FlowTally } from '../../pipeline/records/computedFlow.ts';
import type { Deduplication } from '../../pipeline/records/deduplicate.ts';
import { recordsStats } from '../../pipeline/records/recordsStats.ts';
import type { ReviewerAgreement } from '../../pipeline/records/screeningAgreement.ts';
import type { StageOutcome } from '../../pipeline/records/screeningLog.ts';

const tally: FlowTally = {
  identified: { PubMed: 3, Embase: 2 },
  duplicatesRemoved: 1,
  duplicatesByRule: { doi: 1 },
  unscreened: 0,
  awaitingFullText: 0,
  includedStudies: 2,
};
const dedup: Deduplication = {
  links: [{ record: 'embase-1', duplicateOf: 'pubmed-1', rule: 'doi' }],
  groupOf: new Map(),
  possible: [{ record: 'embase-2', other: 'pubmed-3', reason: 'same title, a year missing' }],
  findings: [],
};
const pair = (stage: ReviewerAgreement['stage'], a: string, b: string): ReviewerAgreement => ({
  stage,
  reviewers: [a, b],
  n: 4,
  agreement: 0.75,
  kappa: 0.5,
  kappaCi: [0.1, 0.9],
});

describe('recordsStats', () => {
  it('gives the keys of issue #24 item 6, one object per two-reviewer stage, pairs where a stage had more', () => {
    const conflict: StageOutcome = { decision: null, reason: '', decisions: [] };
    const stats = recordsStats(
      tally,
      dedup,
      [pair('title_abstract', 'A', 'B'), pair('full_text', 'A', 'B'), pair('full_text', 'A', 'C')],
      [conflict],
    );
    expect(stats).toEqual({
      identified: { PubMed: 3, Embase: 2 },
      duplicates_removed: 1,
      duplicates_by_rule: { doi: 1 },
      possible_duplicates: 1,
      agreement: {
        title_abstract: { reviewers: ['A', 'B'], n: 4, agreement: 0.75, kappa: 0.5, kappa_ci: [0.1, 0.9] },
        full_text: {
          pairs: [
            { reviewers: ['A', 'B'], n: 4, agreement: 0.75, kappa: 0.5, kappa_ci: [0.1, 0.9] },
            { reviewers: ['A', 'C'], n: 4, agreement: 0.75, kappa: 0.5, kappa_ci: [0.1, 0.9] },
          ],
        },
      },
      conflicts_unresolved: 1,
      included_studies: 2,
    });
  });
});
