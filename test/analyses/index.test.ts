import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionId } from '../../pipeline/analyses/analysis.ts';
import { ANALYSES } from '../../pipeline/analyses/index.ts';
import { DEFAULT_FIGURE_OPTIONS } from '../../pipeline/charts/figureOptions.ts';
import { statsJsonReviver } from '../../pipeline/io/statsJson.ts';
import { runCohort } from '../../pipeline/run.ts';
import { tempOut } from '../helpers/cohortCopy.ts';
import { cohortAnalysisInput } from '../helpers/stageInput.ts';

/** The report of a cohort folder, its stats.json, page and what the analyses see of it. */
async function report(dir: string) {
  const result = await runCohort(dir, tempOut(), { png: false });
  expect(result.exitCode).toBe(0);
  const stats = JSON.parse(
    readFileSync(join(result.outDir, 'stats.json'), 'utf8'),
    statsJsonReviver,
  ) as Record<string, unknown>;
  const page = readFileSync(join(result.outDir, 'index.html'), 'utf8');
  const { input, context } = await cohortAnalysisInput(dir, stats);
  return { outDir: result.outDir, stats, page, context, input };
}

const COHORTS = ['data/adrenal-lms', 'data/spinal-lms', 'test/fixtures/drug-reactions'];

describe('the list of analyses', () => {
  it('gives every analysis its own stats.json key and page section', () => {
    const ids = ANALYSES.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sections = ANALYSES.map(sectionId);
    expect(new Set(sections).size).toBe(sections.length);
    // The page's own sections keep their ids.
    for (const own of ['findings-section', 'cases-section', 'methods', 'codebook-section', 'files'])
      expect(sections).not.toContain(own);
  });

  describe.each(COHORTS)('%s', (dir) => {
    it('writes stats.json in the order of the list, after what the run read', async () => {
      const { stats } = await report(dir);
      const keys = Object.keys(stats);
      expect(keys.slice(0, 8)).toEqual([
        'cohort',
        'title',
        'n_rows',
        'n_included',
        'n_excluded',
        'input',
        'inputs',
        'software',
      ]);
      const listed = ANALYSES.map((a) => a.id).filter((id) => id in stats);
      expect(keys.slice(8)).toEqual(listed);
      // The descriptive core is always there, whatever the cohort configures.
      for (const id of ['statistics', 'continuous', 'reconciliation', 'tests']) expect(keys).toContain(id);
    }, 60_000);

    it('shows a section for each result with something to show, in the order of the list', async () => {
      const { stats, page, context, input } = await report(dir);
      const shown = [...page.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]!);
      const expected = ANALYSES.filter((a) => {
        const result = stats[a.id];
        if (result === undefined) return false;
        // Stand-ins for the drawn figures: the section only places them.
        const figures = (a.figures?.(result, context, DEFAULT_FIGURE_OPTIONS, input) ?? []).map((f) => ({
          id: f.id,
          title: f.title,
          caption: f.caption,
          sizeNote: '',
          svg: '<svg></svg>',
          files: { spec: null, svg: `figures/${f.id}.svg`, png: `figures/${f.id}.png` },
        }));
        return a.section(result, figures, context, input) !== null;
      }).map(sectionId);
      expect(shown.slice(0, expected.length)).toEqual(expected);
      expect(shown.slice(expected.length)).toEqual([
        'findings-section',
        'cases-section',
        'methods',
        'codebook-section',
        'files',
      ]);
      // Each section is in the navigation, in the same order.
      const nav = page.slice(page.indexOf('<nav>'), page.indexOf('</nav>'));
      expect([...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(shown);
    }, 60_000);

    it("writes each analysis's figures under their own names, with a spec file only for Vega-Lite charts", async () => {
      const { outDir, stats, page, context, input } = await report(dir);
      const figures = ANALYSES.flatMap((a) => {
        const result = stats[a.id];
        return result === undefined
          ? []
          : (a.figures?.(result, context, DEFAULT_FIGURE_OPTIONS, input) ?? []);
      });
      const files = figures.map((f) => f.file ?? f.id);
      expect(new Set(files).size).toBe(files.length);
      for (const f of figures) {
        const file = f.file ?? f.id;
        expect(existsSync(join(outDir, 'figures', `${file}.svg`)), file).toBe(true);
        const spec = `specs/${file}.vl.json`;
        expect(existsSync(join(outDir, spec)), spec).toBe('spec' in f);
        // The page links a spec file only where there is one (the combined figure and the flow
        // diagram are drawn without Vega-Lite).
        expect(page.includes(`href="${spec}"`), spec).toBe('spec' in f);
      }
    }, 60_000);
  });

  it('leaves out the sections a cohort does not configure, in stats.json and on the page', async () => {
    // The made-up cohort has no survival, no comparisons, no flow diagram and no appraisal.
    const { stats, page } = await report('test/fixtures/drug-reactions');
    for (const id of ['survival', 'flow', 'appraisal', 'cox', 'table1']) expect(id in stats, id).toBe(false);
    expect(stats.tests).toEqual([]);
    for (const id of ['survival', 'flow', 'tests-section', 'appraisal-section'])
      expect(page, id).not.toContain(`<h2 id="${id}"`);
  }, 60_000);
});
