/**
 * Bulkhead benchmarks (npm run bench). A benchmark, never a timed test:
 * nothing here fails on a slow figure. Prints a table, or with --json one
 * JSON object (metric name -> number, unit in the name).
 *
 *   node out/test/bench/main.js [--json] [--output FILE] [--quick] [--only a,b] [--skip a,b] [--inputs k8s_300_lines,…]
 *
 * (`npm run -s bench -- --json` keeps npm's own banner out of stdout; --output
 * writes the same JSON object to a file.)
 *
 * Sections: analysis, peers, memory, cli, startup, cdk, vscode.
 * Needs `npx tsc -p .` and `node test/tools/build.mjs` first (cli, startup and
 * vscode use dist/). Heavy peers (aws-cdk-lib, aws-cdk, cdk-nag) are installed
 * on first use into .bench/cdk (gitignored), never into the project.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { readDockerfile } from '../../src/formats/dockerfile/reader';
import { analyzeText, initTerraform } from '../../src/rules/engine';
import { terraformParser } from '../../src/formats/terraform/parser';
import { forgetTrees } from '../../src/formats/terraform/reuse';
import { PARSE_OPTIONS, resetParseCache } from '../../src/formats/yaml/doc';
import { parseBlockYaml } from '../../src/formats/yaml/block';
import { parseJsonDocument } from '../../src/formats/yaml/json';
import { genCdk, genCfn, genDockerfile, genEcsJson, genK8s, genTerraform, genTree } from './gen';
import { Budget, FULL, QUICK, median, now, p95, round, timeInterleaved } from './stats';

export const ROOT = path.resolve(__dirname, '../../..');
export const BENCH_DIR = path.join(ROOT, '.bench');
const DIST = path.join(ROOT, 'dist');

type Metrics = Record<string, number>;
interface Notes {
  [section: string]: string[];
}

const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const QUICK_MODE = args.includes('--quick');
const listArg = (name: string): string[] | undefined => {
  const i = args.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  const v = args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
  return (v ?? '').split(',').filter(Boolean);
};
const ONLY = listArg('--only');
const SKIP = listArg('--skip') ?? [];
/** analysis section: only these inputs (e.g. --inputs k8s_300_lines,cfn_300_lines) */
const INPUTS = listArg('--inputs');
const BUDGET: Budget = QUICK_MODE ? QUICK : FULL;

const metrics: Metrics = {};
const notes: Notes = {};
function log(s: string): void {
  // progress goes to stderr so that --json output stays one clean object
  process.stderr.write(s + '\n');
}
function note(section: string, s: string): void {
  (notes[section] ??= []).push(s);
  log(`  note: ${s}`);
}
function put(name: string, v: number, digits = 3): void {
  metrics[name] = round(v, digits);
}

// ---------------------------------------------------------------- analysis per target

interface Input {
  /** metric prefix, e.g. k8s_300_lines */
  name: string;
  path: string;
  text: string;
  /** the bare parse Bulkhead's own parse is built on: the floor */
  parse: () => unknown;
  /**
   * the same parse by the library as published, where Bulkhead changes how
   * the library runs once loaded (dockerfile-ast's argument memo makes the
   * library's own parse faster too, so `parse` is no longer what it costs
   * without Bulkhead)
   */
  published?: () => unknown;
}

/**
 * A second, untouched instance of a package: its modules are loaded again
 * outside the require cache, so what Bulkhead installed on the first
 * instance's prototypes is not on this one's.
 */
function pristine<T>(id: string): T {
  let dir = path.dirname(require.resolve(id));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const mine = (k: string) => k.startsWith(dir + path.sep);
  const saved = Object.keys(require.cache)
    .filter(mine)
    .map((k) => [k, require.cache[k]] as const);
  for (const [k] of saved) delete require.cache[k];
  try {
    return require(id) as T;
  } finally {
    for (const k of Object.keys(require.cache)) if (mine(k)) delete require.cache[k];
    for (const [k, v] of saved) require.cache[k] = v;
  }
}

let tsModule: typeof import('typescript') | undefined;
function ts(): typeof import('typescript') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (tsModule ??= require('typescript') as typeof import('typescript'));
}

