// Crash tests of the output writer: a child process is SIGKILLed just before each of its file-system
// steps in turn (CASEPOOL_TEST_KILL_AT, honoured only by the writer), and at random times; after every
// kill the output must hold the complete old or the complete new report, and the next run must repair
// what was left and succeed. Reports are synthetic (test/fixtures/output/syntheticReport.ts).
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lockName, newRunId, versionName } from '../../pipeline/io/outputNames.ts';
import { writeOutputAtomically } from '../../pipeline/io/writeOutputAtomically.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';
import { completeTree, isSymlink, siblingsOf, treeOf } from '../fixtures/output/reportTree.ts';
import { syntheticReport } from '../fixtures/output/syntheticReport.ts';

type Swap = 'symlink' | 'rename';
interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const FILES = 4;
const A = syntheticReport('A', FILES);
const B = syntheticReport('B', FILES);

function spawnChild(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
  });
  const result = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (result.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (result.stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ...result })),
  );
  return { child, result, exited };
}

const writer = (
  out: string,
  version: 'A' | 'B',
  swap: Swap,
  env: Record<string, string> = {},
  files = FILES,
) => spawnChild(['test/fixtures/output/writerChild.ts', out, version, swap, String(files)], env);

/** Runs `work` over `items`, two at a time (the machine has two cores). */
async function inPairs<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const next = async (): Promise<void> => {
    const item = queue.shift();
    if (item === undefined) return;
    await work(item);
    return next();
  };
  await Promise.all([next(), next()]);
}

/** After the repairing run: `out` is the complete report of `files` and nothing else is left. */
function expectRepaired(parent: string, files: typeof A, swap: Swap) {
  const out = join(parent, 'rep');
  expect(completeTree(out)).toEqual(treeOf(files));
  expect(siblingsOf(parent, 'rep')).toEqual(swap === 'symlink' ? [readlinkSync(out)] : []);
}

/**
 * Scenarios: the old report A as a link (the usual case), A as a real folder replaced by a link (an
 * output from before the links), and the Windows swap (two renames).
 */
const scenarios: Array<{ name: string; old: Swap; swap: Swap; messy?: boolean }> = [
  { name: 'link over link', old: 'symlink', swap: 'symlink' },
  { name: 'link over a real folder (an output from before the links)', old: 'rename', swap: 'symlink' },
  { name: 'two renames (Windows)', old: 'rename', swap: 'rename' },
  {
    name: 'link over link, after a killed run (its leftovers are repaired first)',
    old: 'symlink',
    swap: 'symlink',
    messy: true,
  },
];

/** What a run killed while writing leaves: a half-written version, a link not yet renamed, a dead lock. */
function leaveLeftovers(parent: string) {
  const half = join(parent, versionName('rep', newRunId()));
  mkdirSync(join(half, 'tidy'), { recursive: true });
  writeFileSync(join(half, 'index.html'), 'half');
  symlinkSync(basename(half), join(parent, `${basename(half)}.link`));
  mkdirSync(join(parent, '.casepool-tmp-rep-Old123'));
  // pid 2^22 + 1 is above Linux's largest pid: no such process.
  writeFileSync(join(parent, lockName('rep')), JSON.stringify({ pid: 4194305, host: hostname() }));
}

