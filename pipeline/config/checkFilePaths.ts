import { excerpt } from '../parse/excerpt.ts';
import type { CohortConfig } from '../types.ts';
import type { ConfigProblem } from './checkCohortReferences.ts';

/**
 * `files` entries must name files inside the cohort folder: relative, with no `..` step, no drive or
 * root, no backslash (a Windows separator that means another file on Linux). Links and file types
 * are checked when the file is opened (readInputFile); this catches what the text alone shows.
 */
export function checkFilePaths(files: CohortConfig['files']): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [role, name] of Object.entries(files) as Array<[string, string]>) {
    const why =
      name.trim() === ''
        ? 'is empty'
        : /^[/\\]|^[A-Za-z]:/.test(name)
          ? 'is an absolute path'
          : name.includes('\\')
            ? 'uses "\\" (write "/" between folders)'
            : name.split('/').includes('..')
              ? 'steps out of the folder with ".."'
              : null;
    if (why) {
      problems.push({
        pointer: `/files/${role}`,
        severity: 'error',
        message: `"${excerpt(name)}" ${why}: a file must be inside the cohort folder, named relative to it (e.g. "${role}.csv")`,
      });
    }
  }
  return problems;
}
