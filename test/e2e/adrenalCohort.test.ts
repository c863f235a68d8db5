import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCohort, type RunResult } from '../../pipeline/run.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import type { Table1Section } from '../../pipeline/analyses/table1.ts';
import { tempOut } from '../helpers/cohortCopy.ts';

type Row = Record<string, string>;
const read = (path: string) => parse(readFileSync(path), { columns: true, bom: true }) as Row[];

describe('the real adrenal cohort, end to end', () => {
  let result: RunResult;
  let stats: Stats;
  const cases = read('data/adrenal-lms/cases.csv');
  const sources = read('data/adrenal-lms/sources.csv');
  const cohort = JSON.parse(readFileSync('data/adrenal-lms/cohort.json', 'utf8')) as {
    panels: Array<{ id: string }>;
  };

  beforeAll(async () => {
    result = await runCohort('data/adrenal-lms', tempOut(), {});
    stats = JSON.parse(readFileSync(join(result.outDir, 'stats.json'), 'utf8')) as Stats;
  });

  it('writes the report, tidy tables, specs and 300-dpi figures', () => {
    expect(result.exitCode).toBe(0);
    for (const f of [
      'index.html',
      'stats.json',
      'tidy/cases.csv',
      'tidy/codebook.csv',
      'tidy/symptoms.csv',
      'tidy/sources.csv',
    ]) {
      expect(existsSync(join(result.outDir, f)), f).toBe(true);
    }
    for (const p of cohort.panels) {
      for (const f of [
        `specs/panel-${p.id}.vl.json`,
        `figures/panel-${p.id}.svg`,
        `figures/panel-${p.id}.png`,
      ]) {
        expect(existsSync(join(result.outDir, f)), f).toBe(true);
      }
    }
  });

  it('every patient row cites a source in sources.csv', () => {
    const ids = new Set(sources.map((s) => s.source_id));
    for (const c of cases) expect(ids.has(c.source_id!), c.case_id).toBe(true);
  });

  it('every excluded row keeps its reason, and is counted', () => {
    const excluded = cases.filter((c) => c.include === 'no');
    for (const c of excluded) expect(c.exclusion_reason!.length, c.case_id).toBeGreaterThan(10);
    expect(stats.n_excluded).toBe(excluded.length);
    expect(stats.n_included).toBe(cases.length - excluded.length);
  });

  it('keeps "not reported" apart from "no" in the tidy table', () => {
    const tidy = read(join(result.outDir, 'tidy/cases.csv'));
    for (const [i, c] of cases.entries()) {
      expect(tidy[i]!.case_id).toBe(c.case_id);
      expect(tidy[i]!.surgery === '').toBe(c.surgery === '');
      expect(tidy[i]!.venous_extension === '').toBe(c.venous_extension === '');
    }
  });

  it('has one quantile rule: named once in the page, recorded in stats.json, the same quartiles in every table', () => {
    const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
    expect(page.match(/quantile\(type = \d\)/g)).toEqual(['quantile(type = 7)']);
    expect(stats.quantile_type).toBe(7);
    const table1 = (stats.table1 as Table1Section).rows;
    for (const [variable, id] of [
      ['age', 'age_years'],
      ['size', 'size_cm'],
      ['followup', 'followup_months'],
    ] as const) {
      const row = table1.find((r) => r.variable === variable && r.kind === 'continuous')!;
      const overall = row.overall as { q1: number; q3: number; median: number };
      expect([overall.q1, overall.median, overall.q3], variable).toEqual([
        stats.continuous[id]!.q1,
        stats.continuous[id]!.median,
        stats.continuous[id]!.q3,
      ]);
    }
  });

  it('says in the methods how each derived variable is computed from the rule applied, not from a description beside it', () => {
    const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
    const methods = page.slice(page.indexOf('id="methods"'));
    expect(methods).toContain(
      'None of these: Venous extension is reported or Local invasion is reported or Metastasis is reported',
    );
    expect(methods).not.toContain('all reported as none');
  });

  it('follows the stats.json contract', () => {
    expect(stats.cohort).toBe('adrenal-lms');
    expect(stats.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const id of ['age_years', 'size_cm', 'followup_months']) {
      expect(Object.keys(stats.continuous[id]!)).toEqual(
        expect.arrayContaining(['n', 'min', 'max', 'mean', 'median', 'sd', 'q1', 'q3']),
      );
    }
    for (const s of stats.statistics) {
      expect(s.ci95.wilson[0]).toBeLessThanOrEqual(s.ci95.wilson[1]);
      if (s.denominator > 0) expect(s.percent).toBeCloseTo((100 * s.numerator) / s.denominator, 10);
    }
    const published = read('data/adrenal-lms/published.csv');
    expect(stats.reconciliation.map((r) => r.id)).toEqual(published.map((p) => p.id));
    expect(stats.survival?.overall.n).toBeGreaterThan(0);
  });

  it('the same input gives the same numbers (deterministic)', async () => {
    const again = await runCohort('data/adrenal-lms', tempOut(), { png: false });
    // Compared as written to stats.json (NaN is written as null there).
    const asJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    expect(asJson(again.stats!.statistics)).toEqual(stats.statistics);
    expect(asJson(again.stats!.survival)).toEqual(stats.survival);
  });
});
