import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EnvironmentError, environmentMessage } from '../io/environmentError.ts';
import { writeFileAtomically } from '../io/writeOutputAtomically.ts';
import { cohortIndexPage, isCohortIndexPage, type CohortEntry } from '../report/cohortIndexPage.ts';
import type { RunResult } from '../run.ts';

/** reports/index.html, the list of cohorts. */
export function writeIndex(reportsDir: string, entries: readonly CohortEntry[]): void {
  checkIndexReplaceable(join(reportsDir, 'index.html'));
  writeFileAtomically(
    join(reportsDir, 'index.html'),
    cohortIndexPage([...entries], new Date().toISOString()),
  );
}

/** While watching, a list that cannot be written (or a bug in writing it) is said, and watching goes on. */
export function writeIndexOrSay(
  reportsDir: string,
  entries: readonly CohortEntry[],
  print: (line: string) => void,
): void {
  try {
    writeIndex(reportsDir, entries);
  } catch (e) {
    const environment = environmentMessage(e);
    print(
      environment !== null
        ? `casepool: ${environment}; the list of cohorts was not updated`
        : `casepool: internal error (a bug in casepool, not in your files): ${(e as Error).stack ?? String(e)}`,
    );
  }
}

/** reports/index.html is replaced only when casepool wrote it. */
export function checkIndexReplaceable(path: string): void {
  let text: string;
  try {
    if (!statSync(path).isFile())
      throw new EnvironmentError(`refusing to replace ${path}: it is not a file; choose another --reports`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!isCohortIndexPage(text))
    throw new EnvironmentError(
      `refusing to replace ${path}: casepool did not write it; choose another --reports, or move it away`,
    );
}

/** What reports/index.html lists for a cohort: this run's result, or the report already on disk. */
export function indexEntry(result: RunResult, reportsDir: string): CohortEntry {
  const href = relative(resolve(reportsDir), join(result.outDir, 'index.html')).split('\\').join('/');
  if (result.stats) {
    return {
      id: result.cohort,
      title: result.stats.title,
      n_included: result.stats.n_included,
      generatedAt: new Date().toISOString(),
      href,
      status: 'up to date',
    };
  }
  const previous = join(result.outDir, 'stats.json');
  if (existsSync(previous)) {
    const stats = readPreviousStats(previous);
    if (!stats)
      return {
        id: result.cohort,
        title: result.cohort,
        n_included: null,
        generatedAt: '–',
        href,
        status: 'last run failed, and the previous report could not be read',
      };
    return {
      id: result.cohort,
      title: stats.title,
      n_included: stats.n_included,
      generatedAt: statSync(previous).mtime.toISOString(),
      href,
      status: 'last run failed: showing the previous report',
    };
  }
  return {
    id: result.cohort,
    title: result.cohort,
    n_included: null,
    generatedAt: '–',
    href: null,
    status: 'last run failed: no report yet',
  };
}

/** Title and size from an earlier stats.json; null when it is unreadable, truncated or not ours. */
function readPreviousStats(path: string): { title: string; n_included: number | null } | null {
  try {
    const stats = JSON.parse(readFileSync(path, 'utf8')) as { title?: unknown; n_included?: unknown };
    if (typeof stats.title !== 'string') return null;
    return { title: stats.title, n_included: typeof stats.n_included === 'number' ? stats.n_included : null };
  } catch {
    return null;
  }
}
