import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { LaterFile, OutputFile } from '../stages/context.ts';
import { asEnvironmentError, EnvironmentError } from './environmentError.ts';
import { fsStep } from './faultInjection.ts';
import { isTextChunks, type TextChunks } from './textChunks.ts';
import { acquireOutputLock } from './outputLock.ts';
import {
  linkName,
  lockName,
  newRunId,
  parseLegacySibling,
  parseSibling,
  previousName,
  versionName,
} from './outputNames.ts';
import { resolveInside } from './resolveInside.ts';

/** Written last into every output folder: it marks a folder casepool wrote, and a complete one. */
export const OUTPUT_MARKER = '.casepool-output';

export interface WriteOptions {
  /**
   * `symlink` (default except on Windows): `<out>` is a symbolic link to a complete versioned sibling
   * folder, switched to the new one by a single rename. `rename` (Windows, or where symbolic links
   * fail): the old folder is moved aside, then the new one moved in; a crash in between is repaired
   * by the next run.
   */
  swap?: 'symlink' | 'rename';
  lockTimeoutMs?: number;
  /** Where the one "another run is writing there" line goes (default stderr). */
  log?: (line: string) => void;
  /** Ends the run (Ctrl-C in --watch): the lock wait at once, the writing between two files; nothing is swapped in. */
  signal?: AbortSignal;
}

/** What is at `<out>` now. */
type TargetState =
  | { kind: 'absent' }
  /** A symbolic link: to our versioned folder `current`, or (current null) to a folder casepool wrote. */
  | { kind: 'link'; current: string | null }
  /** A real folder casepool wrote (an output from before the links, or a `rename` swap), or empty. */
  | { kind: 'folder' };

const lstatOrNull = (path: string): Stats | null => {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

const isOutputFolder = (path: string) =>
  statSync(path).isDirectory() && (readdirSync(path).length === 0 || existsSync(join(path, OUTPUT_MARKER)));

/** What is at `target`, refusing (EnvironmentError) anything casepool did not write. */
function inspectTarget(target: string): TargetState {
  const st = lstatOrNull(target);
  if (!st) return { kind: 'absent' };
  const advice = 'choose another --out, or move it away';
  if (st.isSymbolicLink()) {
    const to = readlinkSync(target);
    if (parseSibling(basename(target), to)?.kind === 'version') return { kind: 'link', current: to };
    if (!existsSync(target))
      throw new EnvironmentError(
        `cannot write ${target}: it is a symbolic link to ${to}, which does not exist; remove the link or choose another --out`,
      );
    if (isOutputFolder(target)) return { kind: 'link', current: null };
    throw new EnvironmentError(
      `refusing to replace ${target}: it links to ${to}, which casepool did not write; ${advice}`,
    );
  }
  if (!st.isDirectory())
    throw new EnvironmentError(`refusing to replace ${target}: it is a file, not a folder; ${advice}`);
  if (!isOutputFolder(target))
    throw new EnvironmentError(
      `refusing to replace ${target}: it is not empty and was not written by casepool; ${advice}`,
    );
  return { kind: 'folder' };
}

const remove = (path: string) => {
  fsStep('remove');
  rmSync(path, { recursive: true, force: true });
};

/**
 * The versioned folders beside `target` that another name in the same folder links to: a report the
 * user kept by renaming `<out>` (`mv reports/x reports/x-kept` keeps a link to the versioned folder),
 * or a link of their own to it. They are the user's now: no run removes them. casepool's own
 * siblings (the `.link` a killed run left) do not count.
 */
function keptVersions(parent: string, target: string): Set<string> {
  const name = basename(target);
  const kept = new Set<string>();
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    if (!entry.isSymbolicLink() || entry.name === name || parseSibling(name, entry.name)) continue;
    let to: string;
    try {
      to = resolve(parent, readlinkSync(join(parent, entry.name)));
    } catch {
      continue;
    }
    if (dirname(to) === parent) kept.add(basename(to));
  }
  return kept;
}

/** Points `target` at the versioned folder `version` (a sibling name) with one atomic rename. */
function linkTarget(parent: string, target: string, name: string, runId: string): void {
  const link = join(parent, linkName(name, runId));
  fsStep('symlink');
  symlinkSync(versionName(name, runId), link, 'dir');
  fsStep('switch');
  renameSync(link, target);
}

