/**
 * The machine, not the user's files or casepool, stops the run: a full disk, no permission, a
 * read-only file system, a file where a folder should be. Exit code 4, printed as one sentence.
 */
export class EnvironmentError extends Error {}

/** What each errno means for the person at the terminal, and what to do about it. */
const ADVICE: Record<string, string> = {
  ENOSPC: 'there is no space left on the device: free some space and run again',
  EDQUOT: 'the disk quota is exceeded: free some space and run again',
  EACCES: 'permission denied: choose a folder you can write to, or fix its permissions',
  EPERM: 'the operation is not permitted: choose a folder you can write to, or fix its permissions',
  EROFS: 'it is on a read-only file system: choose another folder',
  ENOTDIR: 'a part of the path is a file, not a folder: choose another path',
  EISDIR: 'it is a folder where a file was expected: move it away or choose another path',
  EEXIST: 'something is already there: move it away or choose another path',
  ENOENT: 'a folder on the path does not exist or was removed while casepool ran: run again',
  ENOTEMPTY: 'a folder is unexpectedly not empty: run again',
  ENAMETOOLONG: 'the path is too long: choose a shorter one',
  ELOOP: 'the path has too many symbolic links (or a link loop): choose another path',
  EIO: 'the device reported an input/output error: check the disk',
  EMFILE: 'too many files are open: close some programs and run again',
  ENFILE: 'too many files are open on this system: run again later',
  EBUSY: 'it is in use by another program: close it and run again',
  ETXTBSY: 'it is in use by another program: close it and run again',
  EXDEV: 'it is on another file system than its folder: choose another path',
};

/** True for an error from the file system that says something about the machine, not a bug. */
export function isEnvironmentErrno(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in ADVICE;
}

/** One sentence naming the path and what to do, from a file-system error. */
export function describeFsError(e: NodeJS.ErrnoException, fallbackPath: string): string {
  const path = e.path ?? fallbackPath;
  const advice = ADVICE[e.code ?? ''] ?? `it failed with ${e.code ?? 'an unknown error'}`;
  return `cannot write ${path} (${e.code}): ${advice}`;
}

/** A file-system error about the machine as an EnvironmentError about `path`; any other error as it is. */
export function asEnvironmentError(e: unknown, path: string): unknown {
  return isEnvironmentErrno(e) ? new EnvironmentError(describeFsError(e, path)) : e;
}

/** The one sentence for an error the machine caused, or null for anything else (a bug). */
export function environmentMessage(e: unknown): string | null {
  if (e instanceof EnvironmentError) return e.message;
  if (isEnvironmentErrno(e)) return describeFsError(e, e.path ?? '');
  return null;
}
