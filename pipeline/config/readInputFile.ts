import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { formatBytes } from '../parse/inputLimits.ts';

export type InputFile =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** `file.unreadable` (also when missing), `file.outside-cohort`, `file.not-a-file`, `file.too-large`. */
      code: string;
      message: string;
      /** The path does not exist (an optional file may be absent). */
      missing?: boolean;
    };

const refuse = (code: string, message: string): InputFile => ({ ok: false, code, message });

/** What a path that is not a regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reads at most `limit` + 1 bytes: a file that grows while it is read cannot outrun the budget. */
function readBounded(fd: number, limit: number): Buffer | null {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > limit) return null;
  }
  return Buffer.concat(chunks, total);
}

/**
 * The bytes of `name` in the cohort folder `dir`, only if, after every symbolic link is resolved,
 * it is a regular file inside that folder of at most `limit` bytes. The type is checked before the
 * file is opened (a FIFO would block the open, a device never ends) and again on the open file, which
 * is opened non-blocking, so a file swapped in between cannot hang the run either.
 */
export function readInputFile(dir: string, name: string, limit: number): InputFile {
  let real: string;
  let root: string;
  try {
    root = realpathSync(dir);
    real = realpathSync(join(dir, name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, code: 'file.unreadable', message: 'file not found', missing: true };
    return refuse('file.unreadable', `cannot read the file (${code})`);
  }
  const inside = relative(root, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return refuse(
      'file.outside-cohort',
      `resolves to ${real}, outside the cohort folder (through a symbolic link): only files inside it are read`,
    );
  }
  const tooLarge = (size: number) =>
    refuse(
      'file.too-large',
      `file is ${size > limit ? formatBytes(size) : 'larger than the limit'}, more than the ${formatBytes(limit)} an input may have (the whole table is held in memory)`,
    );
  let fd: number;
  try {
    const stats = statSync(real);
    if (!stats.isFile()) return refuse('file.not-a-file', `is ${kindOf(stats)}, not a file`);
    if (stats.size > limit) return tooLarge(stats.size);
    // NOFOLLOW: `real` has no link left in its last step; one put there since is refused, not followed.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    return refuse('file.unreadable', `cannot read the file (${(e as NodeJS.ErrnoException).code})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse('file.not-a-file', `is ${kindOf(stats)}, not a file`);
    const bytes = readBounded(fd, limit);
    return bytes ? { ok: true, bytes } : tooLarge(limit + 1);
  } catch (e) {
    return refuse('file.unreadable', `cannot read the file (${(e as NodeJS.ErrnoException).code})`);
  } finally {
    closeSync(fd);
  }
}
