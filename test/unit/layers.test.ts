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
