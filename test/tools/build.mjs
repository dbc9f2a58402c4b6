#!/usr/bin/env node
// Bundles the extension and the CLI with esbuild (npm run bundle).
//
//   src/vscode/extension.ts -> dist/extension.js   (external: vscode)
//   src/cli/main.ts         -> dist/cli.js         (#!/usr/bin/env node)
//
// Heavy dependencies stay out of those two bundles and load lazily, on first
// use, from a chunk of their own next to them. Every entry of LAZY_CHUNKS
// becomes dist/<out>; inside the main bundles, an import of one of its `alias`
// package specifiers, or a relative import that resolves to its entry file, is
// rewritten to `require('./<out>')` and left external. So source code just
// does `require('typescript')` (or `require('./sdk')`) inside the function
// that first needs it — not a top-level import, or the chunk loads at startup.
//
// To add a chunk: append { entry, out, alias? } below.
// A chunk whose entry does not exist yet is skipped with a note.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const dist = join(root, 'dist');

/** @type {{entry: string, out: string, alias: string[]}[]} */
export const LAZY_CHUNKS = [
  // the TypeScript compiler API, for CDK apps
  { entry: require.resolve('typescript'), out: 'typescript.js', alias: ['typescript'] },
  // the AWS SDK (ECR client + credential providers), loaded by src/ecr/client.ts via require('./sdk')
  { entry: 'src/ecr/sdk.ts', out: 'ecr-sdk.js', alias: [] },
  // the analysis engine (parsers, rules): loaded on the first analysis, not at
  // activation (src/vscode/engine.ts); the CLI loads it at once
  { entry: 'src/rules/engine.ts', out: 'engine.js', alias: [] },
];

/** @type {{entry: string, out: string, external?: string[], banner?: string}[]} */
const MAIN = [
  { entry: 'src/vscode/extension.ts', out: 'extension.js', external: ['vscode'] },
  { entry: 'src/cli/main.ts', out: 'cli.js', banner: '#!/usr/bin/env node' },
];

// WebAssembly the engine locates at run time (next to the bundle, else in node_modules): never bundled
const WASM = ['web-tree-sitter/tree-sitter.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SOURCE_EXTS = ['', '.ts', '.tsx', '.js', '/index.ts', '/index.js'];

/** Rewrites the lazy chunks' specifiers (and relative imports of their entries) to external `./<out>` requires. */
function lazyChunks(chunks) {
  return {
    name: 'lazy-chunks',
    setup(b) {
      for (const c of chunks) {
        if (!c.alias?.length) continue;
        const filter = new RegExp(`^(${c.alias.map(escapeRe).join('|')})$`);
        b.onResolve({ filter }, () => ({ path: `./${c.out}`, external: true }));
      }
      const byEntry = new Map(chunks.map((c) => [resolve(root, c.entry), c]));
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const base = resolve(args.resolveDir, args.path);
        for (const ext of SOURCE_EXTS) {
          const c = byEntry.get(base + ext);
          if (c) return { path: `./${c.out}`, external: true };
        }
        return undefined;
      });
    },
  };
}

// yaml's per-token debugging switches, read as off (see yaml-debug-switches.cjs)
const { YAML_DEBUG_FILES, YAML_DEBUG_SWITCHES } = require('./test/tools/yaml-debug-switches.cjs');
function yamlWithoutEnvReads() {
  return {
    name: 'yaml-without-env-reads',
    setup(b) {
      b.onLoad({ filter: YAML_DEBUG_FILES }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const out = text.replace(YAML_DEBUG_SWITCHES, 'false');
        if (out === text) console.log(`build: note: ${args.path} no longer reads process.env per token; yamlWithoutEnvReads can go`);
        return { contents: out, loader: 'js' };
      });
    },
  };
}

const started = Date.now();
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const chunks = LAZY_CHUNKS.filter((c) => {
  const ok = existsSync(resolve(root, c.entry));
  if (!ok) console.log(`build: skipping lazy chunk ${c.out} (${c.entry} does not exist yet)`);
  return ok;
});

const jobs = [];
for (const m of MAIN) {
  if (!existsSync(join(root, m.entry))) {
    console.log(`build: skipping ${m.out} (${m.entry} does not exist yet)`);
    continue;
  }
  jobs.push(
    build({
      ...common,
      entryPoints: [m.entry],
      outfile: join(dist, m.out),
      external: [...(m.external ?? []), ...WASM],
      banner: m.banner ? { js: m.banner } : undefined,
      plugins: [lazyChunks(chunks), yamlWithoutEnvReads()],
    }),
  );
}
for (const c of chunks) {
  jobs.push(
    build({
      ...common,
      entryPoints: [c.entry],
      outfile: join(dist, c.out),
      external: WASM,
      // a chunk may itself lazily load a later one
      plugins: [lazyChunks(chunks.filter((x) => x !== c)), yamlWithoutEnvReads()],
      minify: true,
      sourcemap: false,
    }),
  );
}
await Promise.all(jobs);

// the Terraform parser's WebAssembly (src/formats/terraform/parser.ts looks next to the bundle first)
for (const wasm of WASM) {
  copyFileSync(require.resolve(wasm), join(dist, wasm.split('/').pop()));
}

if (existsSync(join(dist, 'cli.js'))) chmodSync(join(dist, 'cli.js'), 0o755);
for (const f of [...MAIN.map((m) => m.out), ...chunks.map((c) => c.out)]) {
  const p = join(dist, f);
  if (existsSync(p)) console.log(`  dist/${f}  ${(statSync(p).size / 1024).toFixed(0)} KB`);
}
console.log(`build: bundled in ${Date.now() - started} ms`);