/**
 * Repairs what a killed run left next to `<out>` (called under the lock, so no other run is writing):
 * when `<out>` is missing, a run died mid-swap, and the newest complete report is put back; every
 * other staging, moved-aside or half-linked sibling, and those of casepool's earlier swap, is removed,
 * except the versions `kept` under another name.
 */
function recover(parent: string, target: string, swap: 'symlink' | 'rename', kept: Set<string>): void {
  const name = basename(target);
  const entries = readdirSync(parent);
  const ours = entries.flatMap((entry) => {
    const sibling = parseSibling(name, entry);
    return sibling ? [{ entry, ...sibling }] : [];
  });
  const legacy = entries.flatMap((entry) => {
    const sibling = parseLegacySibling(name, entry);
    return sibling ? [{ entry, ...sibling }] : [];
  });
  const complete = (entry: string) => {
    const st = lstatOrNull(join(parent, entry));
    return !!st?.isDirectory() && existsSync(join(parent, entry, OUTPUT_MARKER));
  };
  let keep: string | null = null;
  let restore: { entry: string; runId: string | null } | null = null;
  const st = lstatOrNull(target);
  if (st?.isSymbolicLink()) {
    keep = readlinkSync(target);
  } else if (!st) {
    const byNewest = (a: { runId: string }, b: { runId: string }) => b.runId.localeCompare(a.runId);
    // Versions get their marker last, so a marked one is complete; the earlier swap marked first.
    const found =
      ours.filter((s) => s.kind === 'version' && complete(s.entry)).sort(byNewest)[0] ??
      ours.filter((s) => s.kind === 'previous' && complete(s.entry)).sort(byNewest)[0] ??
      legacy.find((s) => s.kind === 'previous' && complete(s.entry));
    if (found) {
      restore = {
        entry: found.entry,
        runId: 'runId' in found && found.kind === 'version' ? found.runId : null,
      };
      keep = found.entry;
    }
  }
  for (const s of [...ours, ...legacy])
    if (s.entry !== keep && !kept.has(s.entry)) remove(join(parent, s.entry));
  if (restore) {
    if (swap === 'symlink' && restore.runId) linkTarget(parent, target, name, restore.runId);
    else {
      fsStep('restore');
      renameSync(join(parent, restore.entry), target);
    }
  }
}

/**
 * Chunks written between two looks at the event loop while files are still being made (64 KB each:
 * ~2 MB, some 10 ms): a render worker that has finished a PNG gets its next one meanwhile.
 */
const CHUNKS_BETWEEN_YIELDS = 32;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A file made while it is written, chunk by chunk (a large table is never held whole): as bytes when
 * the content makes them (each chunk written before the next is made, as `bytes` asks), else as text.
 * With `yieldEvery`, it lets the event loop run after that many chunks.
 */
async function writeChunks(path: string, content: TextChunks, yieldEvery: number): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    let k = 0;
    for (const chunk of content.bytes ? content.bytes() : content.chunks()) {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeAll(fd, chunk);
      if (yieldEvery && ++k % yieldEvery === 0) await nextTurn();
    }
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write less than it was given; the rest is written after it. */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Writes every file into the new versioned folder, the marker last. The files still being made (PNGs
 * on the render workers) are written after all the others, so the large tables are written while the
 * workers finish them; until then the event loop runs between chunks, to hand the workers the next.
 */