export function inputs(): Input[] {
  const list: Input[] = [];
  // Bulkhead reads block YAML with its own reader (the same nodes as `yaml` gives): that is the parse; `yaml`'s is the published one
  const yaml = (name: string, p: string, text: string): Input => ({ name, path: p, text, parse: () => parseBlockYaml(text, PARSE_OPTIONS) ?? parseAllDocuments(text), published: () => parseAllDocuments(text) });
  for (const n of [50, 300, 10000]) list.push(yaml(`k8s_${n}_lines`, `/bench/k8s-${n}.yaml`, genK8s(1000 + n, n)));
  for (const n of [50, 300, 10000]) {
    // Bulkhead reads JSON with its own reader (the same nodes as `yaml` gives): that is the parse; `yaml`'s is the published one
    const text = genEcsJson(2000 + n, n);
    list.push({ name: `ecs_json_${n}_lines`, path: `/bench/taskdef-${n}.json`, text, parse: () => parseJsonDocument(text, PARSE_OPTIONS) ?? parseAllDocuments(text), published: () => parseAllDocuments(text) });
  }
  for (const n of [50, 300, 10000]) list.push(yaml(`cfn_${n}_lines`, `/bench/template-${n}.yaml`, genCfn(3000 + n, n)));
  for (const n of [50, 300, 2000]) {
    const text = genDockerfile(4000 + n, n);
    const published = pristine<typeof import('dockerfile-ast')>('dockerfile-ast').DockerfileParser;
    // Bulkhead reads most Dockerfiles with its own reader (the same instructions as dockerfile-ast gives): that is the parse; the library's is the published one
    list.push({ name: `dockerfile_${n}_lines`, path: `/bench/${n}.Dockerfile`, text, parse: () => readDockerfile(text) ?? DockerfileParser.parse(text), published: () => published.parse(text) });
  }
  for (const n of [50, 300, 10000]) {
    const text = genTerraform(6000 + n, n);
    // the bare parse: tree-sitter's, freed as Bulkhead frees it
    list.push({ name: `tf_${n}_lines`, path: `/bench/main-${n}.tf`, text, parse: () => terraformParser()!.parse(text)?.delete() });
  }
  for (const n of [50, 300, 2000]) {
    const text = genCdk(5000 + n, n);
    const p = `/bench/stack-${n}.ts`;
    list.push({ name: `cdk_${n}_lines`, path: p, text, parse: () => ts().createSourceFile(p, text, ts().ScriptTarget.Latest, true) });
  }
  return list;
}

/** Untimed and timed runs of the warm measurement of each 300-line input. */
const WARM_RUNS = 1000;

/**
 * Fresh processes that repeat the first-analysis measurement of each 300-line
 * input. In one process the ratio moves by a tenth or two from run to run
 * (how far V8 has compiled the analysis code in those 400 runs differs), so
 * the median over several processes is the steadier figure.
 */
const FRESH_PROCESSES = 5;

/** A first analysis of the input's text: large multi-document YAML and Terraform are otherwise served from their caches. */
function coldAnalysis(inp: Input): () => unknown {
  return () => {
    resetParseCache();
    forgetTrees();
    return analyzeText(inp.text, { path: inp.path });
  };
}

/** The first-analysis measurement of one input, as the section takes it: its CPU ratio to the bare parse. */
function firstAnalysisRatio(inp: Input): number {
  const cpu: number[][] = [];
  timeInterleaved([coldAnalysis(inp), inp.parse], BUDGET, cpu);
  return median(cpu[0]) / median(cpu[1]);
}

/** `--first-analysis-child NAME`: that input's first-analysis ratio in this fresh process, on stdout. */
function firstAnalysisChild(name: string): void {
  const inp = inputs().find((i) => i.name === name);
  if (!inp) throw new Error(`no bench input ${name}`);
  analyzeText(inp.text, { path: inp.path });
  process.stdout.write(`${firstAnalysisRatio(inp)}\n`);
}

