import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/cli.ts';

describe('npm run pipeline over data/: both cohorts and the index', () => {
  it('writes each cohort report with its own panels, the spinal flow diagram, and reports/index.html', async () => {
    const root = mkdtempSync(join(tmpdir(), 'casepool-all-'));
    cpSync('data', join(root, 'data'), { recursive: true });
    const lines: string[] = [];
    const code = await main(
      ['--data', join(root, 'data'), '--reports', join(root, 'reports'), '--no-png'],
      (l) => lines.push(l),
    );
    expect(code).toBe(0);

    const spinal = readFileSync(join(root, 'reports/spinal-lms/index.html'), 'utf8');
    const cohort = JSON.parse(readFileSync('data/spinal-lms/cohort.json', 'utf8')) as {
      panels: Array<{ id: string; title: string }>;
    };
    for (const p of cohort.panels) expect(spinal).toContain(`data-panel="${p.id}"`);
    expect(spinal).toContain('id="figure-flow"');
    expect(existsSync(join(root, 'reports/spinal-lms/figures/flow.svg'))).toBe(true);
    // seed 001 prints 13 articles after excluding 69 of 80; the check must say so, at the count.
    const flowLines = lines.filter((l) => l.includes('spinal-lms/flow.csv:'));
    // Paths as the CLI shows them (relative to the working directory) are cut to the file name.
    const shown = flowLines.map((l) =>
      l.replace(/^.*spinal-lms\/flow\.csv:/, '').replace(/\S*spinal-lms\/cases\.csv/, 'cases.csv'),
    );
    expect(shown).toEqual([
      '5:3: warning: assessed: 13 does not follow from the boxes above (identified 80 - excluded_screening 69 = 11 at most, with duplicates_removed, removed_automation, removed_other and not_retrieved not given) [accepted: Counts as printed in the source paper (Marinaccio et al. 2023): 80 - 69 = 11, yet it says 13 remained. Kept as printed, not corrected.]',
      "7:3: info: included_patients: 2 in the search of marinaccio2023; not compared with the 14 included rows of cases.csv, as that search is not this cohort's own",
    ]);
    // The flow is the source paper's literature search, and its 2 are patients, not this cohort's 16.
    const flowSvg = readFileSync(join(root, 'reports/spinal-lms/figures/flow.svg'), 'utf8');
    expect(flowSvg).toContain('Study flow of the source paper&#39;s search (Marinaccio et al. 2023)');
    expect(flowSvg).toContain('Patients included (n\u00a0=\u00a02)');
    expect(flowSvg).toContain('Reports of included studies');
    expect(flowSvg).not.toContain('Reports of included studies (n\u00a0=');
    expect(spinal).toContain('Study flow of the source paper&#39;s search (Marinaccio et al. 2023)');

    const index = readFileSync(join(root, 'reports/index.html'), 'utf8');
    expect(index).toContain('href="./adrenal-lms/index.html"');
    expect(index).toContain('href="./spinal-lms/index.html"');
  });

  it('derives the spinal region from the level notation as written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'casepool-spinal-'));
    const code = await main(
      ['--cohort', 'data/spinal-lms', '--out', join(root, 'out'), '--no-png'],
      () => {},
    );
    expect(code).toBe(0);
    const levels = new Map(
      (
        parse(readFileSync('data/spinal-lms/cases.csv'), { columns: true }) as Array<Record<string, string>>
      ).map((r) => [r.case_id, r.spinal_levels]),
    );
    const tidy = parse(readFileSync(join(root, 'out/tidy/cases.csv')), { columns: true }) as Array<
      Record<string, string>
    >;
    for (const row of tidy) {
      const written = levels.get(row.case_id!)!;
      if (written === '') {
        expect(row.spinal_region).toBe('');
        continue;
      }
      const regions = row.spinal_region!.split('; ');
      // Every level token's letter (C, T/D, L, S) shows up as its region, and no other region does.
      const expected = new Set<string>();
      for (const m of written.matchAll(/(?:^|[^A-Za-z])(C|Th|T|D|L|S)\d/g)) {
        expected.add(
          { C: 'cervical', T: 'thoracic', Th: 'thoracic', D: 'thoracic', L: 'lumbar', S: 'sacral' }[m[1]!]!,
        );
      }
      if (/cervic/i.test(written)) expected.add('cervical');
      if (/thorac|dorsal/i.test(written)) expected.add('thoracic');
      if (/lumb/i.test(written)) expected.add('lumbar');
      if (/sacr/i.test(written)) expected.add('sacral');
      expect(new Set(regions), `${row.case_id}: ${written}`).toEqual(expected);
    }
  });
});
