/**
 * The sizes README.md states for the combined figure are those of the files a run writes: each is
 * read from the README and compared with figures/figure-combined.svg (its width and height in pt, as
 * written at print size), to the 0.1 cm the README gives. When a change moves a size, this says
 * which sentence to update.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FigureOptions } from '../pipeline/charts/figureOptions.ts';
import { runCohort } from '../pipeline/run.ts';
import { tempOut } from './helpers/cohortCopy.ts';

const README = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
const CM_PER_PT = 2.54 / 72;

/** The combined figure's printed width and height in cm, from the file a run writes. */
async function combinedFigureCm(cohort: string, figures: Partial<FigureOptions>) {
  const run = await runCohort(cohort, tempOut(), { png: false, figures, log: () => {}, notice: () => {} });
  expect(run.exitCode).toBe(0);
  const svg = readFileSync(join(run.outDir, 'figures', 'figure-combined.svg'), 'utf8');
  const size = /^<svg[^>]*\swidth="([0-9.]+)pt"[^>]*\sheight="([0-9.]+)pt"/.exec(svg)!;
  return { width: Number(size[1]) * CM_PER_PT, height: Number(size[2]) * CM_PER_PT };
}

/** The number the README's sentence gives at `group` of `pattern`, which must match once. */
function stated(pattern: RegExp, group: number): number {
  const matches = [...README.matchAll(new RegExp(pattern.source, 'g'))];
  expect(matches, `README.md: ${pattern}`).toHaveLength(1);
  return Number(matches[0]![group]);
}

describe('README.md: the combined figure’s sizes', () => {
  it.each([
    {
      what: 'adrenal, double column',
      cohort: 'data/adrenal-lms',
      figures: {},
      pattern: /(\d+(?:\.\d)?) × (\d+(?:\.\d)?) cm for the adrenal cohort, within a printed page/,
    },
    {
      what: 'adrenal, single column',
      cohort: 'data/adrenal-lms',
      figures: { width: 'single' as const },
      pattern: /(\d+(?:\.\d)?) × (\d+(?:\.\d)?) cm for the adrenal cohort's seven panels/,
    },
    {
      what: 'spinal, single column',
      cohort: 'data/spinal-lms',
      figures: { width: 'single' as const },
      pattern: /(\d+(?:\.\d)?) × (\d+(?:\.\d)?) cm for the spinal cohort's six/,
    },
  ])(
    '$what',
    async ({ cohort, figures, pattern }) => {
      const size = await combinedFigureCm(cohort, figures);
      expect(stated(pattern, 1)).toBe(Number(size.width.toFixed(1)));
      expect(stated(pattern, 2)).toBe(Number(size.height.toFixed(1)));
    },
    60_000,
  );

  it('adrenal, single column, --recomputed-only', async () => {
    const size = await combinedFigureCm('data/adrenal-lms', { width: 'single', recomputedOnly: true });
    expect(stated(/seven panels \((\d+(?:\.\d)?) cm with `--recomputed-only`\)/, 1)).toBe(
      Number(size.height.toFixed(1)),
    );
  }, 60_000);
});
