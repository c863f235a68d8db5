import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkNoOverlap,
  findCohorts,
  parseArguments,
  UsageError,
  USAGE,
} from '../../pipeline/cli/arguments.ts';
import { PRINTED_FINDINGS } from '../../pipeline/cli/runSummary.ts';

/** The message of the UsageError that parsing `argv` throws. */
function usageError(argv: string[]): string {
  try {
    parseArguments(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseArguments', () => {
  it('gives the defaults of an empty command line', () => {
    const options = parseArguments([]);
    expect(options).toMatchObject({
      data: 'data',
      reports: 'reports',
      strict: false,
      'no-png': false,
      png: false,
      dpi: '300',
      'figure-width': 'double',
      watch: false,
      serve: false,
    });
    expect(options.cohort).toBeUndefined();
    expect(options.timings).toBeUndefined();
  });

  it('reads --timings alone as stage lines and --timings json as one JSON line', () => {
    expect(parseArguments(['--timings']).timings).toBe('lines');
    expect(parseArguments(['--timings', '--strict']).timings).toBe('lines');
    expect(parseArguments(['--timings', 'json']).timings).toBe('json');
  });

  it.each([
    [['--png', '--no-png'], '--png and --no-png contradict each other'],
    [['--port', '8080'], '--port needs --serve'],
    [['--serve', '--port', 'x80'], '--port takes a port number, got "x80"'],
    [['--serve', '--port', '70000'], '--port 70000: a port number is at most 65535'],
    [['--out', 'x'], '--out needs --cohort'],
    [['--dpi', '71'], '--dpi takes a whole number from 72 to 2400'],
    [['--dpi', '300.5'], '--dpi takes a whole number from 72 to 2400'],
    [['--figure-width', 'triple'], '--figure-width takes "single" or "double"'],
    [['--timings=csv'], '--timings takes no value, or "json"'],
  ])('refuses %j: %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it('refuses an unknown option and a positional argument, as node:util says', () => {
    expect(usageError(['--colour'])).toMatch(/--colour/);
    expect(usageError(['data/adrenal-lms'])).toMatch(/data\/adrenal-lms/);
  });

  it('the usage names every option it parses, and the number of findings printed', () => {
    for (const option of [
      '--cohort',
      '--out',
      '--data',
      '--reports',
      '--strict',
      '--no-png',
      '--png',
      '--dpi',
      '--figure-width',
      '--recomputed-only',
      '--all-findings',
      '--timings',
      '--watch',
      '--serve',
      '--port',
      '--show-all',
      '--version',
      '--help',
    ])
      expect(USAGE, option).toContain(option);
    expect(USAGE).toContain(`the ${PRINTED_FINDINGS} most severe`);
  });
});

describe('findCohorts', () => {
  it('lists the folders that hold a cohort.json, in name order', () => {
    const data = mkdtempSync(join(tmpdir(), 'casepool-data-'));
    for (const name of ['b', 'a', 'not-a-cohort']) mkdirSync(join(data, name));
    writeFileSync(join(data, 'a', 'cohort.json'), '{}');
    writeFileSync(join(data, 'b', 'cohort.json'), '{}');
    expect(findCohorts(data)).toEqual([join(data, 'a'), join(data, 'b')]);
  });

  it('refuses a data folder that is not there', () => {
    expect(() => findCohorts(join(tmpdir(), 'casepool-no-such-data'))).toThrow(UsageError);
  });
});

describe('checkNoOverlap', () => {
  it('refuses an output folder inside, around or equal to a cohort folder, naming the option', () => {
    const jobs = [{ dir: 'data/a', out: 'reports/a' }];
    expect(() => checkNoOverlap(jobs, 'reports')).not.toThrow();
    expect(() => checkNoOverlap([{ dir: 'data/a', out: 'data/a/report' }], null)).toThrow(
      'the output folder data/a/report (--out) and the cohort folder data/a must not contain each other or be the same folder',
    );
    expect(() => checkNoOverlap(jobs, 'data')).toThrow('(--reports)');
  });
});
