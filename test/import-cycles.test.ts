import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SOURCE = resolve(import.meta.dirname, '..', 'src');

/**
 * Cycles that may stay, each with its reason. Empty: every dependency in src/ points one way. A cycle added here must
 * say why it cannot be untied.
 */
const ALLOWED_CYCLES: ReadonlyArray<{ files: string[]; reason: string }> = [];

/** Every `.ts` file under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Relative imports of each file, type-only ones included (a type import ties two files as tightly when reading them),
 * read by the TypeScript compiler's own pre-processor: static, dynamic and re-exports.
 */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name).replace(/\.js$/, '.ts'));
    graph.set(file, [...new Set(targets)].filter((target) => target !== file));
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan), each sorted, as paths relative to src/. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!order.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, order.get(target)!));
      }
    }
    if (low.get(file) !== order.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(SOURCE, member));
    } while (member !== file);
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return found;
}

describe('imports in src/', () => {
  it('form no cycle: every dependency points one way', () => {
    const allowed = new Set(ALLOWED_CYCLES.map((cycle) => [...cycle.files].sort().join(' ')));
    const unexpected = cycles(importGraph(sourceFiles(SOURCE))).filter((cycle) => !allowed.has(cycle.join(' ')));
    expect(unexpected).toEqual([]);
  });

  it('finds a cycle of three files and leaves out a file that only imports into it', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']],
      ['/d.ts', ['/a.ts']],
    ]);
    expect(cycles(graph).map((cycle) => cycle.length)).toEqual([3]);
  });
});
