/**
 * Summarises a V8 CPU profile (from `node --cpu-prof`): self time by function and by file, and total
 * (inclusive) time by function, optionally only for samples under a given function:
 *
 *   node --cpu-prof --cpu-prof-dir bench/runs/prof --import tsx pipeline/cli/cli.ts --cohort … --no-png
 *   npx tsx bench/profile.ts bench/runs/prof/CPU.….cpuprofile [--top 25] [--under normalize]
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url.split('?')[0]!) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  return path.startsWith('/') ? relative(ROOT, path) : path;
}

export function summarize(profile: CpuProfile, options: { top: number; under?: string }): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fnKey = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'}  ${shortUrl(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  const self = new Map<string, number>();
  const selfFile = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  // A sample's time is the delta to the next sample.
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]!)!;
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id))
      stack.push(byId.get(id)!);
    if (options.under && !stack.some((n) => n.callFrame.functionName === options.under)) continue;
    all += dt;
    add(self, fnKey(leaf), dt);
    add(selfFile, shortUrl(leaf.callFrame.url), dt);
    for (const k of new Set(stack.map(fnKey))) add(total, k, dt);
  }
  const table = (title: string, m: Map<string, number>) =>
    [
      title,
      ...[...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, options.top)
        .map(([k, v]) => `${v.toFixed(0).padStart(8)} ms ${((v / all) * 100).toFixed(1).padStart(5)}%  ${k}`),
    ].join('\n');
  return [
    `${all.toFixed(0)} ms sampled${options.under ? ` under ${options.under}()` : ''}`,
    table('\nself time by function:', self),
    table('\nself time by file:', selfFile),
    table('\ntotal (inclusive) time by function:', total),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { top: { type: 'string', default: '25' }, under: { type: 'string' } },
    allowPositionals: true,
  });
  for (const file of positionals) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    console.log(`== ${file}\n${summarize(profile, { top: Number(values.top), under: values.under })}\n`);
  }
}
