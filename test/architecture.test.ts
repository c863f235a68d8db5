/**
 * ARCHITECTURE.md stays true: every path it names exists, every folder of pipeline/ is on its map, and
 * the modules import one another without a circle (type imports included: a circle of types still ties
 * the rooms together).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAP = readFileSync('ARCHITECTURE.md', 'utf8');

/** Every .ts module under pipeline/ (the scaffold's template is a cohort folder, not code). */
function modules(dir = 'pipeline'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'template' ? [] : modules(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The modules a module imports (relative imports, type-only included). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => relative('.', resolve(dirname(file), m[1]!)));
  return specifiers.filter((s) => known.has(s));
}

describe('ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const named = [...MAP.matchAll(/`((?:pipeline|test)\/[^`\s]*)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter((p) => !p.includes('<') && !existsSync(p.replace(/\/$/, '')));
    expect(missing).toEqual([]);
  });

  it('puts every folder of pipeline/ on its map', () => {
    const folders = readdirSync('pipeline').filter((n) => statSync(join('pipeline', n)).isDirectory());
    expect(folders.filter((f) => !MAP.includes(`\`pipeline/${f}/\``))).toEqual([]);
  });

  it('holds: no import circle among the modules of pipeline/', () => {
    const files = modules();
    const known = new Set(files);
    const edges = new Map(files.map((f) => [f, importsOf(f, known)]));
    // Tarjan's strongly connected components: a component of more than one module is a circle.
    let index = 0;
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string) => {
      order.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v)!) {
        if (!order.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
      if (low.get(v) === order.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) circles.push(component);
      }
    };
    for (const f of files) if (!order.has(f)) visit(f);
    expect(circles).toEqual([]);
  });
});