describe('killing the writer at every step', () => {
  it.each(scenarios)(
    '$name: the old or the new complete report, always; the next run repairs',
    async (s) => {
      const setUp = async () => {
        const parent = mkdtempSync(join(tmpdir(), 'casepool-crash-'));
        await writeOutputAtomically(join(parent, 'rep'), A, { swap: s.old });
        if (s.messy) leaveLeftovers(parent);
        return parent;
      };
      const logDir = mkdtempSync(join(tmpdir(), 'casepool-steps-'));
      const probe = await setUp();
      const log = join(logDir, 'steps');
      const full = await writer(join(probe, 'rep'), 'B', s.swap, { CASEPOOL_TEST_STEP_LOG: log }).exited;
      expect(full.code, full.stderr).toBe(0);
      const steps = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[1]!);
      expect(steps).toContain('switch');
      if (s.messy)
        expect(steps.filter((x) => x === 'remove').length, steps.join(' ')).toBeGreaterThanOrEqual(3);
      expect(steps.at(-1)).toBe('unlock');

      const seen: string[] = [];
      await inPairs(
        steps.map((_, i) => i + 1),
        async (k) => {
          const parent = await setUp();
          const out = join(parent, 'rep');
          const killed = await writer(out, 'B', s.swap, { CASEPOOL_TEST_KILL_AT: String(k) }).exited;
          expect(killed.signal, `step ${k} (${steps[k - 1]}): ${killed.stderr}`).toBe('SIGKILL');
          const tree = completeTree(out);
          // Only a real folder cannot be swapped in one rename: between moving it aside and moving
          // the new one in (a kill just before 'switch') --out is briefly missing; the next run restores.
          const inGap = s.old === 'rename' && steps[k - 1] === 'switch';
          if (tree === null && inGap) seen.push(`${k} ${steps[k - 1]}: missing (gap)`);
          else {
            expect([treeOf(A), treeOf(B)], `after a kill before step ${k} (${steps[k - 1]})`).toContainEqual(
              tree,
            );
            seen.push(`${k} ${steps[k - 1]}: ${isDeepStrictEqual(tree, treeOf(A)) ? 'old' : 'new'}`);
          }
          await writeOutputAtomically(out, A, { swap: s.swap });
          expectRepaired(parent, A, s.swap);
        },
      );
      // The kills covered the whole sequence, and the report changed from old to new at 'switch'.
      expect(seen).toHaveLength(steps.length);
      const switchAt = steps.indexOf('switch') + 1;
      for (const line of seen) {
        const k = Number(line.split(' ')[0]);
        expect(line, line).toMatch(k <= switchAt ? /old|gap/ : /new/);
      }
    },
    60_000,
  );

  it('at random times while it writes 300 files: the old or the new report, then repaired', async () => {
    const seed = 20261201;
    const random = seededRandom(seed);
    await inPairs([1, 2, 3, 4], async () => {
      const parent = mkdtempSync(join(tmpdir(), 'casepool-crash-'));
      const out = join(parent, 'rep');
      const many = { A: syntheticReport('A', 300), B: syntheticReport('B', 300) };
      await writeOutputAtomically(out, many.A);
      const delay = randomInteger(random, 0, 60);
      const run = writer(out, 'B', 'symlink', {}, 300);
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (run.result.stdout.includes('writing')) {
            clearInterval(poll);
            resolve();
          }
        }, 2);
      });
      setTimeout(() => run.child.kill('SIGKILL'), delay);
      await run.exited;
      expect([treeOf(many.A), treeOf(many.B)], `seed ${seed}, kill after ${delay} ms`).toContainEqual(
        completeTree(out),
      );
      await writeOutputAtomically(out, many.A);
      expectRepaired(parent, many.A, 'symlink');
    });
  }, 60_000);
});

describe('the real pipeline', () => {
  const cli = (cohort: string, out: string, env: Record<string, string> = {}) =>
    spawnChild(['pipeline/cli/cli.ts', '--no-png', '--cohort', cohort, '--out', out], env);
  const cohortCopy = () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'casepool-cohort-')), 'drug-reactions');
    cpSync('test/fixtures/drug-reactions', dir, { recursive: true });
    return dir;
  };

  it('killed at a random write step, keeps a complete report; the next run repairs and succeeds', async () => {
    const cohort = cohortCopy();
    const parent = mkdtempSync(join(tmpdir(), 'casepool-crash-'));
    const out = join(parent, 'rep');
    const log = join(parent, '..', `${parent.split('/').pop()}-steps`);
    const first = await cli(cohort, out, { CASEPOOL_TEST_STEP_LOG: log }).exited;
    expect(first.code, first.stderr).toBe(0);
    const steps = readFileSync(log, 'utf8').trim().split('\n').length;
    const old = completeTree(out);
    const seed = 7;
    const k = randomInteger(seededRandom(seed), 1, steps);
    const killed = await cli(cohort, out, { CASEPOOL_TEST_KILL_AT: String(k) }).exited;
    expect(killed.signal, `seed ${seed}, step ${k}`).toBe('SIGKILL');
    const after = completeTree(out);
    expect(after, `seed ${seed}, step ${k} of ${steps}`).not.toBe('incomplete');
    expect(Object.keys(after ?? {}).sort()).toEqual(Object.keys(old ?? {}).sort());
    const again = await cli(cohort, out).exited;
    expect(again.code, again.stderr).toBe(0);
    expect(siblingsOf(parent, 'rep')).toEqual([readlinkSync(out)]);
  }, 60_000);

  it('two runs on the same --out at once: both succeed, one complete report, nothing left over', async () => {
    const cohort = cohortCopy();
    const parent = mkdtempSync(join(tmpdir(), 'casepool-race-'));
    const out = join(parent, 'rep');
    const runs = await Promise.all([cli(cohort, out).exited, cli(cohort, out).exited]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(isSymlink(out)).toBe(true);
    expect(completeTree(out)).not.toBe('incomplete');
    expect(readdirSync(out)).toContain('index.html');
    expect(siblingsOf(parent, 'rep')).toEqual([readlinkSync(out)]);
  }, 60_000);

  it('four writers at once, twice: none crashes, the report is complete, nothing left over', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'casepool-race-'));
    const out = join(parent, 'rep');
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all(
        (['A', 'B', 'A', 'B'] as const).map((v) => writer(out, v, 'symlink').exited),
      );
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      expect([treeOf(A), treeOf(B)]).toContainEqual(completeTree(out));
      expect(siblingsOf(parent, 'rep')).toEqual([readlinkSync(out)]);
    }
  }, 60_000);
});
