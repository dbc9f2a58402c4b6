/**
 * The layering of DESIGN.md, checked on the sources: imports point down only.
 * core imports nothing from src and no Node built-in; formats, model and rules
 * never import vscode, the AWS SDK or src/ecr; only src/vscode imports vscode.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../../src');
const NODE_BUILTINS = /^(node:)?(fs|path|os|child_process|http|https|net|url|crypto|util|stream|zlib|worker_threads)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] ?? m[2]);
  return out;
}

function layerOf(spec: string, from: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const rel = path.relative(SRC, path.resolve(path.dirname(from), spec));
  return rel.split(path.sep)[0];
}

describe('layers (imports point down only)', () => {
  const rules: [string, (spec: string, layer: string | undefined) => string | undefined][] = [
    ['core', (s, l) => (l && l !== 'core' ? `imports src/${l}` : NODE_BUILTINS.test(s) ? `imports the Node built-in ${s}` : undefined)],
    ['model', (s, l) => (l && !['core', 'model', 'formats'].includes(l) ? `imports src/${l}` : undefined)],
    ['formats', (s, l) => (l && !['core', 'model', 'formats'].includes(l) ? `imports src/${l}` : undefined)],
    ['rules', (s, l) => (l && !['core', 'model', 'formats', 'rules'].includes(l) ? `imports src/${l}` : undefined)],
    ['ecr', (s, l) => (l && !['core', 'ecr'].includes(l) ? `imports src/${l}` : undefined)],
    ['cli', (s, l) => (l === 'vscode' ? 'imports src/vscode' : undefined)],
  ];
  for (const [layer, bad] of rules) {
    it(`src/${layer}`, () => {
      const problems: string[] = [];
      for (const f of files(path.join(SRC, layer))) {
        for (const spec of imports(f)) {
          const why = spec === 'vscode' ? 'imports vscode' : /^@aws-sdk\//.test(spec) && layer !== 'ecr' ? 'imports the AWS SDK' : bad(spec, layerOf(spec, f));
          if (why) problems.push(`${path.relative(SRC, f)}: ${why} (${spec})`);
        }
      }
      assert.deepStrictEqual(problems, []);
    });
  }
});

/** The file a relative import names (`./x` → x.ts or x/index.ts), or undefined for packages. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base + '.ts', path.join(base, 'index.ts'), base]) if (c.endsWith('.ts') && fs.existsSync(c)) return c;
  return undefined;
}

/** One cycle of the graph (as a path that returns to its start), or undefined. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...graph.keys()].sort()) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

describe('no import cycles', () => {
  const all = files(SRC);
  const fileGraph = new Map<string, Set<string>>();
  for (const f of all) fileGraph.set(path.relative(SRC, f), new Set(imports(f).map((s) => resolveImport(f, s)).filter((x): x is string => !!x).map((x) => path.relative(SRC, x))));

  it('between files (type-only imports included)', () => {
    const c = findCycle(fileGraph);
    assert.strictEqual(c?.join(' → '), undefined);
  });

  it('between format folders (src/formats/<format>)', () => {
    const folderOf = (f: string) => (f.startsWith(`formats${path.sep}`) && f.split(path.sep).length > 2 ? f.split(path.sep).slice(0, 2).join('/') : undefined);
    const g = new Map<string, Set<string>>();
    for (const [f, deps] of fileGraph) {
      const a = folderOf(f);
      if (!a) continue;
      for (const d of deps) {
        const b = folderOf(d);
        if (b && b !== a) g.set(a, (g.get(a) ?? new Set()).add(b));
      }
    }
    const c = findCycle(g);
    assert.strictEqual(c?.join(' → '), undefined);
  });
});

describe('rule files', () => {
  const RULES = path.join(SRC, 'rules');
  const OUT_RULES = path.resolve(__dirname, '../../src/rules');
  for (const folder of fs.readdirSync(RULES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
    it(`src/rules/${folder}: each rule file is named after its slug and defines its rule through defineRule`, () => {
      const wrong: string[] = [];
      for (const f of fs.readdirSync(path.join(RULES, folder)).filter((x) => x.endsWith('.ts') && x !== 'index.ts' && !x.startsWith('_'))) {
        const name = f.slice(0, -3);
        if (folder === 'general') continue;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(path.join(OUT_RULES, folder, name + '.js')) as { default?: unknown };
        const list = mod.default;
        if (!Array.isArray(list) || !list.length) {
          wrong.push(`${folder}/${f}: the default export is not the array defineRule returns`);
          continue;
        }
        for (const r of list as { slug?: string; meta: { id: string } }[]) if (r.slug !== name) wrong.push(`${folder}/${f}: defines ${r.meta.id} (slug ${r.slug})`);
      }
      assert.deepStrictEqual(wrong, []);
    });
  }
});