function sectionAnalysis(): void {
  log('analysis: per target, analyzeText vs the bare parse of the same text (interleaved runs)');
  // the TypeScript compiler is loaded lazily on the first CDK file: time that once, in a fresh process
  const compilerLoad = spawnSync(
    process.execPath,
    ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(fs.existsSync(path.join(DIST, 'typescript.js')) ? path.join(DIST, 'typescript.js') : 'typescript')});console.log(Number(process.hrtime.bigint()-t)/1e6)`],
    { encoding: 'utf8' },
  );
  if (compilerLoad.status === 0) put('cdk_compiler_load_ms', Number(compilerLoad.stdout.trim()), 1);
  for (const inp of inputs()) {
    if (INPUTS && !INPUTS.includes(inp.name)) continue;
    const lines = inp.text.split('\n').length - 1;
    const findings = analyzeText(inp.text, { path: inp.path }).findings.length;
    const big = lines > 1000;
    const b: Budget = big ? { ...BUDGET, minRuns: Math.min(BUDGET.minRuns, 10), maxRuns: QUICK_MODE ? 8 : 40, warmup: 3 } : BUDGET;
    const cpu: number[][] = [];
    const cold = coldAnalysis(inp);
    const [an, pa, pub] = timeInterleaved(inp.published ? [cold, inp.parse, inp.published] : [cold, inp.parse], b, cpu);
    put(`${inp.name}_median_ms`, median(an));
    put(`${inp.name}_p95_ms`, p95(an));
    put(`${inp.name}_cpu_median_ms`, median(cpu[0]));
    put(`${inp.name}_parse_median_ms`, median(pa));
    put(`${inp.name}_parse_cpu_median_ms`, median(cpu[1]));
    // the ratio from CPU time: waiting for a core on a busy machine inflates wall times unevenly
    const ratio = median(cpu[0]) / median(cpu[1]);
    put(`${inp.name}_analysis_to_parse_ratio`, ratio, 2);
    if (pub) {
      put(`${inp.name}_published_parse_cpu_median_ms`, median(cpu[2]));
      put(`${inp.name}_analysis_to_published_parse_ratio`, median(cpu[0]) / median(cpu[2]), 2);
      log(`  ${inp.name.padEnd(22)} the library's parse as published: cpu ${median(cpu[2]).toFixed(3)} ms, ratio ${(median(cpu[0]) / median(cpu[2])).toFixed(2)}`);
    }
    if (!QUICK_MODE && inp.name.endsWith('_300_lines')) {
      const fresh: number[] = [];
      for (let i = 0; i < FRESH_PROCESSES; i++) {
        const r = spawnSync(process.execPath, [__filename, '--first-analysis-child', inp.name], { encoding: 'utf8' });
        const x = Number(r.stdout.trim());
        if (r.status === 0 && Number.isFinite(x)) fresh.push(x);
        else note('analysis', `${inp.name}: a fresh-process measurement failed (${r.stderr.trim().split('\n')[0] ?? r.status})`);
      }
      if (fresh.length) {
        put(`${inp.name}_fresh_analysis_to_parse_ratio`, median(fresh), 2);
        log(`  ${inp.name.padEnd(22)} first analysis in ${fresh.length} fresh processes: ratios ${fresh.map((x) => x.toFixed(2)).join(', ')}; median ${median(fresh).toFixed(2)}`);
      }
      // the same with the analysis code warm: it is many functions each called once per file, which the
      // optimising compiler takes later than the parser's few hot loops (a scan over many files runs warm)
      const wcpu: number[][] = [];
      timeInterleaved(inp.published ? [cold, inp.parse, inp.published] : [cold, inp.parse], { minRuns: WARM_RUNS, maxRuns: WARM_RUNS, minMs: 0, warmup: WARM_RUNS }, wcpu);
      const warm = median(wcpu[0]) / median(wcpu[1]);
      put(`${inp.name}_warm_analysis_to_parse_ratio`, warm, 2);
      if (inp.published) put(`${inp.name}_warm_analysis_to_published_parse_ratio`, median(wcpu[0]) / median(wcpu[2]), 2);
      log(`  ${inp.name.padEnd(22)} warm (${WARM_RUNS} runs after ${WARM_RUNS} untimed): cpu ${median(wcpu[0]).toFixed(3)} ms, parse ${median(wcpu[1]).toFixed(3)} ms, ratio ${warm.toFixed(2)}${inp.published ? `, to the published parse ${(median(wcpu[0]) / median(wcpu[2])).toFixed(2)}` : ''}`);
    }
    if (inp.name.startsWith('k8s_') || inp.name === 'tf_10000_lines') {
      // the editor path: re-analysis after a one-character edit in the middle (A, B, A, B …)
      const mid = inp.text.indexOf('\n', inp.text.length >> 1) + 1;
      const edited = inp.text.slice(0, mid) + '# edited\n' + inp.text.slice(mid);
      const ecpu: number[][] = [];
      const [ea, eb] = timeInterleaved([() => analyzeText(inp.text, { path: inp.path }), () => analyzeText(edited, { path: inp.path })], b, ecpu);
      put(`${inp.name}_after_edit_median_ms`, median([...ea, ...eb]));
      put(`${inp.name}_after_edit_cpu_median_ms`, median([...ecpu[0], ...ecpu[1]]));
      log(`  ${inp.name.padEnd(22)} after a one-line edit: ${median([...ea, ...eb]).toFixed(3)} ms (cpu ${median([...ecpu[0], ...ecpu[1]]).toFixed(3)})`);
    }
    log(`  ${inp.name.padEnd(22)} ${lines} lines, ${findings} findings: analysis ${median(an).toFixed(3)} ms (p95 ${p95(an).toFixed(3)}, cpu ${median(cpu[0]).toFixed(3)}), parse ${median(pa).toFixed(3)} ms (cpu ${median(cpu[1]).toFixed(3)}), ratio ${ratio.toFixed(2)} [${an.length} runs]`);
  }
  // the headline ratio per target: the typical (300-line) input
  for (const t of ['k8s', 'ecs_json', 'cfn', 'dockerfile', 'cdk', 'tf']) {
    const r = metrics[`${t}_300_lines_analysis_to_parse_ratio`];
    if (r !== undefined) put(`${t}_analysis_to_parse_ratio`, r, 2);
    const rp = metrics[`${t}_300_lines_analysis_to_published_parse_ratio`];
    if (rp !== undefined) put(`${t}_analysis_to_published_parse_ratio`, rp, 2);
    const w = metrics[`${t}_300_lines_warm_analysis_to_parse_ratio`];
    if (w !== undefined) put(`${t}_warm_analysis_to_parse_ratio`, w, 2);
    const f = metrics[`${t}_300_lines_fresh_analysis_to_parse_ratio`];
    if (f !== undefined) put(`${t}_fresh_analysis_to_parse_ratio`, f, 2);
  }
}

