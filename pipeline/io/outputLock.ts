import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { EnvironmentError } from './environmentError.ts';
import { fsStep } from './faultInjection.ts';

interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

/** How long a second run waits for the first to finish writing (override: CASEPOOL_LOCK_TIMEOUT, seconds). */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const POLL_MS = 100;
/** A lock file still empty after this long was left by a run killed while creating it. */
const EMPTY_LOCK_STALE_MS = 5_000;

/** The lock file's text and who it names; 'empty' when it holds no complete holder yet. */
function readHolder(path: string): { text: string; holder: LockHolder | 'empty' } | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? { text, holder }
      : { text, holder: 'empty' };
  } catch {
    return { text, holder: 'empty' };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose process is dead (on this host), or that was never filled in, protects nothing. */
function isStale(path: string, holder: LockHolder | 'empty'): boolean {
  if (holder === 'empty') {
    try {
      return Date.now() - statSync(path).mtimeMs > EMPTY_LOCK_STALE_MS;
    } catch {
      return false;
    }
  }
  return holder.host === hostname() && !isAlive(holder.pid);
}

/**
 * Removes a stale lock. Two waiters may both find it stale; a second, short-lived guard file lets only
 * one of them re-check and remove it, so neither removes the fresh lock the other has just taken.
 */
function removeStaleLock(path: string, judged: string): boolean {
  const guard = `${path}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // A guard is held for microseconds; an old one was left by a run killed while holding it.
    try {
      if (Date.now() - statSync(guard).mtimeMs > EMPTY_LOCK_STALE_MS) unlinkSync(guard);
    } catch {
      /* someone else removed it */
    }
    return false;
  }
  try {
    let now: string | null = null;
    try {
      now = readFileSync(path, 'utf8');
    } catch {
      /* already gone */
    }
    if (now === judged) {
      fsStep('unlock-stale');
      unlinkSync(path);
    }
  } finally {
    closeSync(fd);
    unlinkSync(guard);
  }
  return true;
}

/**
 * Takes the lock file `path` (created exclusively, holding pid, host and start time), waiting while
 * another live run holds it, up to `timeoutMs`; then an EnvironmentError. Returns the release function.
 */
export async function acquireOutputLock(
  path: string,
  what: string,
  options: { timeoutMs?: number; log?: (line: string) => void } = {},
): Promise<() => void> {
  const envTimeout = Number(process.env.CASEPOOL_LOCK_TIMEOUT);
  const timeoutMs =
    options.timeoutMs ??
    (Number.isFinite(envTimeout) && envTimeout >= 0 ? envTimeout * 1000 : DEFAULT_LOCK_TIMEOUT_MS);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() });
  const start = Date.now();
  let announced = false;
  for (;;) {
    try {
      fsStep('lock');
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return () => {
        fsStep('unlock');
        try {
          if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
        } catch {
          /* already gone: nothing to release */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const read = readHolder(path);
    if (read === 'gone') continue;
    const { holder } = read;
    if (isStale(path, holder)) {
      if (!removeStaleLock(path, read.text)) await sleep(10);
      continue;
    }
    const who =
      holder === 'empty'
        ? 'another casepool run'
        : `another casepool run (pid ${holder.pid} on ${holder.host})`;
    const seconds = timeoutMs / 1000;
    if (Date.now() - start >= timeoutMs)
      throw new EnvironmentError(
        `${who} has been writing to ${what} for more than ${seconds} s; wait for it to finish, or, if no casepool run is running, delete ${path}`,
      );
    if (!announced) {
      (options.log ?? ((line: string) => console.error(line)))(
        `${who} is writing to ${what}; waiting for it (up to ${seconds} s)`,
      );
      announced = true;
    }
    await sleep(POLL_MS);
  }
}
