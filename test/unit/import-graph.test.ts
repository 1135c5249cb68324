// The layers of docs/architecture.md as a graph of the console's own imports (src/, every relative import,
// type-only ones included): no circle anywhere, hooks never import views, present imports neither.
// The linter enforces the folder rules per file; this test sees the whole graph, which the linter cannot.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    // lint-probe files exist only while test/unit/lint-boundaries.test.ts runs: they break the rules on purpose.
    return /\.tsx?$/.test(e.name) && !e.name.startsWith('lint-probe-') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function importGraph(): ReadonlyMap<string, readonly string[]> {
  const files = new Set(sourceFiles(SRC));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const base = path.resolve(path.dirname(file), m[1] ?? '').replace(/\.js$/, '');
      const found = [`${base}.ts`, `${base}.tsx`].find((f) => files.has(f));
      if (found) targets.push(found);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every circle as a list of files (relative to src/), found by depth-first search. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open')
        found.push(stack.slice(stack.indexOf(next)).map((f) => path.relative(SRC, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

function edges(graph: ReadonlyMap<string, readonly string[]>, from: string, to: string): string[] {
  const inside = (file: string, folder: string) => path.relative(SRC, file).startsWith(`${folder}/`);
  return [...graph].flatMap(([file, targets]) =>
    inside(file, from)
      ? targets
          .filter((t) => inside(t, to))
          .map((t) => `${path.relative(SRC, file)} → ${path.relative(SRC, t)}`)
      : [],
  );
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads the whole tree (a broken reader would pass every check below)', () => {
    expect(graph.size).toBeGreaterThan(100);
    const app = graph.get(path.join(SRC, 'app.tsx')) ?? [];
    expect(app.some((f) => f.includes(`${path.sep}views${path.sep}`))).toBe(true);
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const a = path.join(SRC, 'a.ts');
    const b = path.join(SRC, 'b.ts');
    expect(
      circles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });

  it('keeps hooks and present below views', () => {
    expect(edges(graph, 'hooks', 'views')).toEqual([]);
    expect(edges(graph, 'present', 'views')).toEqual([]);
    expect(edges(graph, 'present', 'hooks')).toEqual([]);
    expect(edges(graph, 'views', 'hooks')).toEqual([]);
  });
});
