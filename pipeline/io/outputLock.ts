import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
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

/** What a file of another type than a plain file is, for the message. */
function typeOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return 'a device or other special file';
}

/**
 * Only a plain file at the lock or guard path was written by casepool. Anything else (a link, dangling
 * or not, a folder, a named pipe) would make a waiter retry forever, or block reading it: the machine's
 * problem to clear, said once, never waited on.
 */
function notOurs(path: string, st: Stats): EnvironmentError {
  return new EnvironmentError(
    `cannot take the lock ${path}: it is ${typeOf(st)}, not a lock file casepool wrote; if no casepool run is running, delete it and run again`,
  );
}

/** lstat, or null when nothing is there. */
function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * The lock file's text and who it names; 'empty' when it holds no complete holder yet. Opened without
 * following a link and without blocking (a named pipe would block a plain read forever), then checked
 * to be a plain file.
 */
function readHolder(path: string): { text: string; holder: LockHolder | 'empty'; mtimeMs: number } | 'gone' {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // Nothing to open, but maybe a dangling link: openSync(…, 'wx') fails on it with EEXIST.
      const st = lstatOrNull(path);
      if (st === null) return 'gone';
      throw notOurs(path, st);
    }
    // O_NOFOLLOW on a link.
    if (code === 'ELOOP' || code === 'EMLINK') throw notOurs(path, lstatSync(path));
    throw e;
  }
  let text: string;
  let mtimeMs: number;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notOurs(path, st);
    mtimeMs = st.mtimeMs;
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? { text, holder, mtimeMs }
      : { text, holder: 'empty', mtimeMs };
  } catch {
    return { text, holder: 'empty', mtimeMs };
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
function isStale(holder: LockHolder | 'empty', mtimeMs: number): boolean {
  if (holder === 'empty') return Date.now() - mtimeMs > EMPTY_LOCK_STALE_MS;
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
    // A guard is held for microseconds; an old one was left by a run killed while holding it. A
    // guard that is no plain file (a dangling link makes 'wx' fail forever) is not ours to wait on.
    const st = lstatOrNull(guard);
    if (st !== null && !st.isFile()) throw notOurs(guard, st);
    try {
      if (st !== null && Date.now() - st.mtimeMs > EMPTY_LOCK_STALE_MS) unlinkSync(guard);
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
 * another live run holds it, up to `timeoutMs`; then an EnvironmentError. Every pass of the wait
 * sleeps (so a signal handler runs) and checks the deadline; `signal` ends the wait at once (the
 * sleep rejects with its AbortError). Returns the release function.
 */
export async function acquireOutputLock(
  path: string,
  what: string,
  options: { timeoutMs?: number; log?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<() => void> {
  const envTimeout = Number(process.env.CASEPOOL_LOCK_TIMEOUT);
  const timeoutMs =
    options.timeoutMs ??
    (Number.isFinite(envTimeout) && envTimeout >= 0 ? envTimeout * 1000 : DEFAULT_LOCK_TIMEOUT_MS);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() });
  const start = Date.now();
  const seconds = timeoutMs / 1000;
  let announced = false;
  let who = 'another casepool run';
  for (;;) {
    options.signal?.throwIfAborted();
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
    let pause = POLL_MS;
    if (read === 'gone') {
      // Released between our two looks: try again soon.
      pause = 10;
    } else if (isStale(read.holder, read.mtimeMs)) {
      pause = removeStaleLock(path, read.text) ? 1 : 10;
    } else {
      const { holder } = read;
      who =
        holder === 'empty'
          ? 'another casepool run'
          : `another casepool run (pid ${holder.pid} on ${holder.host})`;
      if (!announced) {
        (options.log ?? ((line: string) => console.error(line)))(
          `${who} is writing to ${what}; waiting for it (up to ${seconds} s)`,
        );
        announced = true;
      }
    }
    // A pass that removed a stale lock tries again at once; every other pass counts against the time.
    if (pause > 1 && Date.now() - start >= timeoutMs)
      throw new EnvironmentError(
        `${who} has been writing to ${what} for more than ${seconds} s; wait for it to finish, or, if no casepool run is running, delete ${path}`,
      );
    await sleep(pause, undefined, options.signal ? { signal: options.signal } : undefined);
  }
}
