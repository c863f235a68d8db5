import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OUTPUT_MARKER } from './writeOutputAtomically.ts';

/**
 * The folder that holds the complete report at `target` (`--out`) when a run starts: the versioned
 * folder `target` links to, or `target` itself when it is a real folder. Null when there is none (a
 * first run, a folder casepool did not write, a report a killed run left incomplete). Resolved once,
 * at the start, so that what a run reads of it is one report, even while another run switches the link.
 */
export function previousReportDir(target: string): string | null {
  try {
    const dir = realpathSync(resolve(target));
    return statSync(dir).isDirectory() && existsSync(join(dir, OUTPUT_MARKER)) ? dir : null;
  } catch {
    return null;
  }
}
