import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCohort } from '../../pipeline/run.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import { checkDataPackage } from '../helpers/checkTableSchema.ts';
import { tempOut } from '../helpers/cohortCopy.ts';

describe('a third, made-up cohort with its own variables runs with no code of its own', () => {
  it('writes its panels, statistics and data package', async () => {
    const result = await runCohort('test/fixtures/drug-reactions', tempOut(), { png: false });
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
    const stats = JSON.parse(readFileSync(join(result.outDir, 'stats.json'), 'utf8')) as Stats;
    const get = (id: string) => stats.statistics.find((s) => s.id === id)!;
    // Counted by hand from cases.csv: rash in DR-1, DR-2, DR-5 (exanthema); 5 of 6 have a reaction reported.
    expect([get('reaction_rash').numerator, get('reaction_rash').denominator]).toEqual([3, 6]);
    expect(get('reaction_rash.reported').denominator).toBe(5);
    // Onset ≤ 7 days: DR-1 (5 d), DR-4 (1 d), DR-5 (3 d); DR-2 is 14 d, DR-3 10 d, DR-6 not reported.
    expect([get('early_onset').numerator, get('early_onset.reported').denominator]).toEqual([3, 5]);
    expect(stats.continuous.onset_days!.max).toBe(14);
    // A cohort without survival in cohort.json has no survival section in stats.json.
    expect('survival' in stats).toBe(false);
    expect(stats.reconciliation).toEqual([]);
    for (const f of [
      'specs/panel-A.vl.json',
      'specs/panel-B.vl.json',
      'figures/panel-B.svg',
      'tidy/reaction.csv',
    ]) {
      expect(existsSync(join(result.outDir, f)), f).toBe(true);
    }
    expect(checkDataPackage(join(result.outDir, 'tidy'))).toEqual([]);
    // No published figures: recomputed bars only, no column of "not printed" blanks.
    const spec = JSON.parse(readFileSync(join(result.outDir, 'specs/panel-A.vl.json'), 'utf8')) as {
      data: { values: Array<{ version: string }> };
    };
    expect(new Set(spec.data.values.map((v) => v.version))).toEqual(new Set(['Recomputed']));
    const html = readFileSync(join(result.outDir, 'index.html'), 'utf8');
    expect(html).toContain('SYNTHETIC: cutaneous reactions');
    expect(html).not.toContain('id="survival"');
  });
});
