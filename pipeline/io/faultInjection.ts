import { appendFileSync } from 'node:fs';

/**
 * Test hooks, honoured only by the output writer and used only by its crash tests: every file-system
 * step the writer takes is announced here first, so a test can stop the writer just before any one
 * of them. Unset (always, outside tests), `fsStep` only counts.
 *
 * - `CASEPOOL_TEST_STEP_LOG=<file>`: append `<k> <step>` for every step (to learn the sequence).
 * - `CASEPOOL_TEST_KILL_AT=<k>`: SIGKILL this process just before its k-th step.
 * - `CASEPOOL_TEST_FAIL_AT=<k>:<CODE>` or `<step>#<n>:<CODE>`: throw an error with errno code CODE
 *   (ENOSPC, EACCES, …, or anything else for a bug) instead of the k-th step, or the n-th step so named,
 *   counted from when this value was first seen (so a test can set it in-process, between runs).
 */
let count = 0;
let failSpec: string | undefined;
let failCount = 0;
const failCountByName = new Map<string, number>();

function injectedFailure(spec: string | undefined, name: string): string | null {
  if (spec !== failSpec) {
    failSpec = spec;
    failCount = 0;
    failCountByName.clear();
  }
  if (!spec) return null;
  failCount++;
  const byName = (failCountByName.get(name) ?? 0) + 1;
  failCountByName.set(name, byName);
  const m = /^(?:(\d+)|([a-z-]+)#(\d+)):([A-Z0-9_]+)$/.exec(spec);
  if (!m) return null;
  const hit = m[1] !== undefined ? Number(m[1]) === failCount : m[2] === name && Number(m[3]) === byName;
  return hit ? m[4]! : null;
}

export function fsStep(name: string): void {
  count++;
  const env = process.env;
  if (env.CASEPOOL_TEST_STEP_LOG) appendFileSync(env.CASEPOOL_TEST_STEP_LOG, `${count} ${name}\n`);
  if (env.CASEPOOL_TEST_KILL_AT && Number(env.CASEPOOL_TEST_KILL_AT) === count)
    process.kill(process.pid, 'SIGKILL');
  const code = injectedFailure(env.CASEPOOL_TEST_FAIL_AT, name);
  if (code)
    throw Object.assign(new Error(`${code}: injected failure before step ${count} (${name})`), { code });
}
