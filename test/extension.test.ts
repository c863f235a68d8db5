/**
 * The house before the next floors: a new input table is its catalog entry and its module, a new
 * analysis is its module and a line in the list. Proved here by adding both in the test tree only (the
 * shipped lists are extended, not edited): a synthetic `ratings.csv` (one row per source, a rating 1–5)
 * and an analysis that owns its cohort.json block (schema, defaults, reference check), its input check,
 * its result, headline card, Methods sentence, section and file.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineAnalysis, type Analysis } from '../pipeline/analyses/analysis.ts';
import { ANALYSES } from '../pipeline/analyses/index.ts';
import { casesTable } from '../pipeline/cohortTables/casesTable.ts';
import { INPUT_TABLES } from '../pipeline/cohortTables/catalog.ts';
import { defineInputTable } from '../pipeline/cohortTables/inputTable.ts';
import { findColumn } from '../pipeline/parse/columnKey.ts';
import { html } from '../pipeline/report/escapeHtml.ts';
import { runCohort } from '../pipeline/run.ts';
import type { Finding } from '../pipeline/types.ts';

declare module '../pipeline/types.ts' {
  interface CohortConfig {
    /** The test analysis's block: ratings at least `atLeast` count as good. */
    ratings?: { atLeast: number; statistic?: string };
  }
}

/** A synthetic input table: one rating (1–5) per source. */
const ratingsTable = defineInputTable<Map<string, number>>()({
  key: 'ratings',
  description: 'Synthetic test table: source_id,rating (1 to 5).',
  idColumn: 'source_id',
  empty: new Map(),
  normalize: (raw) => {
    const ratings = new Map<string, number>();
    const findings: Finding[] = [];
    if (!raw) return { value: ratings, findings };
    const id = findColumn(raw.header, 'source_id');
    const rating = findColumn(raw.header, 'rating');
    raw.rows.forEach((row, i) => {
      const value = Number(row[rating]);
      if (Number.isInteger(value) && value >= 1 && value <= 5) ratings.set(row[id]!, value);
      else
        findings.push({
          file: raw.file,
          line: raw.lines[i]!,
          column: rating + 1,
          severity: 'error',
          code: 'ratings.bad-rating',
          message: `rating "${row[rating]}" is not a whole number from 1 to 5`,
        });
    });
    return { value: ratings, findings };
  },
});

/** A test analysis: how many included patients come from a source rated at least `atLeast`. */
const ratingsAnalysis = defineAnalysis<{ good: number; rated: number }>()({
  id: 'ratings',
  title: 'Source ratings (test analysis)',
  config: {
    schema: {
      ratings: {
        type: 'object',
        additionalProperties: false,
        required: ['atLeast'],
        properties: { atLeast: { type: 'integer', minimum: 1, maximum: 5 }, statistic: { type: 'string' } },
      },
    },
    check(config, { error, statisticIds, hint }) {
      const id = config.ratings?.statistic;
      if (id !== undefined && !statisticIds.has(id))
        error('/ratings/statistic', `"${id}" is not a statistic id${hint(id, statisticIds)}`);
    },
  },
  checkInput: (tables) => {
    const cases = tables.of(casesTable);
    const ratings = tables.of(ratingsTable);
    if (!cases || ratings.size === 0) return [];
    const unrated = new Set(cases.sourceIds.filter((s) => !ratings.has(s)));
    return [...unrated].map((s) => ({
      file: cases.file,
      line: 0,
      column: 0,
      severity: 'warning' as const,
      code: 'ratings.unrated',
      message: `source ${s} has no rating`,
    }));
  },
  compute: (input, context) => {
    const block = context.config.ratings;
    if (!block) return null;
    const ratings = input.tables.of(ratingsTable);
    let good = 0;
    let rated = 0;
    for (const i of input.views.includedRows()) {
      const rating = ratings.get(input.cases.sourceIds[i]!);
      if (rating === undefined) continue;
      rated++;
      if (rating >= block.atLeast) good++;
    }
    return { good, rated };
  },
  headline: {
    rank: 40,
    cards: (r) => [html`<div><span class="value" data-stat="ratings.good">${r.good}</span></div>`],
  },
  methods: () => [{ topic: 'Ratings', text: html`Sources were rated 1 to 5 (test analysis).` }],
  files: (r) => [{ path: 'tables/ratings.csv', content: `good,rated\n${r.good},${r.rated}\n` }],
  section: (r) => html`<p data-test="ratings">${r.good} of ${r.rated} rated patients</p>`,
});

