import { randomBytes } from 'node:crypto';

/**
 * The hidden siblings of an output folder `<name>`, all in its parent folder:
 * - `.casepool-<name>-<run>`: one complete report (or one being written), `<name>` links to it;
 * - `.casepool-<name>-<run>.previous`: the report being replaced, moved aside during a swap;
 * - `.casepool-<name>-<run>.link`: the new link, before it is renamed over `<name>`;
 * - `.casepool-<name>.lock`: held by the run that is writing.
 * `<run>` sorts by start time, so the newest complete report can be found after a crash.
 */
const RUN_ID = /^([0-9a-z]{9}-[0-9]+-[0-9a-f]{8})(\.previous|\.link)?$/;

export type SiblingKind = 'version' | 'previous' | 'link';

export function newRunId(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export const versionName = (name: string, runId: string) => `.casepool-${name}-${runId}`;
export const previousName = (name: string, runId: string) => `${versionName(name, runId)}.previous`;
export const linkName = (name: string, runId: string) => `${versionName(name, runId)}.link`;
export const lockName = (name: string) => `.casepool-${name}.lock`;

/** Which sibling of output `<name>` the folder entry `entry` is, or null when it is none of ours. */
export function parseSibling(name: string, entry: string): { runId: string; kind: SiblingKind } | null {
  const prefix = `.casepool-${name}-`;
  if (!entry.startsWith(prefix)) return null;
  const m = RUN_ID.exec(entry.slice(prefix.length));
  if (!m) return null;
  return { runId: m[1]!, kind: m[2] === '.previous' ? 'previous' : m[2] === '.link' ? 'link' : 'version' };
}

/** Staging folders (`.casepool-tmp-<name>-XXXXXX`) and their `-previous` of casepool before 2026-12. */
export function parseLegacySibling(name: string, entry: string): { kind: 'staging' | 'previous' } | null {
  const m = /^([A-Za-z0-9]{6})(-previous)?$/.exec(entry.slice(`.casepool-tmp-${name}-`.length));
  if (!entry.startsWith(`.casepool-tmp-${name}-`) || !m) return null;
  return { kind: m[2] ? 'previous' : 'staging' };
}
