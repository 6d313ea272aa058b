// No import cycle in src/, type-only imports included: between files, and between the layers
// (domain, store, services, jobs, ops, slack/views, slack/listeners), so that each part can be read,
// tested and moved knowing only what is below it.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, importCycles, importGraph, importsOf } from '../helpers/import-graph.js';

const src = resolve('src');

/** The layer a file belongs to; a file outside the layer folders is a node of its own. */
function layerOf(file: string): string {
  const [top, second] = file.split('/');
  if (top === 'slack' && (second === 'views' || second === 'listeners')) return `slack/${second}`;
  if (['domain', 'store', 'services', 'jobs', 'ops'].includes(top as string)) return top as string;
  return file;
}

function layerGraph(files: ImportGraph): ImportGraph {
  const layers: ImportGraph = new Map();
  for (const [file, targets] of files) {
    const from = layerOf(file);
    const to = new Set(layers.get(from) ?? []);
    for (const t of targets) if (layerOf(t) !== from) to.add(layerOf(t));
    layers.set(from, [...to]);
  }
  return layers;
}

/** Which file imports make each step of a layer loop, for the failure message. */
function explain(loop: string[], files: ImportGraph): string {
  const steps = loop.slice(1).map((to, i) => {
    const from = loop[i] as string;
    const why = [...files].flatMap(([f, ts]) =>
      layerOf(f) === from ? ts.filter((t) => layerOf(t) === to).map((t) => `${f} → ${t}`) : [],
    );
    return `  ${from} → ${to}: ${why.slice(0, 3).join(', ')}`;
  });
  return [loop.join(' → '), ...steps].join('\n');
}

describe('import cycles in src/', () => {
  const files = importGraph(src);

  it('reads the whole tree', () => {
    expect(files.size).toBeGreaterThan(200);
    expect(files.get('services/index.ts')).toContain('services/signoff.ts');
  });

  it('has none between files', () => {
    expect(importCycles(files).map((loop) => loop.join(' → '))).toEqual([]);
  });

  it('has none between layers', () => {
    expect(importCycles(layerGraph(files)).map((loop) => explain(loop, files))).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('counts type-only imports, re-exports and dynamic imports, not comments or strings', () => {
    const code = [
      "import type { A } from './a.js';",
      "import { type B, c } from '../b.js';",
      "export type { D } from './d.js';",
      "export * from './e.js';",
      "const f = await import('./f.js');",
      "type G = import('./g.js').G;",
      "import { readFileSync } from 'node:fs';",
      "// import { H } from './h.js';",
      'const s = "from \'./i.js\'";',
    ].join('\n');
    expect(importsOf(code)).toEqual(['./a.js', '../b.js', './d.js', './e.js', './f.js', './g.js']);
  });

  it('finds a loop through each cycle, and nothing in a tree', () => {
    const graph: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([
      ['d.ts', 'd.ts'],
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
    ]);
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('finds a layer cycle that no file cycle shows', () => {
    const graph: ImportGraph = new Map([
      ['services/ports.ts', []],
      ['services/signoff.ts', ['slack/views/ack.ts']],
      ['slack/views/ack.ts', ['services/ports.ts']],
    ]);
    expect(importCycles(graph)).toEqual([]);
    expect(importCycles(layerGraph(graph))).toEqual([['services', 'slack/views', 'services']]);
  });
});
