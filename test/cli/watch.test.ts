import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEditorScratchFile } from '../../pipeline/cli/watch.ts';
import { startCli, waitFor } from '../helpers/cliProcess.ts';
import { syntheticAdrenalCohort, tempOut } from '../helpers/cohortCopy.ts';

describe('--watch', () => {
  it('re-runs on change, keeps the last good report after a bad edit, and exits cleanly on Ctrl-C', async () => {
    const cohort = syntheticAdrenalCohort();
    const out = tempOut();
    const { child, output, exited } = startCli(['--watch', '--no-png', '--cohort', cohort, '--out', out]);

    await waitFor(output, /watching .* for changes/, 1);
    expect(output.text).toMatch(/report written to/);
    const goodReport = readFileSync(join(out, 'stats.json'), 'utf8');

    appendFileSync(join(cohort, 'cases.csv'), 'SYN-50,synthetic,abc,F,R,,,,,,,,,,,,SYNTHETIC,yes,\n');
    await waitFor(output, /nothing written; the previous report is unchanged/, 1);
    expect(output.text).toMatch(/cases\.csv:51:3: error: age "abc" is not a number/);
    expect(readFileSync(join(out, 'stats.json'), 'utf8')).toBe(goodReport);

    const fixed = readFileSync(join(cohort, 'cases.csv'), 'utf8').replace(
      'SYN-50,synthetic,abc',
      'SYN-50,synthetic,60',
    );
    writeFileSync(join(cohort, 'cases.csv'), fixed);
    await waitFor(output, /report written to/, 2);
    expect(
      (JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as { n_included: number }).n_included,
    ).toBe(50);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output.text).toMatch(/stopped watching/);
    expect(existsSync(out)).toBe(true);
  }, 90_000);

  it('survives re-runs that throw (a bug, then a file in the way of the output) and picks up the next edit', async () => {
    const cohort = syntheticAdrenalCohort();
    const out = tempOut();
    // The second run's lock step throws an error with no errno meaning: a bug, as far as casepool knows.
    const { child, output, exited } = startCli(['--watch', '--no-png', '--cohort', cohort, '--out', out], {
      CASEPOOL_TEST_FAIL_AT: 'lock#2:EBUG',
    });
    await waitFor(output, /watching .* for changes/, 1);
    const edit = (note: string) =>
      writeFileSync(
        join(cohort, 'cases.csv'),
        readFileSync(join(cohort, 'cases.csv'), 'utf8').replace(/SYNTHETIC[^,\n]*/, `SYNTHETIC ${note}`),
      );

    edit('one');
    await waitFor(output, /internal error \(a bug in casepool, not in your files\): Error: EBUG/, 1);
    await waitFor(output, /^waiting for the next change$/, 1);

    rmSync(out);
    writeFileSync(out, 'a file in the way');
    edit('two');
    await waitFor(
      output,
      /casepool: refusing to replace .*: it is a file, not a folder.*waiting for the next change/,
      1,
    );

    rmSync(out);
    edit('three');
    await waitFor(output, /report written to/, 2);
    expect(readFileSync(join(out, 'tidy', 'cases.csv'), 'utf8')).toContain('SYNTHETIC three');
    expect(output.text).not.toMatch(/Unhandled|UnhandledPromiseRejection/);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 90_000);

  it('over a data folder: writes the list of cohorts (reports/index.html) once every cohort has run', async () => {
    const data = mkdtempSync(join(tmpdir(), 'casepool-watch-data-'));
    cpSync('test/fixtures/drug-reactions', join(data, 'drug-reactions'), { recursive: true });
    const reports = tempOut();
    const { child, output, exited } = startCli(['--watch', '--data', data, '--reports', reports]);
    await waitFor(output, /watching .* for changes/, 1);
    const index = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(index).toContain('data-generator="casepool"');
    expect(index).toContain('href="./drug-reactions/index.html"');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 90_000);

  it('refuses an output folder inside the watched cohort folder (it would re-trigger itself)', async () => {
    const { main } = await import('../../pipeline/cli/cli.ts');
    const cohort = syntheticAdrenalCohort();
    const code = await main(['--watch', '--cohort', cohort, '--out', join(cohort, 'report')], () => {});
    expect(code).toBe(2);
  });
});

describe('isEditorScratchFile', () => {
  it.each([
    '~$cases.csv',
    '.~lock.cases.csv#',
    '.cases.csv.swp',
    '.cases.csv.swx',
    'cases.csv~',
    '4913',
    '.#cases.csv',
    '#cases.csv#',
    'cases.csv___jb_tmp___',
    '.goutputstream-X1Y2Z3',
    'lu12345abcd.tmp',
    'A1B2C3D4',
  ])('%s is an editor scratch file: no run', (name) => {
    expect(isEditorScratchFile(name)).toBe(true);
  });

  it.each(['cases.csv', 'cohort.json', 'sources.csv', 'accepted.csv', 'jbi-case-report.json', 'CASES.CSV'])(
    '%s is input: a run',
    (name) => {
      expect(isEditorScratchFile(name)).toBe(false);
    },
  );
});
