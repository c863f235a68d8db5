import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main as pipeline } from '../../pipeline/cli/cli.ts';
import { cohortIdFrom, main as newCohort } from '../../pipeline/cli/newCohort.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import type { CohortConfig } from '../../pipeline/types.ts';

const quiet = () => {};
const scratch = () => mkdtempSync(join(tmpdir(), 'casepool-new-'));

/** Runs the pipeline CLI on a cohort folder; its exit code, printed lines and stats.json. */
async function runPipeline(dir: string, ...options: string[]) {
  const out = join(scratch(), 'report');
  const lines: string[] = [];
  const code = await pipeline(['--cohort', dir, '--out', out, '--no-png', ...options], (s) => lines.push(s));
  const stats = code === 0 ? (JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as Stats) : null;
  return { code, lines, stats };
}

/**
 * The JSON snippets of README.md's "Starting a new cohort" section, each parsed as it stands, as a
 * list (`a, b`) or as the members of an object (`"key": {...}`).
 */
function readmeSnippets(): unknown[] {
  const readme = readFileSync('README.md', 'utf8');
  // The section runs to the next heading, wherever the README places it.
  const start = readme.indexOf('### Starting a new cohort');
  if (start < 0) throw new Error('README.md has no "### Starting a new cohort" section');
  const end = readme.slice(start + 1).search(/\n#{1,3} /);
  const section = readme.slice(start, end < 0 ? undefined : start + 1 + end);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map(([, text]) => {
    for (const wrapped of [text!, `[${text}]`, `{${text}}`]) {
      try {
        return JSON.parse(wrapped) as unknown;
      } catch {
        // not this shape; try the next
      }
    }
    throw new Error(`README snippet is not JSON: ${text}`);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('new-cohort', () => {
  it('writes the template into a new folder, which runs green at once', async () => {
    const dir = join(scratch(), 'Ewing Sarcoma');
    const printed: string[] = [];
    expect(newCohort([dir], (s) => printed.push(s))).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'cases.csv', 'cohort.json', 'sources.csv']);
    expect(printed[0]).toBe(
      `wrote ${dir} (cohort id "ewing-sarcoma"): README.md, cases.csv, cohort.json, sources.csv`,
    );
    const config = JSON.parse(readFileSync(join(dir, 'cohort.json'), 'utf8')) as CohortConfig;
    expect(config.id).toBe('ewing-sarcoma');

    const run = await runPipeline(dir);
    expect(run.code).toBe(0);
    // The example row is excluded: a warning while no row is included, and a note naming it (a check on
    // an excluded row is a note) until it is removed.
    expect(run.stats!.n_rows).toBe(1);
    expect(run.stats!.n_included).toBe(0);
    const cases = relative(process.cwd(), join(dir, 'cases.csv'));
    expect(run.lines.filter((l) => /: (warning|error): /.test(l))).toEqual([
      `${cases}:0:0: warning: every row is excluded (include = no): the report will have no patients to summarise`,
    ]);
    expect(run.lines).toContain(
      `${cases}:2:1: info: this is the template's example row, not a patient: replace it (and the example source) with your first patient and publication (an excluded row: a note only)`,
    );
  });

  it('writes into an empty existing folder', () => {
    const dir = scratch();
    expect(newCohort([dir], quiet)).toBe(0);
    expect(readdirSync(dir)).toContain('cohort.json');
  });

  it('refuses a folder that is not empty, or no folder, with one line and exit 2', () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => errors.push(s));
    const dir = scratch();
    writeFileSync(join(dir, 'cases.csv'), 'kept\n');
    expect(newCohort([dir], quiet)).toBe(2);
    expect(readFileSync(join(dir, 'cases.csv'), 'utf8')).toBe('kept\n');
    expect(readdirSync(dir)).toEqual(['cases.csv']);
    expect(newCohort([], quiet)).toBe(2);
    expect(newCohort([join(dir, 'cases.csv')], quiet)).toBe(2);
    expect(errors).toEqual([
      `casepool: ${dir} exists and is not empty; choose a new folder`,
      'casepool: new-cohort takes one argument, the folder to write (npm run new-cohort -- <dir>)',
      `casepool: ${join(dir, 'cases.csv')} exists and is a file; choose a new folder`,
    ]);
  });

  it('an empty argument or a path under a file: exit 2 with one line, no stack trace, nothing written (as run by npm)', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'notes.txt'), 'kept\n');
    const runScript = (arg: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli/newCohort.ts', arg], {
        encoding: 'utf8',
      });
    const empty = runScript('');
    expect([empty.status, empty.stderr.trim()]).toEqual([
      2,
      'casepool: new-cohort was given an empty folder name: npm run new-cohort -- data/<new cohort>',
    ]);
    expect(runScript('  ').status).toBe(2);
    const under = runScript(join(dir, 'notes.txt', 'my-cohort'));
    expect([under.status, under.stderr.trim()]).toEqual([
      2,
      `casepool: cannot write ${join(dir, 'notes.txt', 'my-cohort')}: ${join(dir, 'notes.txt')} is a file, not a folder; choose a new folder`,
    ]);
    const deeper = runScript(join(dir, 'notes.txt', 'a', 'b'));
    expect(deeper.status).toBe(2);
    expect(deeper.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('kept\n');
  }, 60_000);

  it('makes the cohort id from the folder name', () => {
    expect(cohortIdFrom('Ewing Sarcoma')).toBe('ewing-sarcoma');
    expect(cohortIdFrom('Phéochromocytome_2026')).toBe('pheochromocytome-2026');
    expect(cohortIdFrom('---')).toBe('my-cohort');
  });

  it('runs green after the steps of the README (synonym, statistic, panel, survival grouping)', async () => {
    const dir = join(scratch(), 'walkthrough');
    newCohort([dir], quiet);
    const path = join(dir, 'cohort.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as CohortConfig;
    // The steps of README.md "Starting a new cohort", in order, from its JSON snippets, so the test
    // fails when the README's walk-through stops working.
    const snippets = readmeSnippets();
    expect(snippets).toHaveLength(6);
    const [term, statistics, panel, columns, vocabulary, survivalSection] = snippets;
    const sex = config.vocabularies.sex!.terms;
    sex[sex.findIndex((t) => t.id === (term as { id: string }).id)] =
      term as CohortConfig['vocabularies'][string]['terms'][number];
    config.statistics.push(...(statistics as CohortConfig['statistics']));
    config.panels[0]!.statistics.push('sex_male');
    config.panels.push(panel as CohortConfig['panels'][number]);
    config.columns.push(...(columns as CohortConfig['columns']));
    Object.assign(config.vocabularies, vocabulary);
    Object.assign(config, survivalSection);
    // The example row and its check replaced by synthetic patients (made up for this test).
    config.checks = [];
    writeFileSync(path, JSON.stringify(config, null, 2));
    writeFileSync(
      join(dir, 'sources.csv'),
      'source_id,authors,year,title,journal,doi,pmid,url,note\nsyn,,,SYNTHETIC test source - not a publication,,,,,\n',
    );
    writeFileSync(
      join(dir, 'cases.csv'),
      [
        'case_id,source_id,age,sex,notes,include,exclusion_reason,outcome,followup',
        'SYN-1,syn,34,W,SYNTHETIC,,,alive,30',
        'SYN-2,syn,52,F,SYNTHETIC,,,dead,10',
        'SYN-3,syn,61,woman,SYNTHETIC,,,died,20 mo',
        'SYN-4,syn,45,M,SYNTHETIC,,,dead,6',
        'SYN-5,syn,38,man,SYNTHETIC,,,living,2 years',
        'SYN-6,syn,70,male,SYNTHETIC,,,deceased,15',
        '',
      ].join('\n'),
    );
    const run = await runPipeline(dir);
    expect(run.code).toBe(0);
    expect(run.lines.filter((l) => /: (warning|error): /.test(l))).toEqual([]);
    const stats = run.stats!;
    const numerator = (id: string) => stats.statistics.find((s) => s.id === id)!.numerator;
    expect([numerator('sex_female'), numerator('sex_male'), numerator('age_under_40')]).toEqual([3, 3, 2]);
    const survival = stats.survival!;
    // R 4.x, survival: d <- data.frame(time = c(30, 10, 20, 6, 24, 15), status = c(0, 1, 1, 1, 0, 1),
    //   sex = c("f", "f", "f", "m", "m", "m"))
    // summary(survfit(Surv(time, status) ~ 1, data = d), times = c(12, 24))$surv → 0.666666666666667 0.333333333333333
    // survdiff(Surv(time, status) ~ sex, data = d)$chisq → 0.0739030023094688 (p 0.785736537959913)
    expect(survival.overall.at['12']!.survival).toBeCloseTo(2 / 3, 12);
    expect(survival.overall.at['24']!.survival).toBeCloseTo(1 / 3, 12);
    // 3 patients a group, under the default minimum of 5: withheld, and given under --show-all.
    expect(survival.groups.sex!.logrank).toBeNull();
    expect(survival.groups.sex!.withheld).toBe(
      'Female 3 patients, Male 3 patients; a Kaplan–Meier comparison needs at least 5 in each group',
    );
    const shown = (await runPipeline(dir, '--show-all')).stats!.survival!.groups.sex!;
    expect(shown.logrank!.chisq).toBeCloseTo(0.0739030023094688, 12);
    expect(shown.logrank!.p).toBeCloseTo(0.785736537959913, 12);
  });
});
