import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../pipeline/io/environmentError.ts';
import { lockName, newRunId, previousName, versionName } from '../../pipeline/io/outputNames.ts';
import { OUTPUT_MARKER, writeOutputAtomically } from '../../pipeline/io/writeOutputAtomically.ts';
import { completeTree, isSymlink, siblingsOf, treeOf } from '../fixtures/output/reportTree.ts';
import { syntheticReport } from '../fixtures/output/syntheticReport.ts';

const A = syntheticReport('A');
const B = syntheticReport('B');
const tempParent = () => mkdtempSync(join(tmpdir(), 'casepool-writer-'));

afterEach(() => {
  delete process.env.CASEPOOL_TEST_FAIL_AT;
});

/** After a good write: `out` links to the only sibling left, a complete report of `files`. */
function expectCleanReport(parent: string, files = B) {
  const out = join(parent, 'rep');
  expect(completeTree(out)).toEqual(treeOf(files));
  expect(isSymlink(out)).toBe(true);
  expect(siblingsOf(parent, 'rep')).toEqual([readlinkSync(out)]);
}

describe('writeOutputAtomically', () => {
  it('writes a complete report behind a link, then replaces it and removes the old folder', async () => {
    const parent = tempParent();
    await writeOutputAtomically(join(parent, 'rep'), A);
    expectCleanReport(parent, A);
    const first = readlinkSync(join(parent, 'rep'));
    await writeOutputAtomically(join(parent, 'rep'), B);
    expectCleanReport(parent, B);
    expect(readlinkSync(join(parent, 'rep'))).not.toBe(first);
  });

  it('writes a file given as text chunks as their text, made while it is written', async () => {
    const parent = tempParent();
    let made = 0;
    const chunks = {
      *chunks() {
        for (const piece of ['case_id\r\n', 'A1\r\n', 'A2 \u00e9\r\n']) {
          made++;
          yield piece;
        }
      },
    };
    const files = [...A, { path: 'tidy/large.csv', content: chunks }];
    expect(made).toBe(0);
    await writeOutputAtomically(join(parent, 'rep'), files);
    expect(made).toBe(3);
    expect(readFileSync(join(parent, 'rep', 'tidy', 'large.csv'), 'utf8')).toBe(
      'case_id\r\nA1\r\nA2 \u00e9\r\n',
    );
    expectCleanReport(parent, files);
  });

  it('writes content that is made as bytes from its bytes, each chunk before the next is made', async () => {
    const parent = tempParent();
    // One reused buffer, as the CSV writer has: a chunk kept until later would be overwritten.
    const reused = new Uint8Array(16);
    const pieces = ['case_id\r\n', 'A1\r\n', 'A2 \u00e9\r\n'].map((p) => new TextEncoder().encode(p));
    const content = {
      *bytes() {
        for (const piece of pieces) {
          reused.set(piece);
          yield reused.subarray(0, piece.length);
        }
      },
      chunks: () => {
        throw new Error('the writer takes the bytes');
      },
    };
    await writeOutputAtomically(join(parent, 'rep'), [...A, { path: 'tidy/large.csv', content }]);
    expect(readFileSync(join(parent, 'rep', 'tidy', 'large.csv'), 'utf8')).toBe(
      'case_id\r\nA1\r\nA2 \u00e9\r\n',
    );
  });

  it('gives folders and files the ordinary modes the umask allows, not 700', async () => {
    const parent = tempParent();
    await writeOutputAtomically(join(parent, 'rep'), A);
    const umask = process.umask();
    expect(statSync(join(parent, 'rep')).mode & 0o777).toBe(0o777 & ~umask);
    expect(statSync(join(parent, 'rep', 'tidy')).mode & 0o777).toBe(0o777 & ~umask);
    expect(statSync(join(parent, 'rep', 'index.html')).mode & 0o777).toBe(0o666 & ~umask);
  });

  it('throws (a bug, not an environment error) for a file path that leaves the folder; writes nothing', async () => {
    const parent = tempParent();
    for (const path of ['../escaped.csv', 'tidy/../../escaped.csv', '/tmp/escaped.csv']) {
      const attempt = writeOutputAtomically(join(parent, 'rep'), [...A, { path, content: 'x' }]);
      await expect(attempt).rejects.toThrow(/would leave the output folder/);
      await expect(attempt).rejects.not.toBeInstanceOf(EnvironmentError);
    }
    expect(existsSync(join(parent, 'escaped.csv'))).toBe(false);
    expect(siblingsOf(parent, 'rep')).toEqual([]);
  });

  it('writes a file still being made (a PNG on a worker) after every ready one, once it is done', async () => {
    const parent = tempParent();
    let finish!: (bytes: Uint8Array) => void;
    const png = new Promise<Uint8Array>((resolve) => (finish = resolve));
    let readyWritten = false;
    // A large table, made while written: the PNG is not needed until it is.
    const table = {
      chunks: function* () {
        for (let k = 0; k < 100; k++) yield `row ${k}\n`;
        readyWritten = true;
        finish(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      },
    };
    const written = writeOutputAtomically(join(parent, 'rep'), [
      ...A,
      { path: 'figures/late.png', content: png },
      { path: 'tidy/big.csv', content: table },
    ]);
    await written;
    expect(readyWritten).toBe(true);
    expect([...readFileSync(join(parent, 'rep', 'figures', 'late.png'))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readFileSync(join(parent, 'rep', 'tidy', 'big.csv'), 'utf8')).toMatch(/^row 0\n[^]*row 99\n$/);
    expect(existsSync(join(parent, 'rep', OUTPUT_MARKER))).toBe(true);
  });

  it('a file still being made that fails fails the write: the previous report stays, nothing beside it', async () => {
    const parent = tempParent();
    await writeOutputAtomically(join(parent, 'rep'), A);
    const before = readlinkSync(join(parent, 'rep'));
    const failing = Promise.reject(new Error('the worker could not draw this PNG'));
    failing.catch(() => {});
    const attempt = writeOutputAtomically(join(parent, 'rep'), [
      ...B,
      { path: 'figures/x.png', content: failing },
    ]);
    await expect(attempt).rejects.toThrow(/could not draw this PNG/);
    expect(readlinkSync(join(parent, 'rep'))).toBe(before);
    expect(completeTree(join(parent, 'rep'))).toEqual(treeOf(A));
    expect(siblingsOf(parent, 'rep')).toEqual([before]);
  });

  it('throws (a bug) for two files on one path, which would silently lose one', async () => {
    const parent = tempParent();
    const attempt = writeOutputAtomically(join(parent, 'rep'), [...A, { path: 'stats.json', content: 'x' }]);
    await expect(attempt).rejects.toThrow(/two output files have the same path stats\.json/);
    expect(siblingsOf(parent, 'rep')).toEqual([]);
  });

  it('falls back to two renames where symbolic links are not permitted (EPERM, injected)', async () => {
    const parent = tempParent();
    await writeOutputAtomically(join(parent, 'rep'), A);
    process.env.CASEPOOL_TEST_FAIL_AT = 'symlink#1:EPERM';
    await writeOutputAtomically(join(parent, 'rep'), B);
    expect(isSymlink(join(parent, 'rep'))).toBe(false);
    expect(completeTree(join(parent, 'rep'))).toEqual(treeOf(B));
    expect(siblingsOf(parent, 'rep')).toEqual([]);
  });

  it.each([
    ['a file', (out: string) => writeFileSync(out, 'mine'), /it is a file, not a folder/],
    [
      'a folder casepool did not write',
      (out: string) => {
        mkdirSync(out);
        writeFileSync(join(out, 'thesis.docx'), 'mine');
      },
      /not empty and was not written by casepool/,
    ],
    [
      'a dangling symbolic link',
      (out: string) => symlinkSync('nowhere', out),
      /symbolic link to nowhere, which does not exist/,
    ],
    [
      'a link to a folder casepool did not write',
      (out: string) => {
        mkdirSync(`${out}-mine`);
        writeFileSync(join(`${out}-mine`, 'thesis.docx'), 'mine');
        symlinkSync(`${out}-mine`, out);
      },
      /which casepool did not write/,
    ],
  ])('refuses to replace %s (an environment error) and leaves it as it was', async (_, make, message) => {
    const parent = tempParent();
    const out = join(parent, 'rep');
    make(out);
    const before = siblingsOf(parent, '');
    const attempt = writeOutputAtomically(out, A);
    await expect(attempt).rejects.toBeInstanceOf(EnvironmentError);
    await expect(attempt).rejects.toThrow(message);
    expect(siblingsOf(parent, '')).toEqual(before);
  });

  it('replaces an output folder from before the links (a real folder with the marker)', async () => {
    const parent = tempParent();
    const out = join(parent, 'rep');
    mkdirSync(join(out, 'tidy'), { recursive: true });
    writeFileSync(join(out, OUTPUT_MARKER), 'old');
    writeFileSync(join(out, 'tidy', 'cases.csv'), 'old');
    await writeOutputAtomically(out, B);
    expectCleanReport(parent);
  });

  it('restores the report an earlier casepool left moved aside when killed mid-swap', async () => {
    const parent = tempParent();
    const aside = join(parent, '.casepool-tmp-rep-AbC123-previous');
    mkdirSync(aside);
    writeFileSync(join(aside, OUTPUT_MARKER), 'old');
    writeFileSync(join(aside, 'index.html'), 'old report');
    mkdirSync(join(parent, '.casepool-tmp-rep-XyZ789'));
    // A lock from a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    writeFileSync(join(parent, lockName('rep')), JSON.stringify({ pid: 4194305, host: hostname() }));
    await writeOutputAtomically(join(parent, 'rep'), B);
    expectCleanReport(parent);
  });

  it("with swap 'rename' (Windows) replaces a real folder and leaves nothing beside it", async () => {
    const parent = tempParent();
    await writeOutputAtomically(join(parent, 'rep'), A, { swap: 'rename' });
    expect(isSymlink(join(parent, 'rep'))).toBe(false);
    await writeOutputAtomically(join(parent, 'rep'), B, { swap: 'rename' });
    expect(completeTree(join(parent, 'rep'))).toEqual(treeOf(B));
    expect(siblingsOf(parent, 'rep')).toEqual([]);
    await writeOutputAtomically(join(parent, 'rep'), A);
    expectCleanReport(parent, A);
  });

  it.each(['ENOSPC', 'EACCES', 'EROFS', 'EIO'])(
    'a failing write (%s, injected) is an environment error; the old report stays, nothing is left over',
    async (code) => {
      const parent = tempParent();
      const out = join(parent, 'rep');
      await writeOutputAtomically(out, A);
      process.env.CASEPOOL_TEST_FAIL_AT = `write#3:${code}`;
      const attempt = writeOutputAtomically(out, B);
      await expect(attempt).rejects.toBeInstanceOf(EnvironmentError);
      await expect(attempt).rejects.toThrow(new RegExp(`cannot write .*\\(${code}\\): `));
      expectCleanReport(parent, A);
    },
  );

  it('a failing write with an unknown code is a bug: rethrown as it is, old report kept', async () => {
    const parent = tempParent();
    const out = join(parent, 'rep');
    await writeOutputAtomically(out, A);
    process.env.CASEPOOL_TEST_FAIL_AT = 'marker#1:EBUG';
    const attempt = writeOutputAtomically(out, B);
    await expect(attempt).rejects.toThrow(/EBUG: injected failure/);
    await expect(attempt).rejects.not.toBeInstanceOf(EnvironmentError);
    expectCleanReport(parent, A);
  });
});

describe('a report the user keeps', () => {
  it('kept by renaming <out> (mv rep rep-kept) survives the next runs, which write a fresh rep', async () => {
    const parent = tempParent();
    const out = join(parent, 'rep');
    await writeOutputAtomically(out, A);
    renameSync(out, join(parent, 'rep-kept'));
    // The next run repairs the missing rep (from the kept version), then replaces it: the kept one stays.
    await writeOutputAtomically(out, B);
    expect(completeTree(join(parent, 'rep-kept'))).toEqual(treeOf(A));
    expect(completeTree(out)).toEqual(treeOf(B));
    // And the run after that, which tidies every sibling it does not need, keeps it too.
    await writeOutputAtomically(out, A);
    expect(completeTree(join(parent, 'rep-kept'))).toEqual(treeOf(A));
    expect(completeTree(out)).toEqual(treeOf(A));
    // Only the kept version and the current one are left beside rep (and the kept name).
    expect(siblingsOf(parent, 'rep').sort()).toEqual(
      ['rep-kept', readlinkSync(join(parent, 'rep-kept')), readlinkSync(out)].sort(),
    );
  });

  it("kept by a link of the user's own to the versioned folder; with swap 'rename' too", async () => {
    for (const swap of ['symlink', 'rename'] as const) {
      const parent = tempParent();
      const out = join(parent, 'rep');
      await writeOutputAtomically(out, A);
      symlinkSync(readlinkSync(out), join(parent, 'submitted-version'));
      await writeOutputAtomically(out, B, { swap });
      expect(completeTree(join(parent, 'submitted-version'))).toEqual(treeOf(A));
      expect(completeTree(out)).toEqual(treeOf(B));
    }
  });
});

describe('a link planted under one of our names', () => {
  it('is removed as a link, never deleted through: the folder it points to stays whole', async () => {
    const parent = tempParent();
    const out = join(parent, 'rep');
    await writeOutputAtomically(out, A);
    const precious = mkdtempSync(join(tmpdir(), 'casepool-precious-'));
    writeFileSync(join(precious, OUTPUT_MARKER), 'looks like ours');
    writeFileSync(join(precious, 'thesis.docx'), 'years of work');
    // Named as a version (sorting newest) and as a moved-aside report, both pointing at the folder.
    symlinkSync(precious, join(parent, versionName('rep', newRunId(Date.now() + 3_600_000))));
    symlinkSync(precious, join(parent, previousName('rep', newRunId())));
    await writeOutputAtomically(out, B);
    expect(readFileSync(join(precious, 'thesis.docx'), 'utf8')).toBe('years of work');
    expect(completeTree(out)).toEqual(treeOf(B));
    // With rep missing, the planted link is not what the repair restores.
    renameSync(join(parent, readlinkSync(out)), join(parent, 'moved'));
    rmSync(out);
    symlinkSync(precious, join(parent, versionName('rep', newRunId(Date.now() + 3_600_000))));
    await writeOutputAtomically(out, A);
    expect(readFileSync(join(precious, 'thesis.docx'), 'utf8')).toBe('years of work');
    expect(completeTree(out)).toEqual(treeOf(A));
  });
});

describe('the output lock', () => {
  it('waits while a live run holds it, says so once, then gives up with an environment error', async () => {
    const parent = tempParent();
    const out = join(parent, 'rep');
    await writeOutputAtomically(out, A);
    const lock = join(parent, lockName('rep'));
    // This test process is alive: its lock is not stale.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: 'now' }));
    const lines: string[] = [];
    const attempt = writeOutputAtomically(out, B, { lockTimeoutMs: 400, log: (l) => lines.push(l) });
    await expect(attempt).rejects.toBeInstanceOf(EnvironmentError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `pid ${process.pid} on .* has been writing to .*rep for more than 0.4 s; .*delete .*\\.lock`,
      ),
    );
    expect(lines).toEqual([
      `another casepool run (pid ${process.pid} on ${hostname()}) is writing to ${out}; waiting for it (up to 0.4 s)`,
    ]);
    expect(readFileSync(lock, 'utf8')).toContain(String(process.pid));
    expect(completeTree(out)).toEqual(treeOf(A));
  });

  it('takes over a lock whose process is dead, and one left empty by a run killed while taking it', async () => {
    const parent = tempParent();
    const out = join(parent, 'rep');
    const lock = join(parent, lockName('rep'));
    writeFileSync(lock, JSON.stringify({ pid: 4194305, host: hostname(), started: 'then' }));
    await writeOutputAtomically(out, A, { lockTimeoutMs: 0 });
    expect(existsSync(lock)).toBe(false);
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(lock, old, old);
    await writeOutputAtomically(out, B, { lockTimeoutMs: 0 });
    expectCleanReport(parent);
  });
});