const parts = {
  // Listed as the shipped list is: each analysis with its result as unknown.
  analyses: [...ANALYSES, ratingsAnalysis as unknown as Analysis<unknown>],
  tables: [...INPUT_TABLES, ratingsTable],
};

/** The drug-reactions fixture (synthetic) copied, with a ratings.csv and the block as given. */
function cohortWith(block: unknown, ratingsCsv = 'source_id,rating\nsynthetic,4\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'casepool-extension-'));
  cpSync('test/fixtures/drug-reactions', dir, { recursive: true });
  const config = JSON.parse(readFileSync(join(dir, 'cohort.json'), 'utf8')) as Record<string, unknown>;
  (config.files as Record<string, string>).ratings = 'ratings.csv';
  if (block !== undefined) config.ratings = block;
  writeFileSync(join(dir, 'cohort.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(join(dir, 'ratings.csv'), ratingsCsv);
  return dir;
}

const out = () => join(mkdtempSync(join(tmpdir(), 'casepool-extension-out-')), 'report');

describe('adding an input table and an analysis from outside the shipped lists', () => {
  it('runs them through every stage: schema, checks, result, card, Methods, section, file, inputs', async () => {
    const target = out();
    const result = await runCohort(cohortWith({ atLeast: 3 }), target, { png: false, parts });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.exitCode).toBe(0);
    const stats = JSON.parse(readFileSync(join(target, 'stats.json'), 'utf8')) as Record<string, unknown>;
    expect(stats.ratings).toEqual({ good: 6, rated: 6 });
    expect((stats.inputs as Array<{ role: string }>).map((i) => i.role)).toContain('ratings');
    const page = readFileSync(join(target, 'index.html'), 'utf8');
    expect(page).toContain('Source ratings (test analysis)');
    expect(page).toContain('data-stat="ratings.good"');
    expect(page.replace(/\s+/g, ' ')).toContain('<b>Ratings.</b> Sources were rated 1 to 5 (test analysis).');
    expect(page).toContain('<p data-test="ratings">6 of 6 rated patients</p>');
    expect(readFileSync(join(target, 'tables', 'ratings.csv'), 'utf8')).toBe('good,rated\n6,6\n');
  });

  it('refuses the block where the analysis is not listed: the key is the analysis’s own', async () => {
    const result = await runCohort(cohortWith({ atLeast: 3 }), out(), { png: false });
    expect(result.exitCode).toBe(1);
    expect(result.findings.map((f) => f.message)).toContain('/ratings: unknown key "ratings"');
  });

  it('locates a typo in the block, and a name the block uses that cohort.json does not define', async () => {
    const typo = await runCohort(cohortWith({ atLeast: 3, statistc: 'severe' }), out(), {
      png: false,
      parts,
    });
    expect(typo.exitCode).toBe(1);
    const message = typo.findings.find((f) => f.code === 'config.invalid')!;
    expect(message.message).toBe('/ratings/statistc: unknown key "statistc"; did you mean "statistic"?');
    expect(message.line).toBeGreaterThan(1);
    const unknown = await runCohort(cohortWith({ atLeast: 3, statistic: 'sever' }), out(), {
      png: false,
      parts,
    });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.findings.map((f) => f.message)).toContain(
      '/ratings/statistic: "sever" is not a statistic id; did you mean "severe"?',
    );
  });

  it('locates a bad row of the new table, and runs the analysis’s input check', async () => {
    const bad = await runCohort(cohortWith({ atLeast: 3 }, 'source_id,rating\nsynthetic,9\n'), out(), {
      png: false,
      parts,
    });
    expect(bad.exitCode).toBe(1);
    const finding = bad.findings.find((f) => f.code === 'ratings.bad-rating')!;
    expect([finding.line, finding.column, finding.file.endsWith('ratings.csv')]).toEqual([2, 2, true]);
    const unrated = await runCohort(cohortWith({ atLeast: 3 }, 'source_id,rating\nother,4\n'), out(), {
      png: false,
      parts,
    });
    expect(unrated.findings.map((f) => f.message)).toContain('source synthetic has no rating');
  });
});
