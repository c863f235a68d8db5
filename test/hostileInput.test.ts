// The third hostile round on the input side (issue #21, items 3, 4, 5 and 9): workbook and finding
// bombs, located answers instead of stack traces, invisible characters and impossible values, and
// messages that quote at most 60 characters. Every file here is generated in the test (never
// committed); each scenario checks the exit code, the located findings, that the inputs are unchanged,
// that nothing is written outside --out and that a previous report survives a refused run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../pipeline/run.ts';
import type { Finding } from '../pipeline/types.ts';
import {
  BAD_DIR,
  BASE_DIR,
  cohortCopy,
  ordered,
  removeTemporaryFolders,
  run,
  stagingLeftovers,
  tempDir,
  treeHashes,
} from './helpers/badCohort.ts';

afterAll(removeTemporaryFolders);

const where = (f: Finding) => ({
  file: f.file,
  line: f.line,
  column: f.column,
  severity: f.severity,
  code: f.code,
});

const baseCases = readFileSync(join(BASE_DIR, 'cases.csv'), 'utf8');
const header = baseCases.split('\n')[0]!.split(',');
const baseConfig = () =>
  JSON.parse(readFileSync(join(BASE_DIR, 'cohort.json'), 'utf8')) as Record<string, unknown> & {
    files: Record<string, string>;
  };

