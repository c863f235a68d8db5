import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OutputFile } from '../stages/context.ts';

/** Written into every output folder, so that we only ever replace a folder we made. */
export const OUTPUT_MARKER = '.casepool-output';

export class UnsafeOutputError extends Error {}

/** True when `dir` does not exist, is empty, or was written by casepool (a file is never replaced). */
export function isReplaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  return readdirSync(dir).length === 0 || existsSync(join(dir, OUTPUT_MARKER));
}

/**
 * Writes all files into a temporary folder next to `target`, then swaps it in with renames, so a
 * reader sees either the previous complete output or the new complete output, never a mix, and
 * a failure while writing leaves the previous output untouched.
 */
export function writeOutputAtomically(target: string, files: readonly OutputFile[]): void {
  if (!isReplaceable(target)) {
    const why = statSync(target).isDirectory()
      ? 'it is not empty and was not written by casepool'
      : 'it is a file, not a folder';
    throw new UnsafeOutputError(`refusing to replace ${target}: ${why}`);
  }
  const parent = dirname(target);
  let staging: string;
  try {
    mkdirSync(parent, { recursive: true });
    staging = mkdtempSync(join(parent, `.casepool-tmp-${basename(target)}-`));
  } catch (e) {
    // A file where a folder should be, or no permission: the --out path is unusable, not a bug.
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnsafeOutputError(`cannot create the output folder ${target} (${code ?? String(e)})`);
  }
  try {
    writeFileSync(
      join(staging, OUTPUT_MARKER),
      'Written by casepool; this folder is replaced on every run.\n',
    );
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const previous = `${staging}-previous`;
  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, previous);
  try {
    renameSync(staging, target);
  } catch (e) {
    if (hadPrevious) renameSync(previous, target);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadPrevious) rmSync(previous, { recursive: true, force: true });
}

/** One file replaced atomically (write a sibling, then rename over). */
export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const staging = `${path}.casepool-tmp-${process.pid}`;
  writeFileSync(staging, content);
  renameSync(staging, path);
}
