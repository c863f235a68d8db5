import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** The real path of `path` (symbolic links resolved), for a path that may not exist yet. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
  }
}

const inside = (a: string, b: string) => a === b || a.startsWith(b.endsWith(sep) ? b : `${b}${sep}`);

/** True when one of the two folders is, contains or lies inside the other, as typed or for real. */
export function pathsOverlap(a: string, b: string): boolean {
  const pairs: Array<[string, string]> = [
    [resolve(a), resolve(b)],
    [realPathOf(a), realPathOf(b)],
  ];
  return pairs.some(([x, y]) => inside(x, y) || inside(y, x));
}
