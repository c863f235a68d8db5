import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeSyntheticCohort } from '../../bench/synth.ts';
import { runCohort } from '../../pipeline/run.ts';
import { tempOut } from '../helpers/cohortCopy.ts';

const table = (path: string) =>
  parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;

describe('bench/synth.ts: a synthetic cohort shaped like a real pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casepool-synth-'));
  writeSyntheticCohort({ n: 2000, seed: 5, out: join(dir, 'a') });
  const cases = table(join(dir, 'a', 'cases.csv'));
  const sources = table(join(dir, 'a', 'sources.csv'));
  const appraisal = table(join(dir, 'a', 'appraisal.csv'));

  it('has about one source per 7 patients, adjacent rows, over 30 and more publication years', () => {
    expect(sources.length).toBeGreaterThan(2000 / 9);
    expect(sources.length).toBeLessThan(2000 / 5);
    const years = new Set(sources.map((s) => s.year).filter((y) => y !== ''));
    expect(years.size).toBeGreaterThanOrEqual(30);
    // Each source's patients follow each other.
    const runs = cases.map((c) => c.source_id).filter((s, i, all) => i === 0 || s !== all[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('cites only sources it lists, and appraises each of them', () => {
    const listed = new Set(sources.map((s) => s.source_id));
    expect(cases.every((c) => listed.has(c.source_id!))).toBe(true);
    expect(appraisal.map((a) => a.source_id)).toEqual(sources.map((s) => s.source_id));
  });

  it('keeps the first rows and their sources whatever n is', () => {
    writeSyntheticCohort({ n: 300, seed: 5, out: join(dir, 'b') });
    expect(table(join(dir, 'b', 'cases.csv'))).toEqual(cases.slice(0, 300));
  });

  it('runs green with the shipped cohort.json: no error, no warning', async () => {
    const result = await runCohort(join(dir, 'a'), tempOut(), { png: false });
    expect(result.exitCode).toBe(0);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.stats?.n_included).toBeGreaterThan(1500);
  }, 120_000);
});