/** base's cases.csv with cells replaced ([row (1 = first data row), column, text]) and rows added. */
function casesWith(edits: Array<[number, string, string]>, extraRows: string[][] = []): string {
  const rows = parse(baseCases) as string[][];
  for (const [row, column, text] of edits) rows[row]![header.indexOf(column)] = text;
  rows.push(...extraRows);
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

/** A copy of base's data row `row` (1 = first) with cells replaced. */
function rowLike(row: number, cells: Record<string, string>): string[] {
  const copy = [...(parse(baseCases) as string[][])[row]!];
  for (const [column, text] of Object.entries(cells)) copy[header.indexOf(column)] = text;
  return copy;
}

/** Files in the folder that holds --out, other than the report's link and its version folders. */
const strangersBeside = (out: string) =>
  readdirSync(dirname(out)).filter((n) => n !== 'report' && !n.startsWith('.casepool-report-'));

/**
 * Writes a good report of base into a fresh --out, then runs `dir` into it: the findings, exit code,
 * inputs untouched, nothing outside --out, and (exit 1) the previous report byte for byte.
 */
async function runOverPrevious(dir: string, options: RunOptions = {}) {
  const out = join(tempDir(), 'report');
  expect((await run(cohortCopy(), out)).exitCode).toBe(0);
  const previous = treeHashes(out);
  const inputs = treeHashes(dir);
  const result = await run(dir, out, options);
  expect(treeHashes(dir)).toEqual(inputs);
  expect(stagingLeftovers(dirname(out))).toEqual([]);
  expect(strangersBeside(out)).toEqual([]);
  if (result.exitCode === 1) expect(treeHashes(out)).toEqual(previous);
  for (const f of result.findings) expect(f.message).not.toMatch(/\n\s+at /); // no stack trace
  return { ...result, out, findings: ordered(result.findings) };
}

describe('invisible characters: removed at the cell with a warning, ids compared after that', () => {
  it('a case id repeated with a zero-width space after it is a repeat, not a second patient', async () => {
    const dir = cohortCopy({ 'cases.csv': casesWith([[3, 'case_id', 'SYN-01\u200b']]) });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([
      { file: 'cases.csv', line: 4, column: 1, severity: 'error', code: 'case.duplicate-id' },
      { file: 'cases.csv', line: 4, column: 1, severity: 'warning', code: 'value.control-character' },
    ]);
    expect(result.findings[0]!.message).toBe('case_id "SYN-01" is used again (first at line 2)');
    expect(result.findings[1]!.message).toContain('U+200B (zero-width space)');
  });

  it.each([
    ['U+200C', '\u200c'],
    ['U+200D', '\u200d'],
    ['U+2060', '\u2060'],
    ['U+FEFF', '\ufeff'],
  ])('the same with %s inside the id', async (_, c) => {
    const dir = cohortCopy({ 'cases.csv': casesWith([[3, 'case_id', `SYN${c}-01`]]) });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(1);
    expect(result.findings.map((f) => f.code)).toEqual(['case.duplicate-id', 'value.control-character']);
  });

  it('a right-to-left override in a case id (it would display as another id) is removed, with a warning', async () => {
    // "SYN-\u202E70" displays as SYN-07 in a bidirectional renderer; its characters are SYN-70.
    const dir = cohortCopy({
      'cases.csv': casesWith([
        [2, 'case_id', 'SYN-\u202e70'],
        [3, 'notes', 'SYNTHETIC \u2066isolated\u2069 \u202atext\u202c'],
      ]),
    });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(0);
    expect(result.findings.map(where)).toEqual([
      { file: 'cases.csv', line: 3, column: 1, severity: 'warning', code: 'value.control-character' },
      { file: 'cases.csv', line: 4, column: 17, severity: 'warning', code: 'value.control-character' },
    ]);
    expect(result.findings[0]!.message).toContain('U+202E (right-to-left override)');
    expect(result.findings[1]!.message).toContain(
      'U+2066 (left-to-right isolate), U+2069 (pop directional isolate), U+202A (left-to-right embedding)',
    );
    const tidy = readFileSync(join(result.out, 'tidy/cases.csv'), 'utf8');
    expect(tidy).toContain('\nSYN-70,');
    expect(tidy).toContain('SYNTHETIC isolated text');
    expect(tidy).not.toMatch(/[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('impossible values: located errors', () => {
  it.each([
    ['20199', 'an extra digit'],
    ['9999', 'a placeholder'],
    ['1019', 'a typo'],
    ['2019a', 'text'],
  ])('a source year %s (%s)', async (year) => {
    const sources = readFileSync(join(BASE_DIR, 'sources.csv'), 'utf8').replace(
      'oshidari2021,Oshidari,2021,',
      `oshidari2021,Oshidari,${year},`,
    );
    const dir = cohortCopy({ 'sources.csv': sources });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([
      { file: 'sources.csv', line: 4, column: 3, severity: 'error', code: 'source.bad-year' },
    ]);
    expect(result.findings[0]!.message).toMatch(
      new RegExp(`^year "${year}" is not a publication year from 1800 to \\d{4}`),
    );
  });

  /** base with a study flow whose `identified` count is `count`. */
  const withFlow = (count: string) => {
    const config = baseConfig();
    config.files.flow = 'flow.csv';
    const flow = [
      'step,label,count,note',
      `identified,PubMed,${count},SYNTHETIC`,
      'screened,Records screened,8,',
      'included_patients,Patients,5,',
    ].join('\n');
    return cohortCopy({ 'cohort.json': JSON.stringify(config, null, 2), 'flow.csv': flow });
  };

  it('a flow count beyond 2^53, which a double would round: an error at the count', async () => {
    const result = await runOverPrevious(withFlow('9007199254740993'));
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([
      { file: 'flow.csv', line: 2, column: 3, severity: 'error', code: 'flow.bad-count' },
    ]);
    expect(result.findings[0]!.message).toBe(
      'count "9007199254740993" is more than 9,007,199,254,740,991, the largest count held exactly',
    );
  });

  it('a flow count of "1.000" (one thousand where "." groups digits): refused as ambiguous', async () => {
    const result = await runOverPrevious(withFlow('1.000'));
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([
      { file: 'flow.csv', line: 2, column: 3, severity: 'error', code: 'flow.bad-count' },
    ]);
    expect(result.findings[0]!.message).toMatch(/^count "1\.000" is ambiguous: a thousand or so/);
  });

  it.each([
    ['age', '1.000', 3],
    ['age', '1,000', 3],
    ['followup', '1.500', 16],
    ['size', '1.000', 6],
    ['size', '10 x 1.500 cm', 6],
  ])('%s "%s" in cases.csv: refused as ambiguous', async (column, text, at) => {
    const result = await runOverPrevious(cohortCopy({ 'cases.csv': casesWith([[2, column, text]]) }));
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([
      { file: 'cases.csv', line: 3, column: at, severity: 'error', code: expect.any(String) as string },
    ]);
    expect(result.findings[0]!.message).toContain(`"${text}"`);
    expect(result.findings[0]!.message).toContain('is ambiguous');
  });

  it('a published value "1.000": refused as ambiguous, as "1,000" is', async () => {
    const published = readFileSync(join(BASE_DIR, 'published.csv'), 'utf8').replace(
      'n_included,Patients pooled,n_included,value,49,',
      'n_included,Patients pooled,n_included,value,1.000,',
    );
    const result = await runOverPrevious(cohortCopy({ 'published.csv': published }));
    expect(result.exitCode).toBe(1);
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.severity])).toEqual([
      ['published.csv', 2, 5, 'error'],
    ]);
    expect(result.findings[0]!.message).toMatch(/^published value "1\.000" is ambiguous/);
  });

  it('0.125 and 1.0005 are still numbers', async () => {
    const result = await runOverPrevious(
      cohortCopy({
        'cases.csv': casesWith([
          [2, 'size', '0.125'],
          [3, 'followup', '1.0005'],
        ]),
      }),
    );
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});

describe('located answers, never stack traces', () => {
  it('a condition nested 3,000 deep in cohort.json: a config error where it gets too deep, not exit 3', async () => {
    const depth = 3_000;
    const nested = '{"all":['.repeat(depth) + '{"variable":"age","atLeast":1}' + ']}'.repeat(depth);
    const text = readFileSync(join(BASE_DIR, 'cohort.json'), 'utf8').replace(
      '"statistics": [',
      `"statistics": [{"id":"deep","label":"Deep","when":${nested}},`,
    );
    const dir = cohortCopy({ 'cohort.json': text });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(1);
    // The document's 64th level: root, statistics, the statistic, when, then 30 all/0 pairs and an all.
    const line = text.slice(0, text.indexOf('"deep"')).split('\n').length;
    const lineText = text.split('\n')[line - 1]!;
    let at = -1;
    for (let k = 0; k < 31; k++) at = lineText.indexOf('"all":[', at + 1);
    expect(result.findings.map(where)).toEqual([
      {
        file: 'cohort.json',
        line,
        column: at + '"all":'.length + 1,
        severity: 'error',
        code: 'config.too-deep',
      },
    ]);
    expect(result.findings[0]!.message).toBe(
      `/statistics/0/when${'/all/0'.repeat(30)}/all: nested more than 64 levels deep (conditions in all/any/not): write the condition flatter, or as a derived variable`,
    );
  });

  it('as the CLI runs it: exit 1 and the located line, no trace', async () => {
    const nested = '{"not":'.repeat(100_000) + '{"variable":"age","atLeast":1}' + '}'.repeat(100_000);
    const text = readFileSync(join(BASE_DIR, 'cohort.json'), 'utf8').replace(
      '"statistics": [',
      `"statistics": [{"id":"deep","label":"Deep","when":${nested}},`,
    );
    const dir = cohortCopy({ 'cohort.json': text });
    const out = join(tempDir(), 'report');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'pipeline/cli/cli.ts', '--no-png', '--cohort', dir, '--out', out],
      { encoding: 'utf8' },
    );
    expect(child.status).toBe(1);
    expect(child.stdout + child.stderr).toMatch(
      /cohort\.json:\d+:\d+: error: \/statistics\/0\/when(\/not){61}: nested more than 64 levels/,
    );
    expect(child.stderr).not.toMatch(/RangeError|\n\s+at /);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('chart sizes bounded', () => {
  it('a 4,000-word panel title at --dpi 72: a config error at the title, before anything is drawn (was exit 3)', async () => {
    const title = Array.from({ length: 4_000 }, (_, k) => `word${k}`).join(' ');
    const config = baseConfig() as ReturnType<typeof baseConfig> & { panels: Array<{ title: string }> };
    config.panels[0]!.title = title;
    const text = JSON.stringify(config, null, 2);
    const dir = cohortCopy({ 'cohort.json': text });
    const result = await runOverPrevious(dir, { png: true, figures: { dpi: 72 } });
    expect(result.exitCode).toBe(1);
    const line = text.slice(0, text.indexOf('"word0')).split('\n').length;
    expect(result.findings.map(where)).toEqual([
      {
        file: 'cohort.json',
        line,
        column: text.split('\n')[line - 1]!.indexOf('"word0') + 1,
        severity: 'error',
        code: 'config.invalid',
      },
    ]);
    expect(result.findings[0]!.message).toBe(
      `/panels/0/title: title has ${title.length.toLocaleString('en-US')} characters, more than the 200 a title or label may have (figures are a journal column wide): shorten it, and say the rest in a description`,
    );
  }, 60_000);

  it('a 200-character title and label, as one word, still draw at --dpi 72 in one column', async () => {
    const config = baseConfig() as ReturnType<typeof baseConfig> & {
      panels: Array<{ title: string }>;
      statistics: Array<{ label: string }>;
    };
    config.panels[0]!.title = 'W'.repeat(200);
    config.statistics[0]!.label = 'M'.repeat(200);
    const dir = cohortCopy({ 'cohort.json': JSON.stringify(config, null, 2) });
    const result = await runOverPrevious(dir, { png: true, figures: { dpi: 72, width: 'single' } });
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(result.out, 'figures/figure-combined.png'))).toBe(true);
  }, 60_000);
});

describe('messages quote at most 60 characters of any value, ids included', () => {
  it('300-character case and source ids: a likely duplicate, a flow scope, an accepted.csv key', async () => {
    const longCase = (k: number) => `SYN-${k}-${'c'.repeat(296)}`;
    const longSource = `syn-${'s'.repeat(296)}`;
    const config = JSON.parse(
      readFileSync(join(BAD_DIR, 'value-likely-duplicate', 'cohort.json'), 'utf8'),
    ) as ReturnType<typeof baseConfig>;
    config.files.flow = 'flow.csv';
    config.files.accepted = 'accepted.csv';
    const sources = [
      'source_id,authors,year,title,journal,doi,pmid,url,note',
      'syn-a,Tanaka K,2019,,,,,,SYNTHETIC',
      `${longSource},"Tanaka K, Sato H",2020,,,,,,SYNTHETIC`,
    ].join('\n');
    const rows = [
      rowLike(1, { case_id: longCase(1), source_id: 'syn-a' }),
      rowLike(1, { case_id: longCase(2), source_id: longSource }),
    ];
    const dir = cohortCopy({
      'cohort.json': JSON.stringify(config, null, 2),
      'sources.csv': sources + '\n',
      'cases.csv': [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n',
      'flow.csv': `step,label,count,note\nscope,${longSource}x,,\nidentified,PubMed,10,SYNTHETIC\n`,
      'accepted.csv': `file,code,key,reason\ncases.csv,case.unknown-thing,${longCase(3)},SYNTHETIC\n`,
    });
    const result = await runOverPrevious(dir);
    expect(result.findings.map((f) => f.code).sort()).toEqual(
      ['accepted.unused', 'case.likely-duplicate', 'flow.unknown-source'].sort(),
    );
    for (const f of result.findings) {
      expect(f.message, f.code).not.toMatch(/c{60}|s{60}/);
      expect(f.message, f.code).toMatch(/(c|s)+…/);
    }
  });
});

const AGE = header.indexOf('age');

/** base with cases.csv replaced by cases.xlsx (the same cells, made by `build`), named in cohort.json. */
async function workbookCohort(build: (sheet: ExcelJS.Worksheet) => void, extraRows = 0) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Patients');
  const records = parse(baseCases) as string[][];
  for (let k = 0; k < extraRows; k++) records.push(rowLike(1, { case_id: `SYN-X${k}` }));
  for (const record of records)
    // Ages as number cells, as Excel makes them; every other cell as text.
    sheet.addRow(
      record.map((cell, c) => (c === AGE && /^\d+$/.test(cell) ? Number(cell) : cell === '' ? null : cell)),
    );
  build(sheet);
  const config = baseConfig();
  config.files.cases = 'cases.xlsx';
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { bytes, config };
}

/** The CLI from the sources in a child process under a 768 MB heap, peak RSS measured by GNU time. */
function runUnder768(dir: string, out: string) {
  const start = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'peak-rss-kb %M',
      process.execPath,
      '--max-old-space-size=768',
      '--import',
      'tsx',
      'pipeline/cli/cli.ts',
    ].concat(['--no-png', '--all-findings', '--cohort', dir, '--out', out]),
    { encoding: 'utf8' },
  );
  const peakMB = Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024;
  return {
    status: child.status,
    output: child.stdout + child.stderr,
    seconds: (performance.now() - start) / 1000,
    peakMB,
  };
}

/**
 * `zip` with one more entry, `name`, holding `size` zero bytes deflated (streamed: the zeros are never
 * held whole): 768 MB of zeros deflate to 0.75 MB.
 */
async function withZeroEntry(zip: Uint8Array, name: string, size: number): Promise<Uint8Array> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw();
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const data = Buffer.concat(parts);
  const bytes = Buffer.from(zip);
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  const centralSize = bytes.readUInt32LE(end + 12);
  const centralAt = bytes.readUInt32LE(end + 16);
  const nameBytes = Buffer.from(name);
  const fields = (b: Buffer, at: number) => {
    b.writeUInt16LE(20, at); // version needed
    b.writeUInt16LE(0, at + 2); // flags
    b.writeUInt16LE(8, at + 4); // deflate
    b.writeUInt32LE(0, at + 6); // time, date
    b.writeUInt32LE(crc, at + 10);
    b.writeUInt32LE(data.length, at + 14);
    b.writeUInt32LE(size, at + 18);
    b.writeUInt16LE(nameBytes.length, at + 22);
  };
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  fields(local, 4);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  fields(central, 6);
  central.writeUInt32LE(centralAt, 42);
  const newCentralAt = centralAt + 30 + nameBytes.length + data.length;
  const record = Buffer.from(bytes.subarray(end, end + 22));
  record.writeUInt16LE(count + 1, 8);
  record.writeUInt16LE(count + 1, 10);
  record.writeUInt32LE(centralSize + 46 + nameBytes.length, 12);
  record.writeUInt32LE(newCentralAt, 16);
  return Buffer.concat([
    bytes.subarray(0, centralAt),
    local,
    nameBytes,
    data,
    bytes.subarray(centralAt, centralAt + centralSize),
    central,
    nameBytes,
    record,
  ]);
}

describe('bounded workbooks', () => {
  it('one space in XFD1 of a 0.1 MB cases.xlsx: read as wide as its values, not 16,384 cells (768 MB heap)', async () => {
    const { bytes, config } = await workbookCohort((sheet) => {
      sheet.getCell('XFD1').value = ' ';
    }, 1_000);
    expect(bytes.length).toBeLessThan(200_000);
    const dir = cohortCopy({
      'cases.csv': null,
      'cases.xlsx': bytes,
      'cohort.json': JSON.stringify(config, null, 2),
    });
    const inputs = treeHashes(dir);
    const out = join(tempDir(), 'report');
    const result = runUnder768(dir, out);
    expect(result.output).not.toMatch(/heap out of memory|\n\s+at /);
    expect(result.status).toBe(0);
    expect(result.seconds).toBeLessThan(45);
    if (Number.isFinite(result.peakMB)) expect(result.peakMB).toBeLessThan(768);
    expect(readFileSync(join(out, 'tidy/cases.csv'), 'utf8').split('\n')[0]!.split(',').length).toBeLessThan(
      30,
    );
    expect(treeHashes(dir)).toEqual(inputs);
    expect(strangersBeside(out)).toEqual([]);
  }, 60_000);

  it('a 0.8 MB workbook whose xl/media entry inflates to 768 MB: refused before it is read, memory bounded', async () => {
    const { bytes, config } = await workbookCohort(() => {});
    const bomb = await withZeroEntry(bytes, 'xl/media/image1.png', 768 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const dir = cohortCopy({
      'cases.csv': null,
      'cases.xlsx': bomb,
      'cohort.json': JSON.stringify(config, null, 2),
    });
    // In this process: the finding, the previous report intact.
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([
      { file: 'cases.xlsx', line: 0, column: 0, severity: 'error', code: 'file.too-large' },
    ]);
    expect(result.findings[0]!.message).toBe(
      'workbook unpacks to more than 256 MB, more than an input may have (passed at xl/media/image1.png): remove pictures and other sheets from it, or save the sheet as "CSV UTF-8"',
    );
    // As the CLI runs it, under a 768 MB heap: the same line, exit 1, well under 1 GB resident.
    const out = join(tempDir(), 'report');
    const child = runUnder768(dir, out);
    expect(child.status).toBe(1);
    expect(child.output).toContain('cases.xlsx:0:0: error: workbook unpacks to more than 256 MB');
    if (Number.isFinite(child.peakMB)) expect(child.peakMB).toBeLessThan(512);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a header of 1,001 cells with values: refused as for CSV', async () => {
    const { bytes, config } = await workbookCohort((sheet) => {
      for (let c = 20; c <= 1_001; c++) sheet.getCell(1, c).value = `extra ${c}`;
    });
    const dir = cohortCopy({
      'cases.csv': null,
      'cases.xlsx': bytes,
      'cohort.json': JSON.stringify(config, null, 2),
    });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(1);
    expect(result.findings.map(where)).toEqual([
      { file: 'cases.xlsx', line: 1, column: 0, severity: 'error', code: 'header.too-many-columns' },
    ]);
    expect(result.findings[0]!.message).toBe('header has 1,001 cells, more than the 1000 a table may have');
  });

  it('hidden and filtered-out rows: read, with one warning naming them', async () => {
    const { bytes, config } = await workbookCohort((sheet) => {
      sheet.getRow(3).hidden = true;
      sheet.getRow(5).hidden = true;
      sheet.getRow(6).hidden = true;
      sheet.autoFilter = 'A1:S7';
    });
    const dir = cohortCopy({
      'cases.csv': null,
      'cases.xlsx': bytes,
      'cohort.json': JSON.stringify(config, null, 2),
    });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(0);
    expect(result.findings.map(where)).toEqual([
      { file: 'cases.xlsx', line: 3, column: 0, severity: 'warning', code: 'workbook.hidden-rows' },
    ]);
    expect(result.findings[0]!.message).toBe(
      '3 rows of sheet "Patients" are hidden or filtered out in Excel (rows 3, 5–6) and are read like every other row: delete them from the sheet, or set include = no with a reason, if they should not count',
    );
    const stats = JSON.parse(readFileSync(join(result.out, 'stats.json'), 'utf8')) as { n_rows: number };
    expect(stats.n_rows).toBe(6);
    // --strict: the warning stops the run, and the report stays.
    const strict = await runOverPrevious(dir, { strict: true });
    expect(strict.exitCode).toBe(1);
  });
});

describe('bounded findings: the first 1,000 of a code, then a count', () => {
  /** `n` synthetic look-alike rows: the same patient, alternating between two sources that share an author. */
  function lookAlikes(n: number) {
    const rows = Array.from({ length: n }, (_, k) =>
      rowLike(1, {
        case_id: `SYN-L${k}`,
        source_id: k % 2 ? 'syn-b' : 'syn-a',
        notes: 'SYNTHETIC look-alike',
      }),
    );
    const sources = [
      'source_id,authors,year,title,journal,doi,pmid,url,note',
      'syn-a,Tanaka K,2019,,,,,,SYNTHETIC',
      'syn-b,"Tanaka K, Sato H",2020,,,,,,SYNTHETIC',
    ].join('\n');
    return cohortCopy({
      // base's cohort.json with the duplicate check of the adrenal cohort
      'cohort.json': readFileSync(join(BAD_DIR, 'value-likely-duplicate', 'cohort.json')),
      'cases.csv': [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n',
      'sources.csv': sources + '\n',
    });
  }

  it('5,000 look-alike rows (6.25 M likely-duplicate pairs) run under a 768 MB heap: 1,000 listed, the rest counted', () => {
    const dir = lookAlikes(5_000);
    const inputs = treeHashes(dir);
    const out = join(tempDir(), 'report');
    const start = performance.now();
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=768',
        '--import',
        'tsx',
        'pipeline/cli/cli.ts',
        '--no-png',
        '--cohort',
        dir,
        '--out',
        out,
      ],
      { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
    );
    const seconds = (performance.now() - start) / 1000;
    expect(child.stderr).not.toMatch(/heap out of memory|\n\s+at /);
    expect(child.status).toBe(0);
    const findings = parse(readFileSync(join(out, 'findings.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    const codes = findings.map((f) => f.code);
    expect(codes.filter((c) => c === 'case.likely-duplicate')).toHaveLength(1_000);
    // 2,500 × 2,500 pairs from different sources, 1,000 of them listed.
    expect(
      findings.filter((f) => f.code === 'findings.capped').map((f) => [f.line, f.severity, f.message]),
    ).toEqual([
      [
        '0',
        'warning',
        '6,249,000 more case.likely-duplicate findings are not listed: only the first 1,000 of a kind are (fix those and run again)',
      ],
    ]);
    expect(child.stdout).toContain('6,249,000 more case.likely-duplicate findings are not listed');
    expect(seconds).toBeLessThan(45);
    expect(treeHashes(dir)).toEqual(inputs);
    expect(strangersBeside(out)).toEqual([]);
  }, 60_000);

  it('an error on each of 3,000 rows: 1,000 listed, one error counts the rest, the run fails, the report stays', async () => {
    const rows = Array.from({ length: 3_000 }, (_, k) => rowLike(1, { case_id: `SYN-E${k}`, age: 'sixty' }));
    const dir = cohortCopy({
      'cases.csv': [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n',
    });
    const result = await runOverPrevious(dir);
    expect(result.exitCode).toBe(1);
    expect(result.findings).toHaveLength(1_001);
    expect(result.findings.filter((f) => f.code === 'value.not-a-number')).toHaveLength(1_000);
    expect(result.findings.at(-1)!.line).toBe(1_001);
    const capped = result.findings.filter((f) => f.code === 'findings.capped');
    expect(capped.map(where)).toEqual([
      { file: 'cases.csv', line: 0, column: 0, severity: 'error', code: 'findings.capped' },
    ]);
    expect(capped[0]!.message).toMatch(/^2,000 more value\.\S+ findings are not listed/);
  }, 60_000);
});