// ---------------------------------------------------------------- peers on the same Dockerfiles

function resolvePeer(name: string): string | undefined {
  for (const base of [ROOT, path.join(BENCH_DIR, 'peers')]) {
    try {
      return require.resolve(name, { paths: [base] });
    } catch {
      /* next */
    }
  }
  return undefined;
}

function ensurePeers(names: string[]): void {
  const missing = names.filter((n) => !resolvePeer(n));
  if (!missing.length) return;
  const dir = path.join(BENCH_DIR, 'peers');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(path.join(dir, 'package.json'))) fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"bench-peers","private":true}\n');
  log(`  installing ${missing.join(', ')} into .bench/peers (not a project dependency)`);
  execFileSync('npm', ['i', '--no-audit', '--no-fund', '--loglevel=error', ...missing], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

function peerVersion(name: string): string {
  const main = resolvePeer(name);
  if (!main) return '?';
  let dir = path.dirname(main);
  for (let i = 0; i < 5; i++) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      const j = JSON.parse(fs.readFileSync(pj, 'utf8')) as { name?: string; version?: string };
      if (j.name === name) return j.version ?? '?';
    }
    dir = path.dirname(dir);
  }
  return '?';
}

function sectionPeers(): void {
  log('peers: dockerfilelint and dockerfile-utils on the same Dockerfiles, in process');
  try {
    ensurePeers(['dockerfilelint', 'dockerfile-utils']);
  } catch (e) {
    note('peers', `could not install the Dockerfile peers: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const dfl = require(resolvePeer('dockerfilelint')!) as { run(configPath: string, content: string): unknown[] };
  const dfu = require(resolvePeer('dockerfile-utils')!) as { validate(content: string, settings?: unknown): unknown[] };
  /* eslint-enable */
  note('peers', `dockerfilelint ${peerVersion('dockerfilelint')}, dockerfile-utils ${peerVersion('dockerfile-utils')}`);
  const cfgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-dfl-'));
  for (const n of [50, 300, 2000]) {
    const text = genDockerfile(4000 + n, n);
    const p = `/bench/${n}.Dockerfile`;
    const [bh, a, b] = timeInterleaved([() => analyzeText(text, { path: p }), () => dfl.run(cfgDir, text), () => dfu.validate(text)], BUDGET);
    put(`dockerfile_${n}_lines_bulkhead_median_ms`, median(bh));
    put(`dockerfilelint_${n}_lines_median_ms`, median(a));
    put(`dockerfile_utils_${n}_lines_median_ms`, median(b));
    put(`dockerfilelint_${n}_lines_to_bulkhead_ratio`, median(a) / median(bh), 2);
    put(`dockerfile_utils_${n}_lines_to_bulkhead_ratio`, median(b) / median(bh), 2);
    log(`  ${n} lines: bulkhead ${median(bh).toFixed(3)} ms, dockerfilelint ${median(a).toFixed(3)} ms, dockerfile-utils ${median(b).toFixed(3)} ms`);
  }
  // a peer run per save means a process per save: cold start of each CLI on one typical file
  const file = path.join(cfgDir, 'Dockerfile');
  fs.writeFileSync(file, genDockerfile(4300, 300));
  const dflBin = path.join(path.dirname(resolvePeer('dockerfilelint')!), '..', 'bin', 'dockerfilelint');
  const runs = QUICK_MODE ? 3 : 10;
  const cold = (argv: string[]): number[] => {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = now();
      spawnSync(process.execPath, argv, { stdio: 'ignore', cwd: cfgDir });
      xs.push(now() - t);
    }
    return xs;
  };
  if (fs.existsSync(path.join(DIST, 'cli.js'))) {
    const bh = cold([path.join(DIST, 'cli.js'), 'scan', '--no-config', '--fail-on', 'none', file]);
    put('cli_cold_one_dockerfile_median_ms', median(bh), 1);
  }
  if (fs.existsSync(dflBin)) {
    const d = cold([dflBin, file]);
    put('dockerfilelint_cli_cold_one_dockerfile_median_ms', median(d), 1);
  }
  fs.rmSync(cfgDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- memory (child process with --expose-gc)

function sectionMemory(): void {
  log('memory: heap after 5,000 files in one process; heap growth over 10,000 re-analyses of one document');
  const r = spawnSync(process.execPath, ['--expose-gc', __filename, '--memory-child', ...(QUICK_MODE ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    note('memory', `the memory child failed: ${(r.stderr || '').split('\n').slice(-5).join(' ')}`);
    return;
  }
  const m = JSON.parse(r.stdout) as Metrics;
  for (const [k, v] of Object.entries(m)) put(k, v, 1);
  log(`  ${JSON.stringify(m)}`);
}

function memoryChild(): void {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const mb = (n: number) => n / 1048576;
  gc();
  const base = process.memoryUsage().heapUsed;
  const out: Metrics = {};
  // 5,000 files, analysed one after another; the results are dropped as a CLI that streams would
  let findings = 0;
  for (const f of genTree(7, 5000)) findings += analyzeText(f.text, { path: '/tree/' + f.rel }).findings.length;
  gc();
  out.heap_after_5000_files_mb = mb(process.memoryUsage().heapUsed);
  out.heap_growth_after_5000_files_mb = mb(process.memoryUsage().heapUsed - base);
  // one document, re-analysed as an editor would on every keystroke
  const text = genK8s(1300, 300);
  const n = QUICK_MODE ? 2000 : 10000;
  for (let i = 0; i < 200; i++) analyzeText(text, { path: '/doc.yaml' });
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) analyzeText(text, { path: '/doc.yaml' });
  gc();
  out[`heap_growth_after_${n === 10000 ? '10000' : n}_reanalyses_mb`] = mb(process.memoryUsage().heapUsed - before);
  out.memory_findings_checked = findings;
  process.stdout.write(JSON.stringify(out));
}

// ---------------------------------------------------------------- CLI over generated trees

const TREE_ROOT = path.join(os.tmpdir(), 'bulkhead-bench-trees');

/** Writes (once) the tree of `count` files; outside the repository, whose .gitignore hides .bench/. */
function tree(count: number): string {
  const dir = path.join(TREE_ROOT, `tree-${count}`);
  const stamp = path.join(dir, '.complete');
  const genStamp = fs.statSync(path.join(__dirname, 'gen.js')).mtimeMs.toString();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === genStamp) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of genTree(7, count)) {
    const p = path.join(dir, f.rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
  }
  fs.writeFileSync(stamp, genStamp);
  return dir;
}

function rssHook(): string {
  const hook = path.join(BENCH_DIR, 'rss-hook.js');
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  fs.writeFileSync(
    hook,
    `process.on('exit', () => { try { require('fs').writeFileSync(process.env.BULKHEAD_BENCH_RSS, String(process.resourceUsage().maxRSS)); } catch {} });\n`,
  );
  return hook;
}

/** Runs `bulkhead scan` over a folder in a fresh process: wall time and peak RSS. */
export function runCli(dir: string, extra: string[] = []): { ms: number; rssMb: number; status: number | null; stderr: string } {
  const rssFile = path.join(os.tmpdir(), `bulkhead-bench-rss-${process.pid}`);
  const t = now();
  const r = spawnSync(process.execPath, ['--require', rssHook(), path.join(DIST, 'cli.js'), 'scan', '--no-config', '--format', 'json', '--output', os.devNull, '--fail-on', 'none', ...extra, dir], {
    encoding: 'utf8',
    env: { ...process.env, BULKHEAD_BENCH_RSS: rssFile },
  });
  const ms = now() - t;
  let rssMb = NaN;
  try {
    rssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    fs.rmSync(rssFile);
  } catch {
    /* no figure */
  }
  return { ms, rssMb, status: r.status, stderr: r.stderr };
}

function sectionCli(): void {
  if (!fs.existsSync(path.join(DIST, 'cli.js'))) {
    note('cli', 'dist/cli.js is missing: run node test/tools/build.mjs');
    return;
  }
  const sizes = QUICK_MODE ? [500, 2000] : [500, 5000, 20000];
  log(`cli: bulkhead scan over generated mixed trees of ${sizes.join(', ')} files (fresh process each; ${os.cpus().length} CPUs)`);
  for (const n of sizes) {
    const dir = tree(n);
    const runs = n >= 20000 || QUICK_MODE ? 1 : 3;
    const xs: number[] = [];
    let rss = 0;
    for (let i = 0; i < runs; i++) {
      const r = runCli(dir);
      if (r.status !== 0) {
        note('cli', `scan of ${n} files exited ${r.status}: ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
        break;
      }
      xs.push(r.ms);
      rss = Math.max(rss, r.rssMb);
    }
    if (!xs.length) continue;
    put(`cli_${n}_files_seconds`, median(xs) / 1000, 2);
    put(`cli_${n}_files_per_second`, n / (median(xs) / 1000), 0);
    put(`cli_${n}_files_peak_rss_mb`, rss, 0);
    log(`  ${n} files: ${(median(xs) / 1000).toFixed(2)} s (${(n / (median(xs) / 1000)).toFixed(0)} files/s), peak RSS ${rss.toFixed(0)} MB [${xs.length} runs]`);
  }
  const ref = QUICK_MODE ? 2000 : 5000;
  // one thread against two workers, on the trees large enough for workers by default
  for (const n of sizes.filter((x) => x >= 2000)) {
    const dir = tree(n);
    for (const jobs of [1, 2]) {
      const runs = n >= 20000 || QUICK_MODE ? 1 : 3;
      const xs: number[] = [];
      let rss = 0;
      for (let i = 0; i < runs; i++) {
        const r = runCli(dir, ['--jobs', String(jobs)]);
        if (r.status !== 0) break;
        xs.push(r.ms);
        rss = Math.max(rss, r.rssMb);
      }
      if (!xs.length) continue;
      put(`cli_${n}_files_jobs${jobs}_per_second`, n / (median(xs) / 1000), 0);
      put(`cli_${n}_files_jobs${jobs}_peak_rss_mb`, rss, 0);
      log(`  ${n} files, --jobs ${jobs}: ${(median(xs) / 1000).toFixed(2)} s (${(n / (median(xs) / 1000)).toFixed(0)} files/s), peak RSS ${rss.toFixed(0)} MB [${xs.length} runs]`);
    }
  }
  // the floor under files/s: one thread reading every file and parsing what the scan analyses with the bare
  // parsers, nothing else (test/bench/floor.ts), in a fresh process timed the same way as the scans
  {
    const dir = tree(ref);
    const xs: number[] = [];
    for (let i = 0; i < (QUICK_MODE ? 1 : 3); i++) {
      const t = now();
      const r = spawnSync(process.execPath, [path.join(__dirname, 'floor.js'), dir], { encoding: 'utf8' });
      if (r.status !== 0) {
        note('cli', `parse floor exited ${r.status}: ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
        break;
      }
      xs.push(now() - t);
    }
    if (xs.length) {
      put(`cli_${ref}_files_parse_floor_per_second`, ref / (median(xs) / 1000), 0);
      const one = metrics[`cli_${ref}_files_jobs1_per_second`];
      if (one !== undefined) put(`cli_${ref}_files_jobs1_to_parse_floor_ratio`, ref / (median(xs) / 1000) / one, 2);
      log(`  ${ref} files, read and parsed only (one thread, bare parsers): ${(median(xs) / 1000).toFixed(2)} s (${(ref / (median(xs) / 1000)).toFixed(0)} files/s) [${xs.length} runs]`);
    }
  }
  // the cache: a first run that writes it, a second on the unchanged tree
  {
    const dir = tree(ref);
    const cacheFile = path.join(BENCH_DIR, `cli-cache-${ref}`);
    fs.rmSync(cacheFile, { force: true });
    const first = runCli(dir, [`--cache=${cacheFile}`]);
    const second = runCli(dir, [`--cache=${cacheFile}`]);
    fs.rmSync(cacheFile, { force: true });
    if (first.status === 0 && second.status === 0) {
      put(`cli_${ref}_files_cache_first_seconds`, first.ms / 1000, 2);
      put(`cli_${ref}_files_cache_hit_seconds`, second.ms / 1000, 2);
      put(`cli_${ref}_files_cache_hit_ratio`, second.ms / first.ms, 2);
      log(`  ${ref} files, --cache: first run ${(first.ms / 1000).toFixed(2)} s, unchanged tree ${(second.ms / 1000).toFixed(2)} s (${((100 * second.ms) / first.ms).toFixed(0)} %)`);
    } else note('cli', `--cache runs exited ${first.status}, ${second.status}`);
  }
  if (metrics[`cli_${ref}_files_per_second`] !== undefined) {
    put('cli_files_per_second', metrics[`cli_${ref}_files_per_second`], 0);
    put('cli_peak_rss_mb', metrics[`cli_${ref}_files_peak_rss_mb`], 0);
  }
  // linearity: seconds per 1,000 files at each size
  for (const n of sizes) if (metrics[`cli_${n}_files_seconds`] !== undefined) put(`cli_${n}_files_ms_per_file`, (metrics[`cli_${n}_files_seconds`] * 1000) / n, 3);
}

// ---------------------------------------------------------------- start-up: bundle sizes, activation with a shim

function sectionStartup(): void {
  log('startup: bundle sizes; activation of dist/extension.js under a minimal vscode API shim (fresh process each)');
  if (!fs.existsSync(DIST)) {
    note('startup', 'dist/ is missing: run node test/tools/build.mjs');
    return;
  }
  for (const f of fs.readdirSync(DIST).filter((f) => f.endsWith('.js')).sort()) {
    put(`bundle_${f.replace(/\.js$/, '').replace(/[^a-z0-9]+/gi, '_')}_kb`, fs.statSync(path.join(DIST, f)).size / 1024, 0);
  }
  const runs = QUICK_MODE ? 3 : 10;
  const act: number[] = [];
  const req: number[] = [];
  let loaded = '';
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'shim-activate.js')], { encoding: 'utf8' });
    if (r.status !== 0) {
      note('startup', `shim activation failed: ${r.stderr.split('\n').slice(0, 4).join(' ')}`);
      return;
    }
    const j = JSON.parse(r.stdout) as { requireMs: number; activateMs: number; loaded: string[] };
    req.push(j.requireMs);
    act.push(j.requireMs + j.activateMs);
    loaded = j.loaded.join(' ') || 'none';
  }
  put('shim_activation_ms', median(act), 1);
  put('shim_require_extension_ms', median(req), 1);
  note('startup', `chunks loaded at activation (shim): ${loaded}`);
  log(`  activation (require + activate, shim): ${median(act).toFixed(1)} ms median, of which require ${median(req).toFixed(1)} ms`);
  const cliStart: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    spawnSync(process.execPath, [path.join(DIST, 'cli.js'), '--version'], { stdio: 'ignore' });
    cliStart.push(now() - t);
  }
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    bare.push(now() - t);
  }
  put('cli_version_cold_ms', median(cliStart), 1);
  put('node_bare_start_ms', median(bare), 1);
}

// ---------------------------------------------------------------- main

const SECTIONS: [string, () => void | Promise<void>][] = [
  ['analysis', sectionAnalysis],
  ['peers', sectionPeers],
  ['memory', sectionMemory],
  ['startup', sectionStartup],
  ['cli', sectionCli],
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ['cdk', () => (require('./cdk') as typeof import('./cdk')).sectionCdk({ put, note, log, quick: QUICK_MODE })],
  // the ECR view's data layer against the local stand-in: 1,000 repositories, an image with 2,000 findings
  [
    'ecr',
    async () => {
      log('ecr: tree model against the local stand-in (1,000 repositories; an image with 2,000 findings)');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const r = await (require('../ecr-server/bench') as typeof import('../ecr-server/bench')).runEcrBench();
      for (const [k, v] of Object.entries(r)) put(k, v, k.endsWith('_ms') ? 1 : 0);
    },
  ],
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ['vscode', () => (require('./vscode') as typeof import('./vscode')).sectionVscode({ put, note, log, quick: QUICK_MODE })],
];

async function main(): Promise<void> {
  if (args.includes('--memory-child')) return memoryChild();
  const child = listArg('--first-analysis-child')?.[0];
  if (child) {
    await initTerraform();
    return firstAnalysisChild(child);
  }
  const started = now();
  const cpus = os.cpus();
  const conditions = `${cpus.length} x ${cpus[0]?.model.trim() ?? '?'}, load ${os.loadavg().map((x) => x.toFixed(1)).join('/')}, node ${process.version}${QUICK_MODE ? ', --quick' : ''}`;
  log(`bulkhead bench: ${conditions}`);
  await initTerraform();
  for (const [name, fn] of SECTIONS) {
    if (ONLY && !ONLY.includes(name)) continue;
    if (SKIP.includes(name)) continue;
    try {
      await fn();
    } catch (e) {
      note(name, `section failed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ') ?? e}`);
    }
  }
  put('bench_cpus', cpus.length, 0);
  put('bench_load_average_1m', os.loadavg()[0], 1);
  put('bench_seconds', (now() - started) / 1000, 1);
  const output = listArg('--output')?.[0];
  if (output) fs.writeFileSync(output, JSON.stringify(metrics, null, 2) + '\n');
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
  } else {
    const w = Math.max(...Object.keys(metrics).map((k) => k.length));
    process.stdout.write(`\nBulkhead benchmarks (${conditions})\n\n`);
    for (const [k, v] of Object.entries(metrics)) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
    for (const [s, ns] of Object.entries(notes)) for (const n of ns) process.stdout.write(`note (${s}): ${n}\n`);
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
