// The bad-input corpus: every folder under test/fixtures/bad replaces (or removes) files of the small
// valid cohort in test/fixtures/bad/base, and its expected.json names the exact findings and exit code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../pipeline/cli/cli.ts';
import { hasUnsafeText } from '../pipeline/parse/unsafeText.ts';
import { runCohort } from '../pipeline/run.ts';
import {
  BAD_DIR,
  BASE_DIR,
  badCases,
  caseCopy,
  cohortCopy,
  ordered,
  removeTemporaryFolders,
  run,
  stagingLeftovers,
  tempDir,
  treeHashes,
} from './helpers/badCohort.ts';

afterAll(removeTemporaryFolders);

const where = (f: { file: string; line: number; column: number; severity: string; code: string }) => ({
  file: f.file,
  line: f.line,
  column: f.column,
  severity: f.severity,
  code: f.code,
});

const baseCases = readFileSync(join(BASE_DIR, 'cases.csv'), 'utf8');
const header = baseCases.split('\n')[0]!.split(',');

/** base's cases.csv with cells replaced: [row (1 = first data row), column name, text]. */
function casesWith(...edits: Array<[number, string, string]>): string {
  const rows = parse(baseCases) as string[][];
  for (const [row, column, text] of edits) rows[row]![header.indexOf(column)] = text;
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

describe('the base cohort', () => {
  it('is valid: exit 0, no findings, report written', async () => {
    const out = join(tempDir(), 'report');
    const result = await run(cohortCopy(), out);
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('is run in place without a byte of it changing', async () => {
    const before = treeHashes(BASE_DIR);
    const result = await run(BASE_DIR, join(tempDir(), 'report'));
    expect(result.exitCode).toBe(0);
    expect(treeHashes(BASE_DIR)).toEqual(before);
  });
});

describe('bad-input corpus', () => {
  const cases = badCases();

  it('has an expected.json and at least one file or removal in every folder', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      expect(c.files.length + c.remove.length, c.name).toBeGreaterThan(0);
      expect(c.findings.length > 0 || c.exitCode === 0, c.name).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const dir = caseCopy(c);
    const inputs = treeHashes(dir);
    const out = join(tempDir(), 'report');

    const result = await run(dir, out, c.options);

    // Exactly the expected findings, at the expected places, nothing else.
    const actual = ordered(result.findings);
    const expected = ordered(c.findings);
    expect(actual.map(where)).toEqual(expected.map(where));
    expected.forEach((e, k) => {
      for (const word of e.words) expect(actual[k]!.message, `${c.name}: ${e.code}`).toContain(word);
    });
    expect(result.exitCode).toBe(c.exitCode);

    // The inputs are read, never written.
    expect(treeHashes(dir)).toEqual(inputs);
    // Nothing written on failure; a complete report on success; no staging folder either way.
    expect(stagingLeftovers(dirname(out))).toEqual([]);
    if (c.exitCode === 1) {
      expect(existsSync(out)).toBe(false);
    } else {
      expect(existsSync(join(out, 'index.html'))).toBe(true);
      expect(existsSync(join(out, 'stats.json'))).toBe(true);
    }
    for (const [file, texts] of Object.entries(c.output)) {
      const content = readFileSync(join(out, file), 'utf8');
      for (const text of texts) expect(content, `${c.name}: ${file}`).toContain(text);
    }
  });
});

describe('a single line of 10 MB', () => {
  const TEN_MB = 10 * 1024 * 1024;

  it('as the whole file (no line break): a quick error with short messages, not a hang', async () => {
    const dir = cohortCopy({ 'cases.csv': 'x'.repeat(TEN_MB) });
    const inputs = treeHashes(dir);
    const out = join(tempDir(), 'report');
    const start = performance.now();
    const result = await run(dir, out);
    const seconds = (performance.now() - start) / 1000;

    expect(result.exitCode).toBe(1);
    const required = ['case_id', 'source_id', 'age', 'sex', 'side', 'size', 'symptoms'].concat(
      ['venous_extension', 'local_invasion', 'metastasis', 'diagnosis', 'surgery', 'chemotherapy'],
      ['radiotherapy', 'outcome', 'followup'],
    );
    expect(ordered(result.findings).map(where)).toEqual(
      ordered([
        { file: 'cases.csv', line: 1, column: 0, severity: 'error', code: 'file.no-rows' },
        { file: 'cases.csv', line: 1, column: 1, severity: 'warning', code: 'header.unknown' },
        ...required.map(() => ({
          file: 'cases.csv',
          line: 1,
          column: 0,
          severity: 'error',
          code: 'header.missing',
        })),
      ]),
    );
    for (const f of result.findings) expect(f.message.length).toBeLessThan(300);
    for (const name of required)
      expect(result.findings.some((f) => f.message.includes(`required column "${name}"`))).toBe(true);
    // Was 30 s (quadratic "did you mean" against the 10 MB name, csv-parse's line-ending search).
    expect(seconds).toBeLessThan(15);
    expect(existsSync(out)).toBe(false);
    expect(treeHashes(dir)).toEqual(inputs);
  }, 60_000);

  it('as one row whose notes cell is 10 MB: read and written out whole', async () => {
    const big = 'SYNTHETIC ' + 'y'.repeat(TEN_MB);
    const row = ['SYN-07', 'synthetic', '50', 'F', 'L', '5 cm', 'fever', '', '', '', 'surgery', 'yes']
      .concat(['no', 'no', 'alive', '12', big, 'yes', ''])
      .join(',');
    expect(row.length).toBeGreaterThan(TEN_MB);
    const dir = cohortCopy({ 'cases.csv': `${baseCases}${row}\n` });
    const inputs = treeHashes(dir);
    const out = join(tempDir(), 'report');
    const result = await run(dir, out);

    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
    const tidy = parse(readFileSync(join(out, 'tidy/cases.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(tidy.find((r) => r.case_id === 'SYN-07')!.notes).toBe(big);
    expect(treeHashes(dir)).toEqual(inputs);
  }, 60_000);
});

describe('a failed run leaves the previous report intact', () => {
  const failing = [
    'value-age-not-a-number',
    'file-unclosed-quote',
    'file-missing',
    'config-not-json',
    'header-unknown-column-strict',
    'config-file-outside',
    'config-pattern-backtracking',
  ];

  it.each(failing)('previous report, then %s into the same folder', async (name) => {
    const out = join(tempDir(), 'report');
    const good = await run(cohortCopy(), out);
    expect(good.exitCode).toBe(0);
    const before = treeHashes(out);
    expect(Object.keys(before)).toContain('index.html');

    const c = badCases().find((x) => x.name === name)!;
    const bad = await run(caseCopy(c), out, c.options);

    expect(bad.exitCode).toBe(1);
    expect(treeHashes(out)).toEqual(before);
    expect(stagingLeftovers(dirname(out))).toEqual([]);
  });

  it('through the CLI: exit 1, "nothing written", the folder byte-identical', async () => {
    const out = join(tempDir(), 'report');
    const printed: string[] = [];
    const print = (s: string) => printed.push(s);
    expect(await main(['--cohort', cohortCopy(), '--out', out, '--no-png'], print)).toBe(0);
    const before = treeHashes(out);

    const bad = cohortCopy({ 'cases.csv': casesWith([2, 'age', 'abc']) });
    printed.length = 0;
    expect(await main(['--cohort', bad, '--out', out, '--no-png'], print)).toBe(1);
    expect(printed.some((l) => /cases\.csv:3:3: error: age "abc" is not a number$/.test(l))).toBe(true);
    expect(printed.at(-1)).toMatch(/1 error.*nothing written; the previous report is unchanged/);
    expect(treeHashes(out)).toEqual(before);
    expect(stagingLeftovers(dirname(out))).toEqual([]);
  });

  it('a good run after it replaces the report and leaves no staging folder', async () => {
    const out = join(tempDir(), 'report');
    await run(cohortCopy(), out);
    const before = treeHashes(out);
    const changed = await run(
      cohortCopy({ 'cases.csv': casesWith([1, 'notes', 'SYNTHETIC, changed']) }),
      out,
    );
    expect(changed.exitCode).toBe(0);
    expect(treeHashes(out)['tidy/cases.csv']).not.toBe(before['tidy/cases.csv']);
    expect(stagingLeftovers(dirname(out))).toEqual([]);
  });
});

describe('CSV injection', () => {
  it('text cells that a spreadsheet would run as a formula start with an apostrophe in tidy/cases.csv', async () => {
    const formulas = ['=HYPERLINK("http://x","y")', '+1', '-cmd', '@SUM(1)'];
    const dir = cohortCopy({
      'cases.csv': casesWith(...formulas.map((f, k): [number, string, string] => [k + 1, 'notes', f])),
    });
    const out = join(tempDir(), 'report');
    const result = await run(dir, out);
    expect(result.exitCode).toBe(0);

    const tidy = parse(readFileSync(join(out, 'tidy/cases.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(tidy.slice(0, 4).map((r) => r.notes)).toEqual(formulas.map((f) => `'${f}`));
    // Numbers stay numbers: only text is neutralised.
    expect(tidy[0]!.age).toBe('62');
  });
});

describe('HTML in cells', () => {
  it('appears escaped in index.html: notes, exclusion reason, case id and a finding', async () => {
    const script = '<script>alert(1)</script>';
    const img = '"><img src=x onerror=alert(1)>';
    const dir = cohortCopy({
      // The symptom vocabulary opts into warnings, so the run goes on and the message reaches the page.
      'cohort.json': readFileSync(join(BAD_DIR, 'value-unknown-symptom-as-warning', 'cohort.json')),
      'cases.csv': casesWith(
        [1, 'notes', script],
        [6, 'exclusion_reason', img],
        [2, 'notes', img],
        [3, 'case_id', '<script>alert(2)</script>'],
        // An unknown symptom is a warning whose message quotes the cell and is shown in the report.
        [4, 'symptoms', '<img src=x onerror=alert(3)>'],
      ),
    });
    const out = join(tempDir(), 'report');
    const result = await run(dir, out);
    expect(result.exitCode).toBe(0);
    expect(result.findings.map((f) => f.code)).toEqual(['value.unknown-term']);

    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(3)&gt;');
  });
});

describe('usage', () => {
  let stderr: string[];
  beforeEach(() => {
    stderr = [];
    vi.spyOn(console, 'error').mockImplementation((s: unknown) => void stderr.push(String(s)));
  });
  afterEach(() => vi.restoreAllMocks());
  const quiet = () => {};

  it('an unknown option: exit 2', async () => {
    expect(await main(['--cohort', BASE_DIR, '--colour'], quiet)).toBe(2);
    expect(stderr.join('\n')).toMatch(/Unknown option '--colour'/);
  });

  it('an unknown option with terminal escapes: exit 2, printed without them', async () => {
    expect(await main(['--cohort', BASE_DIR, '--\u001b]0;pwned\u0007x\u001b[2J'], quiet)).toBe(2);
    const printed = stderr.join('\n');
    expect(printed).toMatch(/Unknown option '--x'/);
    const controls = [...printed].filter((c) => {
      const code = c.charCodeAt(0);
      return (code < 0x20 && c !== '\n') || (code >= 0x7f && code <= 0x9f);
    });
    expect(controls).toEqual([]);
  });

  it('--out without --cohort: exit 2', async () => {
    expect(await main(['--out', join(tempDir(), 'report')], quiet)).toBe(2);
    expect(stderr.join('\n')).toMatch(/--out needs --cohort/);
  });

  it('a cohort folder that does not exist: exit 2', async () => {
    expect(await main(['--cohort', join(BAD_DIR, 'no-such-cohort'), '--out', tempDir()], quiet)).toBe(2);
    expect(stderr.join('\n')).toMatch(/does not exist/);
  });

  it('--out naming a file, or a folder under a file: exit 4 (the machine, not the data), not a stack trace', async () => {
    const file = join(tempDir(), 'a-file.txt');
    writeFileSync(file, 'not a folder\n');
    const before = treeHashes(BASE_DIR);
    expect(await main(['--cohort', BASE_DIR, '--out', file, '--no-png'], quiet)).toBe(4);
    expect(stderr.join('\n')).toMatch(/it is a file, not a folder/);
    expect(await main(['--cohort', BASE_DIR, '--out', join(file, 'report'), '--no-png'], quiet)).toBe(4);
    expect(stderr.join('\n')).toMatch(/cannot write .*report \(ENOTDIR\)/);
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
    expect(treeHashes(BASE_DIR)).toEqual(before);
  });

  it('--out inside the cohort folder: exit 2, nothing written', async () => {
    const before = treeHashes(BASE_DIR);
    expect(await main(['--cohort', BASE_DIR, '--out', join(BASE_DIR, 'report'), '--no-png'], quiet)).toBe(2);
    expect(stderr.join('\n')).toMatch(/must not contain each other/);
    expect(treeHashes(BASE_DIR)).toEqual(before);
  });

  it('--strict turns a warning into exit 1', async () => {
    const dir = caseCopy(badCases().find((c) => c.name === 'header-unknown-column')!);
    const out = join(tempDir(), 'report');
    expect(await main(['--cohort', dir, '--out', out, '--no-png'], quiet)).toBe(0);
    const before = treeHashes(out);
    expect(await main(['--cohort', dir, '--out', out, '--no-png', '--strict'], quiet)).toBe(1);
    expect(treeHashes(out)).toEqual(before);
    expect(stagingLeftovers(dirname(out))).toEqual([]);
  });
});

describe('hostile files, generated here (never committed): a finding each, never a hang or a crash', () => {
  /** Runs the cohort and checks the one error expected, no output, inputs untouched. */
  async function refused(
    dir: string,
    expected: { file: string; line: number; column: number; code: string },
  ) {
    const inputs = treeHashes(dir);
    const out = join(tempDir(), 'report');
    const result = await run(dir, out);
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([{ ...expected, severity: 'error' }]);
    for (const f of result.findings) expect(f.message.length).toBeLessThan(300);
    expect(existsSync(out)).toBe(false);
    expect(stagingLeftovers(dirname(out))).toEqual([]);
    expect(treeHashes(dir)).toEqual(inputs);
    return result.findings[0]!;
  }

  it('cases.csv as a symbolic link to /etc/passwd: refused, not read', async () => {
    const dir = cohortCopy({ 'cases.csv': null });
    symlinkSync('/etc/passwd', join(dir, 'cases.csv'));
    const f = await refused(dir, { file: 'cases.csv', line: 0, column: 0, code: 'file.outside-cohort' });
    expect(f.message).toContain('resolves to /etc/passwd, outside the cohort folder');
  });

  it('flow.csv as a link to /dev/zero (endless): refused, memory does not grow', async () => {
    const config = JSON.parse(readFileSync(join(BASE_DIR, 'cohort.json'), 'utf8')) as {
      files: Record<string, string>;
    };
    config.files.flow = 'flow.csv';
    const dir = cohortCopy({ 'cohort.json': JSON.stringify(config, null, 2) });
    symlinkSync('/dev/zero', join(dir, 'flow.csv'));
    await refused(dir, { file: 'flow.csv', line: 0, column: 0, code: 'file.outside-cohort' });
  });

  it('sources.csv as a FIFO that no one writes to: refused at once, never opened', async () => {
    const dir = cohortCopy({ 'sources.csv': null });
    execFileSync('mkfifo', [join(dir, 'sources.csv')]);
    const f = await refused(dir, { file: 'sources.csv', line: 0, column: 0, code: 'file.not-a-file' });
    expect(f.message).toBe('is a named pipe (FIFO), not a file');
  });

  it('cases.csv of 400 MB (sparse, no disk used): refused from its size, unread', async () => {
    const dir = cohortCopy();
    truncateSync(join(dir, 'cases.csv'), 400 * 1024 * 1024);
    const f = await refused(dir, { file: 'cases.csv', line: 0, column: 0, code: 'file.too-large' });
    expect(f.message).toContain('file is 400 MB, more than the 256 MB an input may have');
  });

  it('a 50 MB single line of cells and quotes: one error at line 1, not a V8 abort', async () => {
    const line = 'a,"b",'.repeat(Math.ceil((50 * 1024 * 1024) / 6));
    const dir = cohortCopy({ 'cases.csv': line });
    const f = await refused(dir, { file: 'cases.csv', line: 1, column: 0, code: 'file.line-too-long' });
    expect(f.message).toMatch(/^line is 52,428,80\d characters long, more than the 16,777,216/);
  }, 60_000);

  it('two million riskTimes: one config error at the array, not exit 3', async () => {
    const text = readFileSync(join(BASE_DIR, 'cohort.json'), 'utf8').replace(
      '"riskTimes": [0, 6, 12, 24, 36, 48]',
      `"riskTimes": [${new Array(2_000_000).fill(6).join(',')}]`,
    );
    const dir = cohortCopy({ 'cohort.json': text });
    const at = text.indexOf('"riskTimes": [') + '"riskTimes": '.length;
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    const f = await refused(dir, { file: 'cohort.json', line, column, code: 'config.invalid' });
    expect(f.message).toBe('/survival/riskTimes: must NOT have more than 25 items');
  }, 60_000);

  it('a 5 MB unknown symptom: quoted as 60 characters, in findings.csv and the page too', async () => {
    const term = `flank ${'q'.repeat(5 * 1024 * 1024)}`;
    // The symptom vocabulary opts into warnings, so the run writes its page and findings.csv.
    const dir = cohortCopy({
      'cohort.json': readFileSync(join(BAD_DIR, 'value-unknown-symptom-as-warning', 'cohort.json')),
      'cases.csv': casesWith([2, 'symptoms', term]),
    });
    const out = join(tempDir(), 'report');
    const result = await run(dir, out);
    expect(result.exitCode).toBe(0);
    expect(result.findings.map(where)).toEqual([
      { file: 'cases.csv', line: 3, column: 7, severity: 'warning', code: 'value.unknown-term' },
    ]);
    const message = result.findings[0]!.message;
    expect(message).toContain(`symptoms "flank ${'q'.repeat(53)}…" is not a known symptom term`);
    // The rest of the message is the list of known terms, from cohort.json, and how it is counted.
    expect(message.length).toBeLessThan(700);
    expect(readFileSync(join(out, 'findings.csv')).length).toBeLessThan(2_000);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('q'.repeat(100));
  }, 60_000);

  it('writes nothing outside --out: not next to it, not in the cohort folder, not in the temp folder', async () => {
    const parent = tempDir();
    const out = join(parent, 'report');
    const dir = cohortCopy({ 'cases.csv': casesWith([1, 'notes', 'SYNTHETIC \u0001 x']) });
    const inputs = treeHashes(dir);
    const ownTmp = tempDir('casepool-tmpdir-');
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = ownTmp; // os.tmpdir() reads it on every call
    try {
      const result = await runCohort(dir, out, { cwd: dir, png: true });
      expect(result.exitCode).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    // Beside the report only its own version folder, behind the link.
    expect(readdirSync(parent)).toContain('report');
    expect(stagingLeftovers(parent)).toEqual([]);
    expect(readdirSync(parent).filter((n) => n !== 'report' && !n.startsWith('.casepool-report-'))).toEqual(
      [],
    );
    expect(readdirSync(ownTmp)).toEqual([]);
    expect(treeHashes(dir)).toEqual(inputs);
  }, 60_000);
});

describe('the hostile fixture (test/fixtures/hostile): markup, controls, escapes and U+2028 in cells and flow labels', () => {
  it('runs with PNGs (resvg parses every SVG as XML), warns at each cell, writes no such character', async () => {
    const dir = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));
    const inputs = treeHashes(dir);
    const out = join(tempDir(), 'report');
    const result = await runCohort(dir, out, { cwd: dir, png: true });
    expect(result.exitCode).toBe(0);
    expect(ordered(result.findings).map(where)).toEqual([
      { file: 'cases.csv', line: 5, column: 1, severity: 'warning', code: 'value.control-character' },
      { file: 'cases.csv', line: 5, column: 17, severity: 'warning', code: 'value.control-character' },
      { file: 'flow.csv', line: 2, column: 2, severity: 'warning', code: 'value.control-character' },
      { file: 'flow.csv', line: 5, column: 2, severity: 'warning', code: 'value.control-character' },
      { file: 'flow.csv', line: 7, column: 2, severity: 'warning', code: 'value.control-character' },
    ]);
    const files = Object.keys(treeHashes(out));
    expect(files.filter((f) => f.endsWith('.png')).length).toBeGreaterThan(5);
    expect(files).toContain('figures/flow.svg');
    for (const file of files.filter((f) => /\.(svg|html|csv|json)$/.test(f))) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(hasUnsafeText(text), file).toBe(false);
    }
    const flow = readFileSync(join(out, 'figures/flow.svg'), 'utf8');
    expect(flow).toContain('PubMed &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(flow).toContain('Duplicates &#39;); alert(1); (&#39;');
    const tidy = readFileSync(join(out, 'tidy/cases.csv'), 'utf8');
    expect(tidy).toContain('SYN-H4,synthetic');
    expect(tidy).toContain("SYNTHETIC [31mred[0m ');alert(1);(' back\\\\slash   bell");
    expect(treeHashes(dir)).toEqual(inputs);
  }, 120_000);
});
