import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkIndexReplaceable,
  indexEntry,
  writeIndex,
  writeIndexOrSay,
} from '../../pipeline/cli/cohortList.ts';
import { EnvironmentError } from '../../pipeline/io/environmentError.ts';
import { isCohortIndexPage, type CohortEntry } from '../../pipeline/report/cohortIndexPage.ts';
import type { RunResult } from '../../pipeline/run.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';

const reportsDir = () => mkdtempSync(join(tmpdir(), 'casepool-reports-'));

/** A run of cohort `id` into `<reports>/<id>`: written (with stats) or failed (none). */
const result = (reports: string, id: string, stats: Partial<Stats> | null): RunResult => ({
  cohort: id,
  outDir: join(reports, id),
  exitCode: stats ? 0 : 1,
  findings: [],
  timings: [],
  stats: stats as Stats | null,
  strict: false,
});

describe('indexEntry', () => {
  it("lists a written report with this run's title and size, up to date", () => {
    const reports = reportsDir();
    const entry = indexEntry(result(reports, 'adrenal', { title: 'Adrenal LMS', n_included: 49 }), reports);
    expect(entry).toMatchObject({
      id: 'adrenal',
      title: 'Adrenal LMS',
      n_included: 49,
      href: 'adrenal/index.html',
    });
    expect(entry.status).toBe('up to date');
  });

  it('after a failed run, lists the previous report from its stats.json, with its time', () => {
    const reports = reportsDir();
    mkdirSync(join(reports, 'spinal'));
    const stats = join(reports, 'spinal', 'stats.json');
    writeFileSync(stats, JSON.stringify({ title: 'Spinal LMS', n_included: 12 }));
    expect(indexEntry(result(reports, 'spinal', null), reports)).toEqual({
      id: 'spinal',
      title: 'Spinal LMS',
      n_included: 12,
      generatedAt: statSync(stats).mtime.toISOString(),
      href: 'spinal/index.html',
      status: 'last run failed: showing the previous report',
    });
  });

  it('after a failed run, says when the previous stats.json cannot be read, and when there is no report', () => {
    const reports = reportsDir();
    mkdirSync(join(reports, 'broken'));
    writeFileSync(join(reports, 'broken', 'stats.json'), '{"title": 3');
    expect(indexEntry(result(reports, 'broken', null), reports)).toMatchObject({
      title: 'broken',
      n_included: null,
      href: 'broken/index.html',
      status: 'last run failed, and the previous report could not be read',
    });
    expect(indexEntry(result(reports, 'new', null), reports)).toMatchObject({
      title: 'new',
      n_included: null,
      href: null,
      status: 'last run failed: no report yet',
    });
  });
});

describe('reports/index.html', () => {
  const entry: CohortEntry = {
    id: 'a',
    title: 'A',
    n_included: 1,
    generatedAt: '2026-01-01T00:00:00.000Z',
    href: 'a/index.html',
    status: 'up to date',
  };

  it('is written as a page casepool knows as its own, and replaced again', () => {
    const reports = reportsDir();
    writeIndex(reports, [entry]);
    const page = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(isCohortIndexPage(page)).toBe(true);
    expect(page).toContain('a/index.html');
    writeIndex(reports, [entry, { ...entry, id: 'b', title: 'B', href: 'b/index.html' }]);
    expect(readFileSync(join(reports, 'index.html'), 'utf8')).toContain('b/index.html');
  });

  it('is never written over a file casepool did not write, nor over a folder', () => {
    const reports = reportsDir();
    expect(() => checkIndexReplaceable(join(reports, 'index.html'))).not.toThrow();
    writeFileSync(join(reports, 'index.html'), '<p>mine</p>');
    expect(() => writeIndex(reports, [entry])).toThrow(EnvironmentError);
    expect(readFileSync(join(reports, 'index.html'), 'utf8')).toBe('<p>mine</p>');
    const other = reportsDir();
    mkdirSync(join(other, 'index.html'));
    expect(() => checkIndexReplaceable(join(other, 'index.html'))).toThrow(/it is not a file/);
  });

  it('while watching, a list that cannot be written is said, not thrown', () => {
    const reports = reportsDir();
    writeFileSync(join(reports, 'index.html'), '<p>mine</p>');
    const said: string[] = [];
    writeIndexOrSay(reports, [entry], (line) => said.push(line));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^casepool: refusing to replace .*casepool did not write it.*; the list of cohorts was not updated$/,
    );
  });
});
