/* global process, console */
/**
 * `npm run pipeline`: runs the compiled pipeline (dist/) on plain Node, rebuilding it first when a
 * source is newer than the build, so a fresh clone needs only `npm ci && npm run pipeline` and an
 * edited source is never run stale.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildIsStale, DIST } from './build.mjs';

if (buildIsStale()) {
  console.error('building casepool (sources changed)…');
  const status = await build();
  if (status !== 0) process.exit(3);
}
const { runFromCommandLine } = await import(pathToFileURL(join(DIST, 'pipeline', 'cli', 'cli.js')).href);
runFromCommandLine(process.argv.slice(2));
