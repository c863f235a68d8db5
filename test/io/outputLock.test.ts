/**
 * The lock next to an output folder: anything at the lock or guard path that is not a plain file
 * casepool wrote (a link, dangling or not, a folder, a named pipe) ends the wait with one sentence,
 * never a retry forever; every wait ends at its timeout and at once on an abort signal.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../pipeline/io/environmentError.ts';
import { acquireOutputLock } from '../../pipeline/io/outputLock.ts';

const tempParent = () => mkdtempSync(join(tmpdir(), 'casepool-lock-'));

/** Runs `attempt` against a 10 s guard, so a lock that spins fails the test instead of hanging it. */
async function settlesWithin<T>(attempt: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the lock did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([attempt, guard]);
  } finally {
    clearTimeout(timer);
  }
}

describe('acquireOutputLock', () => {
  it.each([
    [
      'a dangling symbolic link',
      (p: string) => symlinkSync(join(tmpdir(), 'casepool-no-such-file'), p),
      /a symbolic link/,
    ],
    [
      'a link to a file elsewhere',
      (p: string) => {
        const elsewhere = join(mkdtempSync(join(tmpdir(), 'casepool-elsewhere-')), 'x');
        writeFileSync(elsewhere, JSON.stringify({ pid: process.pid, host: hostname() }));
        symlinkSync(elsewhere, p);
      },
      /a symbolic link/,
    ],
    ['a folder', (p: string) => mkdirSync(p), /a folder/],
    ['a named pipe', (p: string) => execFileSync('mkfifo', [p]), /a named pipe/],
  ])('refuses %s at the lock path at once (timeout 60 s), without touching it', async (_, make, kind) => {
    const parent = tempParent();
    const lock = join(parent, '.casepool-rep.lock');
    make(lock);
    const attempt = settlesWithin(acquireOutputLock(lock, 'rep', { timeoutMs: 60_000, log: () => {} }));
    await expect(attempt).rejects.toBeInstanceOf(EnvironmentError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `cannot take the lock .*\\.casepool-rep\\.lock: it is ${kind.source}, not a lock file casepool wrote; if no casepool run is running, delete it`,
      ),
    );
  });

  it('refuses a dangling link at the guard of a stale lock instead of spinning', async () => {
    const parent = tempParent();
    const lock = join(parent, '.casepool-rep.lock');
    // A lock from a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    writeFileSync(lock, JSON.stringify({ pid: 4194305, host: hostname(), started: 'then' }));
    symlinkSync(join(tmpdir(), 'casepool-no-such-file'), `${lock}.takeover`);
    const attempt = settlesWithin(acquireOutputLock(lock, 'rep', { timeoutMs: 60_000, log: () => {} }));
    await expect(attempt).rejects.toThrow(
      /\.lock\.takeover: it is a symbolic link, not a lock file casepool wrote/,
    );
    expect(readlinkSync(`${lock}.takeover`)).toBe(join(tmpdir(), 'casepool-no-such-file'));
  });

  it('removes an old guard left by a killed run and takes the stale lock', async () => {
    const parent = tempParent();
    const lock = join(parent, '.casepool-rep.lock');
    writeFileSync(lock, JSON.stringify({ pid: 4194305, host: hostname(), started: 'then' }));
    writeFileSync(`${lock}.takeover`, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${lock}.takeover`, old, old);
    const release = await settlesWithin(acquireOutputLock(lock, 'rep', { timeoutMs: 5_000 }));
    release();
  });

  it('honours CASEPOOL_LOCK_TIMEOUT while a fresh guard holds a stale lock', async () => {
    const parent = tempParent();
    const lock = join(parent, '.casepool-rep.lock');
    writeFileSync(lock, JSON.stringify({ pid: 4194305, host: hostname(), started: 'then' }));
    writeFileSync(`${lock}.takeover`, '');
    process.env.CASEPOOL_LOCK_TIMEOUT = '0.3';
    try {
      const attempt = settlesWithin(acquireOutputLock(lock, 'rep', { log: () => {} }));
      await expect(attempt).rejects.toThrow(/for more than 0\.3 s/);
    } finally {
      delete process.env.CASEPOOL_LOCK_TIMEOUT;
    }
  });

  it('ends the wait for a live holder at once when its signal is aborted', async () => {
    const parent = tempParent();
    const lock = join(parent, '.casepool-rep.lock');
    // This test process is alive: its lock is not stale.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: 'now' }));
    const stop = new AbortController();
    const attempt = acquireOutputLock(lock, 'rep', {
      timeoutMs: 600_000,
      log: () => {},
      signal: stop.signal,
    });
    setTimeout(() => stop.abort(), 200);
    await expect(settlesWithin(attempt)).rejects.toThrow(/aborted/i);
  });
});
