/**
 * The floor under `bulkhead scan`'s files/s: in one thread, read every file
 * of a tree, decide its kind as the scan does, and parse the ones the scan
 * analyses with the bare parser it is built on (the libraries as published;
 * Bulkhead's own JSON and block YAML readers where the scan uses them).
 * No model, no rules, no report. Run by the bench in a fresh process:
 *
 *   node out/test/bench/floor.js DIR   → prints one JSON object { files, parsed, ms }
 *
 * The CLI bundle reads `yaml`'s debugging switches as off (see
 * test/tools/yaml-debug-switches.cjs); the same rewrite is applied here when
 * `yaml` loads, so the floor parses YAML as fast as the CLI can.
 */
import * as fs from 'fs';
import Module = require('module');
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { YAML_DEBUG_FILES, YAML_DEBUG_SWITCHES } = require(path.join(ROOT, 'test/tools/yaml-debug-switches.cjs')) as { YAML_DEBUG_FILES: RegExp; YAML_DEBUG_SWITCHES: RegExp };

type Loader = (m: { _compile(src: string, file: string): void }, file: string) => void;
const exts = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
const js = exts['.js'];
exts['.js'] = (m, file) => (YAML_DEBUG_FILES.test(file) ? m._compile(fs.readFileSync(file, 'utf8').replace(YAML_DEBUG_SWITCHES, 'false'), file) : js(m, file));

/* eslint-disable @typescript-eslint/no-require-imports */
const { parseAllDocuments } = require('yaml') as typeof import('yaml');
const { DockerfileParser } = require('dockerfile-ast') as typeof import('dockerfile-ast');
const { classify } = require('../../src/formats/classify') as typeof import('../../src/formats/classify');
// JSON and block YAML are read by Bulkhead's own readers, which give the same nodes as `yaml` at a fraction of the cost
const { parseJsonDocument } = require('../../src/formats/yaml/json') as typeof import('../../src/formats/yaml/json');
const { parseBlockYaml } = require('../../src/formats/yaml/block') as typeof import('../../src/formats/yaml/block');
const { PARSE_OPTIONS } = require('../../src/formats/yaml/doc') as typeof import('../../src/formats/yaml/doc');
// and most Dockerfiles by its own reader (the same instructions as dockerfile-ast gives)
const { readDockerfile } = require('../../src/formats/dockerfile/reader') as typeof import('../../src/formats/dockerfile/reader');
/* eslint-enable @typescript-eslint/no-require-imports */

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

let ts: typeof import('typescript') | undefined;
const t = process.hrtime.bigint();
let files = 0;
let parsed = 0;
for (const file of walk(process.argv[2])) {
  files++;
  const text = fs.readFileSync(file, 'utf8');
  const kind = classify(file, text);
  if (!kind) continue;
  parsed++;
  if (kind === 'dockerfile') readDockerfile(text) ?? DockerfileParser.parse(text);
  else if (kind === 'cdk') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ts ??= require('typescript') as typeof import('typescript');
    ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  } else if (kind === 'terraform') throw new Error(`floor: no Terraform in the bench trees (${file})`);
  else if (!parseJsonDocument(text, PARSE_OPTIONS) && !parseBlockYaml(text, PARSE_OPTIONS)) parseAllDocuments(text);
}
process.stdout.write(JSON.stringify({ files, parsed, ms: Number(process.hrtime.bigint() - t) / 1e6 }) + '\n');
