// Randomly mutated copies of a valid cases.csv (test/fixtures/bad/base), run in-process: each run ends
// with exit 0 or 1, never an exception; exit 1 writes nothing, exit 0 writes a complete report.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../pipeline/run.ts';
import { BASE_DIR, cohortCopy, removeTemporaryFolders, run, tempDir } from './helpers/badCohort.ts';
import { seededRandom } from '../pipeline/stats/seededRandom.ts';

afterAll(removeTemporaryFolders);

// Other seeds and counts for a longer hunt: CASEPOOL_FUZZ_SEED=7 CASEPOOL_FUZZ_RUNS=2000 npx vitest run test/fuzz.test.ts
const SEED = Number(process.env.CASEPOOL_FUZZ_SEED ?? 20240601);
/** About 15 s on 2 cores (most mutants stop at an error; a valid one renders a report, ~0.2 s). */
const RUNS = Number(process.env.CASEPOOL_FUZZ_RUNS ?? 300);

type Mutation = (text: Buffer, random: () => number) => Buffer;

// Latin-1 maps bytes to characters one to one, so text edits keep every other byte as it was.
const asText = (b: Buffer) => b.toString('latin1');
const asBytes = (s: string) => Buffer.from(s, 'latin1');
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const below = (n: number, random: () => number) => Math.floor(random() * n);
const editLines = (b: Buffer, edit: (lines: string[]) => void) => {
  const lines = asText(b).split('\n');
  edit(lines);
  return asBytes(lines.join('\n'));
};

const CELLS = ['', ' ', 'abc', '-1', '0', '999', '1e400', 'NaN', '"', '""', 'none;lung', 'yes', 'no'].concat([
  '=1+1',
  '<b>x</b>',
  'x'.repeat(2000),
  '\u0000',
  '\uFEFF',
  '10 x',
  '1,000',
  '-',
  '1 year 3',
  'femal',
]);

const MUTATIONS: Record<string, Mutation> = {
  deleteQuote: (b, r) => {
    const s = asText(b);
    const quotes = [...s.matchAll(/"/g)].map((m) => m.index);
    if (quotes.length === 0) return b;
    const k = pick(quotes, r);
    return asBytes(s.slice(0, k) + s.slice(k + 1));
  },
  insertQuote: (b, r) => {
    const s = asText(b);
    const k = below(s.length + 1, r);
    return asBytes(`${s.slice(0, k)}"${s.slice(k)}`);
  },
  swapColumns: (b, r) => {
    const i = below(19, r);
    const j = below(19, r);
    return editLines(b, (lines) =>
      lines.forEach((line, n) => {
        const cells = line.split(',');
        if (cells.length > Math.max(i, j)) [cells[i], cells[j]] = [cells[j]!, cells[i]!];
        lines[n] = cells.join(',');
      }),
    );
  },
  randomBytes: (b, r) => {
    const out = Buffer.from(b);
    for (let n = 1 + below(8, r); n > 0; n--) out[below(out.length, r)] = below(256, r);
    return out;
  },
  truncateLine: (b, r) =>
    editLines(b, (lines) => {
      const i = below(lines.length, r);
      lines[i] = lines[i]!.slice(0, below(lines[i]!.length + 1, r));
    }),
  truncateFile: (b, r) => b.subarray(0, below(b.length + 1, r)),
  duplicateLine: (b, r) =>
    editLines(b, (lines) => lines.splice(below(lines.length + 1, r), 0, pick(lines, r))),
  deleteLine: (b, r) => editLines(b, (lines) => lines.splice(below(lines.length, r), 1)),
  insertSeparator: (b, r) => {
    const s = asText(b);
    const k = below(s.length + 1, r);
    return asBytes(s.slice(0, k) + pick([',', ';', '\t', '\n', '\r', '\r\n', '"'], r) + s.slice(k));
  },
  replaceCell: (b, r) =>
    editLines(b, (lines) => {
      if (lines.length < 2) return;
      const i = 1 + below(lines.length - 1, r);
      const cells = lines[i]!.split(',');
      cells[below(cells.length, r)] = pick(CELLS, r);
      lines[i] = cells.join(',');
    }),
  renameHeaderCell: (b, r) =>
    editLines(b, (lines) => {
      const cells = lines[0]!.split(',');
      cells[below(cells.length, r)] = pick(['', ' ', 'case_id', 'CASE_ID', 'notes', 'x', '__proto__'], r);
      lines[0] = cells.join(',');
    }),
  byteOrderMark: (b, r) =>
    Buffer.concat([
      Buffer.from(
        pick(
          [
            [0xef, 0xbb, 0xbf],
            [0xff, 0xfe],
            [0xfe, 0xff],
          ],
          r,
        ),
      ),
      b,
    ]),
};
const NAMES = Object.keys(MUTATIONS);

interface Failure {
  run: number;
  mutations: string[];
  problem: string;
  start: string;
}

describe('fuzz: mutated cases.csv', () => {
  it(
    `${RUNS} mutants (seed ${SEED}): exit 0 or 1, never an exception, nothing half-written`,
    async () => {
      const random = seededRandom(SEED);
      const valid = readFileSync(join(BASE_DIR, 'cases.csv'));
      const dir = cohortCopy();
      const outParent = tempDir('casepool-fuzz-out-');
      const failures: Failure[] = [];
      const exits = { 0: 0, 1: 0 };

      for (let n = 0; n < RUNS; n++) {
        const applied: string[] = [];
        let bytes: Buffer = valid;
        for (let k = 1 + below(3, random); k > 0; k--) {
          const name = pick(NAMES, random);
          applied.push(name);
          bytes = MUTATIONS[name]!(bytes, random);
        }
        writeFileSync(join(dir, 'cases.csv'), bytes);
        const out = join(outParent, `run-${n}`);
        const fail = (problem: string) =>
          failures.push({ run: n, mutations: applied, problem, start: asText(bytes).slice(0, 300) });

        let result: RunResult;
        try {
          result = await run(dir, out);
        } catch (e) {
          fail(`threw: ${(e as Error).stack ?? String(e)}`);
          continue;
        }
        exits[result.exitCode]++;
        if (result.exitCode !== 0 && result.exitCode !== 1) fail(`exit code ${String(result.exitCode)}`);
        if (result.exitCode === 1 && existsSync(out)) fail('exit 1 but the output folder exists');
        if (result.exitCode === 1 && !result.findings.some((f) => f.severity === 'error'))
          fail('exit 1 without an error');
        if (result.exitCode === 0) {
          for (const file of ['index.html', 'stats.json', 'tidy/cases.csv'])
            if (!existsSync(join(out, file))) fail(`exit 0 but ${file} is missing`);
        }
        for (const f of result.findings) {
          const wellFormed =
            ['error', 'warning', 'info'].includes(f.severity) &&
            Number.isInteger(f.line) &&
            f.line >= 0 &&
            Number.isInteger(f.column) &&
            f.column >= 0 &&
            f.code !== '' &&
            f.message !== '';
          if (!wellFormed) fail(`malformed finding ${JSON.stringify(f).slice(0, 300)}`);
        }
        if (!readFileSync(join(dir, 'cases.csv')).equals(bytes)) fail('cases.csv was modified');
        rmSync(out, { recursive: true, force: true });
      }

      expect(failures).toEqual([]);
      // The mutants reach both outcomes, so both sets of checks above were exercised.
      expect(exits[0]).toBeGreaterThan(10);
      expect(exits[1]).toBeGreaterThan(10);
    },
    Math.max(120_000, RUNS * 400),
  );
});
