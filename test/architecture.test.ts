import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

// The import graph of the build (npm test builds dist/ first; it mirrors src/ file for file).
const root = fileURLToPath(new URL('..', import.meta.url));
let graph: ICruiseResult;

beforeAll(async () => {
  const result = await cruise(['dist'], { baseDir: root, doNotFollow: { path: 'node_modules' }, exclude: { path: '\\.d\\.ts$' } });
  graph = result.output as ICruiseResult;
});

const topFolder = (path: string) => /^dist\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Top-level folders of src/ and which other ones each imports. */
function folderGraph(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const module of graph.modules) {
    const from = topFolder(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = topFolder(dependency.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return edges;
}

function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the shape of the code', () => {
  it('has no import cycle between the top-level folders of src/', () => {
    expect(graph.modules.length).toBeGreaterThan(100);
    expect(findCycle(folderGraph())).toBeNull();
  });

  it('finds a folder cycle when there is one (the check itself works)', () => {
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(edges)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('has one stage plugin per folder of src/stages, named after its folder, all in the list', async () => {
    const { STAGES } = await import('../src/stages/index.js');
    const folders = readdirSync(new URL('../src/stages/', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(STAGES.map((stage) => stage.name).sort()).toEqual(folders.sort());
    for (const stage of STAGES) {
      const module = (await import(/* @vite-ignore */ new URL(`../src/stages/${stage.name}/index.ts`, import.meta.url).href)) as Record<
        string,
        unknown
      >;
      expect(module[stage.name]).toBe(stage);
    }
  });
});
