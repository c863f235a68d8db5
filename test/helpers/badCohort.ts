// Helpers for the bad-input corpus (test/fixtures/bad) and the fuzz test: copies of the small valid
// cohort in test/fixtures/bad/base with one file replaced, hashes of folders, and in-process runs.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCohort, type RunOptions, type RunResult } from '../../pipeline/run.ts';
import type { Finding, Severity } from '../../pipeline/types.ts';

export const BAD_DIR = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));
/** A small valid cohort: the adrenal-lms cohort.json and published.csv, six SYNTHETIC cases. */
export const BASE_DIR = join(BAD_DIR, 'base');

export interface ExpectedFinding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: string;
  /** Phrases the message must contain. */
  words: string[];
}

/** One folder of the corpus: the files that replace base's, and expected.json. */
export interface BadCase {
  name: string;
  why: string;
  /** Files of the folder (other than expected.json) that replace or add to base's. */
  files: string[];
  /** Files of base to delete. */
  remove: string[];
  options: { strict?: boolean };
  exitCode: 0 | 1;
  findings: ExpectedFinding[];
  /** Output file → text each must contain (exit 0 only). */
  output: Record<string, string[]>;
}

export function badCases(): BadCase[] {
  return readdirSync(BAD_DIR)
    .filter((name) => name !== 'base' && statSync(join(BAD_DIR, name)).isDirectory())
    .sort()
    .map((name) => {
      const expected = JSON.parse(readFileSync(join(BAD_DIR, name, 'expected.json'), 'utf8')) as Omit<
        BadCase,
        'name' | 'files'
      >;
      return {
        name,
        files: readdirSync(join(BAD_DIR, name)).filter((f) => f !== 'expected.json'),
        ...expected,
        remove: expected.remove ?? [],
        options: expected.options ?? {},
        output: expected.output ?? {},
      };
    });
}

const temporary: string[] = [];

/** A fresh temp folder, removed by `removeTemporaryFolders`. */
export function tempDir(prefix = 'casepool-bad-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

export function removeTemporaryFolders(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temp copy of base with files replaced (content) or deleted (null). */
export function cohortCopy(replace: Record<string, string | Uint8Array | null> = {}): string {
  const dir = tempDir('casepool-cohort-');
  cpSync(BASE_DIR, dir, { recursive: true });
  for (const [name, content] of Object.entries(replace)) {
    if (content === null) rmSync(join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A temp copy of base with a corpus case's files dropped in. */
export function caseCopy(c: BadCase): string {
  const replace: Record<string, Uint8Array | null> = {};
  for (const name of c.remove) replace[name] = null;
  for (const name of c.files) replace[name] = readFileSync(join(BAD_DIR, c.name, name));
  return cohortCopy(replace);
}

/**
 * Every file under `dir` (dot files too), by path relative to it → sha256 of its bytes. A symbolic
 * link counts as its target's name and a FIFO or device as its kind: reading them could block or
 * never end (the hostile-file tests make such entries).
 */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isSymbolicLink()) out[relative(dir, path)] = `link to ${readlinkSync(path)}`;
      else if (!entry.isFile()) out[relative(dir, path)] = 'not a regular file';
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Leftover staging folders of writeOutputAtomically next to an output folder. */
export function stagingLeftovers(parent: string): string[] {
  if (!existsSync(parent)) return [];
  const names = readdirSync(parent);
  // The report's own version folder, behind its link, is no leftover.
  const live = new Set(
    names.flatMap((n) => {
      try {
        return [basename(readlinkSync(join(parent, n)))];
      } catch {
        return [];
      }
    }),
  );
  return names.filter((n) => n.startsWith('.casepool-') && !live.has(n));
}

/** Runs a cohort folder in-process, findings' paths relative to the folder, no PNGs. */
export function run(dir: string, out: string, options: RunOptions = {}): Promise<RunResult> {
  return runCohort(dir, out, { cwd: dir, png: false, ...options });
}

/** Findings in a stable order, for comparing whole lists. */
export function ordered<T extends Pick<Finding, 'file' | 'line' | 'column' | 'code'>>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