async function writeVersion(
  folder: string,
  files: ReadonlyArray<OutputFile | LaterFile>,
  runId: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  fsStep('mkdir');
  mkdirSync(folder);
  const made = new Set<string>([folder]);
  const written = new Set<string>();
  const placed = (file: OutputFile | LaterFile) => {
    const path = resolveInside(folder, file.path);
    // Two outputs on one path would silently lose one; the schema's names rule it out, so a bug.
    if (written.has(path)) throw new Error(`two output files have the same path ${file.path}`);
    written.add(path);
    const dir = dirname(path);
    if (!made.has(dir)) {
      fsStep('mkdir');
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    return path;
  };
  const isLater = (f: OutputFile | LaterFile): f is LaterFile => f.content instanceof Promise;
  const later = files.filter(isLater);
  const yieldEvery = later.length > 0 ? CHUNKS_BETWEEN_YIELDS : 0;
  for (const file of files) {
    if (isLater(file)) continue;
    signal?.throwIfAborted();
    const path = placed(file);
    fsStep('write');
    if (isTextChunks(file.content)) await writeChunks(path, file.content, yieldEvery);
    else writeFileSync(path, file.content);
  }
  for (const file of later) {
    const content = await file.content;
    signal?.throwIfAborted();
    const path = placed(file);
    fsStep('write');
    writeFileSync(path, content);
  }
  fsStep('marker');
  writeFileSync(
    join(folder, OUTPUT_MARKER),
    `Written by casepool (run ${runId}); this folder is replaced on every run.\n`,
  );
}

/**
 * Writes all files as the report at `target`, so that at every instant `target` holds either the
 * previous complete report or the new complete one. Holds a lock next to `target` while writing
 * (a second run waits), writes a new versioned sibling folder, then swaps it in (see `swap`) and
 * removes the old one. A crash at any point is repaired by the next run. Refuses to replace anything
 * casepool did not write; problems of the machine (full disk, permissions…) are EnvironmentErrors.
 */
export async function writeOutputAtomically(
  target: string,
  files: ReadonlyArray<OutputFile | LaterFile>,
  options: WriteOptions = {},
): Promise<void> {
  target = resolve(target);
  const parent = dirname(target);
  const name = basename(target);
  let swap = options.swap ?? (process.platform === 'win32' ? 'rename' : 'symlink');
  let release: () => void;
  try {
    inspectTarget(target);
    mkdirSync(parent, { recursive: true });
    release = await acquireOutputLock(join(parent, lockName(name)), target, {
      timeoutMs: options.lockTimeoutMs,
      log: options.log,
      signal: options.signal,
    });
  } catch (e) {
    throw asEnvironmentError(e, target);
  }
  try {
    const kept = keptVersions(parent, target);
    recover(parent, target, swap, kept);
    const state = inspectTarget(target);
    const runId = newRunId();
    const version = join(parent, versionName(name, runId));
    try {
      await writeVersion(version, files, runId, options.signal);
    } catch (e) {
      rmSync(version, { recursive: true, force: true });
      throw e;
    }
    // The report being replaced, unless another name keeps it.
    const old = state.kind === 'link' && state.current && !kept.has(state.current) ? state.current : null;
    if (swap === 'symlink' && !trySymlinkSwap(parent, target, name, runId, state, old)) swap = 'rename';
    if (swap === 'rename') renameSwap(parent, target, name, runId, state, old);
  } catch (e) {
    throw asEnvironmentError(e, target);
  } finally {
    release();
  }
}

/** The `symlink` swap; false when this file system cannot make symbolic links (nothing changed). */
function trySymlinkSwap(
  parent: string,
  target: string,
  name: string,
  runId: string,
  state: TargetState,
  old: string | null,
): boolean {
  const link = join(parent, linkName(name, runId));
  try {
    fsStep('symlink');
    symlinkSync(versionName(name, runId), link, 'dir');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'ENOSYS' || code === 'EOPNOTSUPP') return false;
    throw e;
  }
  // A real folder cannot be replaced by a link in one rename: it is moved aside first. This happens
  // once, for an output written before the links (or by a `rename` swap).
  const aside = state.kind === 'folder' ? join(parent, previousName(name, runId)) : null;
  if (aside) {
    fsStep('move-aside');
    renameSync(target, aside);
  }
  try {
    fsStep('switch');
    renameSync(link, target);
  } catch (e) {
    if (aside) renameSync(aside, target);
    unlinkSync(link);
    throw e;
  }
  if (old) remove(join(parent, old));
  if (aside) remove(aside);
  return true;
}

/** The `rename` swap: move the old report aside, move the new one in, remove the old one. */
function renameSwap(
  parent: string,
  target: string,
  name: string,
  runId: string,
  state: TargetState,
  old: string | null,
): void {
  const version = join(parent, versionName(name, runId));
  const aside = state.kind === 'absent' ? null : join(parent, previousName(name, runId));
  if (aside) {
    fsStep('move-aside');
    renameSync(target, aside);
  }
  try {
    fsStep('switch');
    renameSync(version, target);
  } catch (e) {
    if (aside) renameSync(aside, target);
    throw e;
  }
  if (old) remove(join(parent, old));
  if (aside) remove(aside);
}

/** One file replaced atomically (write a hidden sibling, then rename over it). */
export function writeFileAtomically(path: string, content: string): void {
  const staging = join(dirname(path), `.casepool-tmp-${basename(path)}-${newRunId()}`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(staging, content);
    renameSync(staging, path);
  } catch (e) {
    rmSync(staging, { force: true });
    throw asEnvironmentError(e, path);
  }
}
