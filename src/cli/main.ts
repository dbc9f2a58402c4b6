import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allowedSafeties, applyEdits, CONFIG_LIMITS, Finding, printable, fixToFixedPoint, parseConfig, pickFixes, Profile, PROFILES, ResolvedConfig, Severity, severityRank } from '../core';
import { allRules, AnalysisResult, analyzeText, DEFAULT_MAX_BYTES, initTerraform, unknownRuleIds } from '../rules/engine';
import { renderRuleDocs } from './docs';
import { ecrCommand } from './ecr';
import { eachArg, OutputFormat, outputFormat, UsageError } from './args';
import { SarifRun } from './sarif';
import { packTexts, ReportSink } from './sink';

export { UsageError };
import { findContextFiles, terraformModuleFiles, walk } from './walk';
import { isContextFileName, ManifestContextIndex } from '../formats/kustomize/context';
import { keepDocumentsForReuse } from '../formats/yaml/doc';
import { mayHoldNetworkPolicy, mayHoldWorkload } from '../formats/k8s/netpol';
import { FileKind, isTerraformModuleFile, isTerraformPath, mayBeCdkPath } from '../formats/classify';
import { containerFilesNamedBy, mayBeContainerFile } from '../formats/terraform/files';
import { changedSince, networkPolicyChangedSince, inShard, parseShard, Shard } from './select';
import { CacheLookup, contentHash, HandedCache, HandedEntry, renderKey, ScanCache } from './cache';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { createHash } from 'crypto';
import { decodeFile, encodeFile, readForAnalysis, readRegularText, replaceFileIfUnchanged, WriteOutcome } from './files';

declare const BULKHEAD_VERSION: string | undefined;
const VERSION = typeof BULKHEAD_VERSION === 'string' ? BULKHEAD_VERSION : '0.1.0';


const HELP = `Usage: bulkhead <command> [options]

Commands:
  scan [PATH...]            Check Dockerfiles, Kubernetes manifests, ECS task definitions,
                            CloudFormation templates, Terraform and CDK TypeScript (default: .)
    --format text|json|sarif  output format (default: text)
    --output FILE             write the report to FILE instead of stdout
    --fix                     apply safe fixes in place
    --unsafe-fixes            with --fix, also apply fixes that may change behaviour
    --fail-on error|warning|info|none
                              exit 1 when a finding is at or above this severity (default: error)
    --profile recommended|strict
                              recommended (default): what a reviewer acts on; strict adds
                              hardening and hygiene checks (overrides .bulkhead.yaml profile)
    --shard K/N               only the K-th of N parts of the files (a stable split by path,
                              for N parallel CI jobs)
    --changed-since REF       only the files git sees changed since REF (all of them when
                              .bulkhead.yaml changed)
    --jobs N                  analyse in N worker threads (default: one per core, at most 4,
                              from 2,000 files to analyse up, not counting those --cache
                              holds; 1 below); the output is the same whatever N
    --cache[=FILE]            reuse the findings of unchanged files from FILE (default:
                              .bulkhead-cache beside .bulkhead.yaml, or in the current folder)
    --config FILE             a .bulkhead.yaml (default: the nearest one above the first PATH)
    --no-config               ignore .bulkhead.yaml files
    --show-suppressed         list suppressed findings too (text/json)
  rules [--format markdown|json] [--write-docs DIR]
                            list every rule with its metadata, or write the docs pages
  ecr findings IMAGE_URI...  print an image's ECR scan findings (see bulkhead ecr --help)
  --version, --help

Exit status: 0 nothing at or above --fail-on; 1 something is; 2 usage or I/O error.`;

interface ScanOptions {
  paths: string[];
  format: OutputFormat;
  output?: string;
  fix: boolean;
  unsafe: boolean;
  failOn: Severity | 'none';
  profile?: Profile;
  config?: string;
  noConfig: boolean;
  showSuppressed: boolean;
  shard?: Shard;
  changedSince?: string;
  /** `--cache` (the default file) or `--cache=FILE` */
  cache?: string | true;
  /** --jobs N; undefined: one thread */
  jobs?: number;
}

function parseScanArgs(argv: string[]): ScanOptions {
  const o: ScanOptions = { paths: [], format: 'text', fix: false, unsafe: false, failOn: 'error', noConfig: false, showSuppressed: false };
  eachArg(argv, (flag, value, a) => {
    switch (flag) {
      case '--format':
        o.format = outputFormat(value());
        break;
      case '--output':
      case '-o':
        o.output = value();
        break;
      case '--fix':
        o.fix = true;
        break;
      case '--unsafe-fixes':
        o.unsafe = true;
        break;
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'info', 'none'].includes(v)) throw new UsageError(`--fail-on must be error, warning, info or none, not "${v}"`);
        o.failOn = v as ScanOptions['failOn'];
        break;
      }
      case '--profile': {
        const v = value();
        if (!(PROFILES as readonly string[]).includes(v)) throw new UsageError(`--profile must be ${PROFILES.join(' or ')}, not "${v}"`);
        o.profile = v as Profile;
        break;
      }
      case '--config':
        o.config = value();
        break;
      case '--no-config':
        o.noConfig = true;
        break;
      case '--show-suppressed':
        o.showSuppressed = true;
        break;
      case '--shard':
        o.shard = parseShard(value());
        break;
      case '--jobs':
      case '-j': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not "${v}"`);
        o.jobs = Number(v);
        break;
      }
      case '--cache':
        // a value only with '=' (a bare --cache must not swallow the PATH after it)
        o.cache = a.includes('=') ? value() : true;
        break;
      case '--changed-since':
        o.changedSince = value();
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  });
  if (o.unsafe && !o.fix) throw new UsageError('--unsafe-fixes needs --fix');
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (fs.statSync(dir).isFile()) dir = path.dirname(dir);
  } catch {
    return undefined;
  }
  for (let i = 0; i < 60; i++) {
    for (const n of ['.bulkhead.yaml', '.bulkhead.yml']) {
      const p = path.join(dir, n);
      if (fs.existsSync(p)) return p;
    }
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

function loadConfig(o: ScanOptions, err: (s: string) => void): { config: ResolvedConfig; root: string; file?: string; text?: string } {
  const file = o.noConfig ? undefined : o.config ?? findConfig(o.paths[0]);
  if (!file) return { config: new ResolvedConfig(), root: process.cwd() };
  let text: string;
  try {
    text = readRegularText(file, CONFIG_LIMITS.textLength);
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { config, problems } = parseConfig(text);
  const shown = path.relative(process.cwd(), file) || file;
  for (const p of problems) err(printable(`bulkhead: ${shown}: ${p.message}`));
  const named = [...Object.keys(config.rules), ...config.overrides.flatMap((o) => Object.keys(o.rules))];
  for (const id of unknownRuleIds(named)) err(printable(`bulkhead: ${shown}: unknown rule "${id}" (bulkhead rules lists them)`));
  return { config: new ResolvedConfig(config), root: path.dirname(path.resolve(file)), file, text };
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** Digests of values many files' cache keys share, by identity. */
const digests = new WeakMap<object, string>();

/**
 * A cache key's replacer: the tree's NetworkPolicies and workloads (one
 * array for every manifest) and a module's files (the same objects for
 * every file of the folder) go in as their digest, computed once, rather
 * than serialised again for every file.
 */
function sharedDigests(key: string, value: unknown): unknown {
  const shared = ((key === 'networkPolicies' || key === 'workloads') && Array.isArray(value)) || (value && typeof value === 'object' && typeof (value as { path?: unknown }).path === 'string' && typeof (value as { text?: unknown }).text === 'string');
  if (!shared) return value;
  let d = digests.get(value as object);
  if (!d) {
    d = createHash('sha256').update(JSON.stringify(value)).digest('hex');
    digests.set(value as object, d);
  }
  return d;
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return printable(r && !r.startsWith('..') ? r : p);
}

/** What every file of a scan is analysed with; built the same way in the main thread and in each worker. */
interface ScanEnv {
  o: ScanOptions;
  config: ResolvedConfig;
  root: string;
  configFile?: string;
  profile: Profile;
  maxBytes: number;
  allowed: ReturnType<typeof allowedSafeties>;
  /** where analysis looks findings up (the cache; in a worker, the entries handed with its files) */
  cache?: CacheLookup;
  /** the cache itself, in the main thread only: what the run saw is saved to it */
  store?: ScanCache;
  /** what the context index is built from (handed to a worker by the main thread) */
  contextInputs: () => ContextInputs;
  /** the tree's kustomizations and skaffold configs, read when the first manifest needs them */
  contexts: () => ManifestContextIndex;
  /** a Terraform folder's files (read once per folder) */
  modules: Map<string, { path: string; text: string }[]>;
}

function scanEnv(o: ScanOptions, err: (s: string) => void, handed?: HandedCache, handedContexts?: ContextInputs): ScanEnv {
  // each file is analysed once: no documents to keep for an editor's next keystroke
  keepDocumentsForReuse(false);
  const { config, root, file: configFile, text: configText } = loadConfig(o, err);
  const profile: Profile = o.profile ?? config.config.profile ?? 'recommended';
  let cache: ScanCache | undefined;
  if (o.cache && !handed) {
    // findings of unchanged files, for this version and this configuration
    const cacheFile = o.cache === true ? path.join(root, '.bulkhead-cache') : path.resolve(o.cache);
    const key = createHash('sha256')
      .update(JSON.stringify([VERSION, profile, configFile ? path.resolve(configFile) : null, configText ?? null]))
      .digest('hex');
    // a file's stored part of the report is reused by a run that writes it the same way
    const render = renderKey([o.format, !!o.showSuppressed, process.cwd(), root]);
    cache = new ScanCache(cacheFile, key, root, render);
    if (cache.ignored) err(`bulkhead: ${rel(cacheFile)}: ${cache.ignored}; ${cache.unwritable ? 'no cache is kept' : 'it is rebuilt'}`);
  }
  let inputs = handedContexts;
  let index: ManifestContextIndex | undefined;
  const contextInputs = () => (inputs ??= readContextInputs(o.paths));
  const contexts = () => (index ??= contextIndexOf(contextInputs()));
  return {
    o,
    config,
    root,
    configFile,
    profile,
    maxBytes: config.maxFileBytes ?? DEFAULT_MAX_BYTES,
    allowed: allowedSafeties(o.unsafe),
    cache: o.cache ? (handed ?? cache) : undefined,
    store: cache,
    contextInputs,
    contexts,
    modules: new Map(),
  };
}

const CONTEXT_FILE_MAX_BYTES = 1024 * 1024;

/**
 * What the tree's context index is built from: its kustomizations and
 * skaffold configs, the manifests that hold NetworkPolicies, and the scanned
 * manifests a policy's workloads may be read from. Reading them means reading
 * every manifest of the tree once, so the main thread does it and hands the
 * result to each worker.
 */
export interface ContextInputs {
  texts: Map<string, string>;
  policies: Map<string, string>;
  manifests: string[];
}

function readContextFile(f: string): string | undefined {
  try {
    return readRegularText(f, CONTEXT_FILE_MAX_BYTES);
  } catch {
    return undefined;
  }
}

function readContextInputs(paths: string[]): ContextInputs {
  const texts = new Map<string, string>();
  const { contextFiles, manifests } = findContextFiles(paths);
  for (const f of contextFiles) {
    const t = readContextFile(f);
    if (t !== undefined) texts.set(f, t);
  }
  // the scanned tree's NetworkPolicies: every workload is checked against them
  const roots = paths.map((p) => path.resolve(p));
  const scanned = (f: string) => roots.some((r) => f === r || f.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  const inScan = manifests.filter(scanned).slice(0, NETWORK_POLICY_SCAN_LIMIT);
  const policies = new Map<string, string>();
  for (const f of inScan) {
    const t = readContextFile(f);
    if (t !== undefined && mayHoldNetworkPolicy(t)) policies.set(f, t);
  }
  return { texts, policies, manifests: inScan };
}

function contextIndexOf(inputs: ContextInputs): ManifestContextIndex {
  // the tree's workloads, read only if a file that holds a policy asks
  const workloads = function* (): Generator<[string, string]> {
    for (const f of inputs.manifests) {
      const t = readContextFile(f);
      if (t !== undefined && mayHoldWorkload(t)) yield [f, t];
    }
  };
  return new ManifestContextIndex(inputs.texts, readContextFile, inputs.policies, workloads);
}

/** A file whose analysis may ask for its kustomize / skaffold / NetworkPolicy context. */
function mayNeedContext(file: string): boolean {
  return /\.(ya?ml|json)$/i.test(file);
}

/** At most this many manifests of the tree are read for NetworkPolicies. */
const NETWORK_POLICY_SCAN_LIMIT = 50_000;

/** What scanning one file gave: its findings, what to say on stderr, what it fixed. */
export interface FileOutcome {
  file: string;
  /** undefined: not a file Bulkhead reads */
  kind?: AnalysisResult['kind'];
  findings: Finding[];
  /** the analysed text (SARIF needs it for fix regions) */
  text?: string;
  errors: string[];
  ioErrors: number;
  fixedFiles: number;
  fixesApplied: number;
  /** an entry for the cache: the findings as JSON (bytes, as a worker sends them) */
  cached?: { relPath: string; hash: string; kind: FileKind; findings: string | Uint8Array };
  /** the cache answered for the file (its findings are left out here: they stay in the cache) */
  fromCache?: boolean;
  /** the file's part of the report, written by the worker that scanned it (which then leaves out findings and text) */
  report?: FileReport;
  /** a write failed: the scan stops with this usage error */
  fatal?: string;
}

/** A file's path in the cache: relative to the scan's root, with forward slashes. */
function relPathOf(env: ScanEnv, file: string): string {
  return path.relative(env.root, file).split(path.sep).join('/');
}

/** Reads, analyses and (with --fix) fixes one file; pure of output, so a worker can run it. */
function scanFile(file: string, env: ScanEnv): FileOutcome {
  const { o, config, profile, maxBytes, allowed, cache } = env;
  const oc: FileOutcome = { file, findings: [], errors: [], ioErrors: 0, fixedFiles: 0, fixesApplied: 0 };
  const relPath = relPathOf(env, file);
  let bytes: Buffer;
  let size: number;
  try {
    ({ bytes, size } = readForAnalysis(file, maxBytes));
  } catch (e) {
    oc.errors.push(`bulkhead: cannot read ${rel(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    oc.ioErrors++;
    return oc;
  }
  let decoded = decodeFile(bytes);
  let text = decoded.text;
  // how kustomize and skaffold deploy a manifest is part of what it is analysed with
  const context = mayNeedContext(file) ? env.contexts().contextFor(file) : undefined;
  // a Terraform file's values may come from the other files of its folder
  let module: { files: { path: string; text: string }[] } | undefined;
  const moduleOf = (dir: string) => {
    if (!env.modules.has(dir)) env.modules.set(dir, terraformModuleFiles(dir));
    return env.modules.get(dir)!;
  };
  if (isTerraformPath(file)) module = { files: moduleOf(path.dirname(file)).filter((f) => f.path !== file) };
  else if (mayBeContainerFile(file)) {
    // a task definition of this folder or the two above may read it as its container definitions
    const dirs = [path.dirname(file), path.dirname(path.dirname(file)), path.dirname(path.dirname(path.dirname(file)))];
    const tf = [...new Set(dirs)].flatMap((d) => moduleOf(d)).filter((f) => /\.tf$/i.test(f.path));
    // a plan (`terraform show -json`) points at the blocks of its folder that configure what it changes
    const plan = /\.json$/i.test(file) && text.slice(0, 512).includes('"terraform_version"');
    if (tf.some((f) => f.text.includes('container_definitions')) || (plan && tf.length)) module = { files: tf };
  }
  const analyse = (t: string) => analyzeText(t, { path: file, relPath, config, profile, size, context: context && (() => context), module: module && (() => module) });
  // (only with a cache: nothing else reads the key)
  const contextKey = cache && (context || module?.files.length) ? ':' + createHash('sha256').update(JSON.stringify([context ?? null, module?.files ?? null], sharedDigests)).digest('hex') : '';
  const hash = cache && bytes.length === size ? contentHash(bytes) + contextKey : undefined;
  const hit = hash ? cache!.get(relPath, hash) : undefined;
  // the findings of a file the cache answers for are read only to fix it
  let result: { kind: AnalysisResult['kind']; findings: Finding[] } = hit ? { kind: hit.kind, findings: o.fix ? hit.findings() : [] } : analyse(text);
  let fromCache = !!hit;
  if (!result.kind) return oc;
  if (hash && !hit) oc.cached = { relPath, hash, kind: result.kind, findings: JSON.stringify(result.findings) };
  // another process (an editor, a second `scan --fix`) may write the file
  // meanwhile: then start again from what it wrote, a few times at most
  for (let attempt = 0; o.fix && bytes.length === size && result.findings.some((f) => !f.suppressed && f.fixes.length); attempt++) {
    const current = result;
    const fixed = fixToFixedPoint(text, (t) => (t === text ? current.findings : analyse(t).findings), allowed);
    if (fixed.applied === 0 || fixed.text === text) break;
    let outcome: WriteOutcome;
    try {
      outcome = replaceFileIfUnchanged(file, bytes, encodeFile(bytes, decoded, fixed.text));
    } catch (e) {
      oc.fatal = `cannot write ${rel(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      return oc;
    }
    if (outcome === 'written') {
      oc.fixedFiles++;
      oc.fixesApplied += fixed.applied;
      text = fixed.text;
      result = analyse(text);
      fromCache = false;
      if (cache && result.kind) oc.cached = { relPath, hash: contentHash(fs.readFileSync(file)) + contextKey, kind: result.kind, findings: JSON.stringify(result.findings) };
      break;
    }
    if (attempt === 2) {
      oc.errors.push(`bulkhead: ${rel(file)} kept changing while it was being fixed; left as it is`);
      oc.ioErrors++;
      break;
    }
    try {
      ({ bytes, size } = readForAnalysis(file, maxBytes));
    } catch (e) {
      oc.errors.push(`bulkhead: cannot read ${rel(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      oc.ioErrors++;
      break;
    }
    decoded = decodeFile(bytes);
    text = decoded.text;
    result = analyse(text);
    fromCache = false;
  }
  oc.kind = result.kind;
  oc.findings = result.findings;
  if (fromCache) oc.fromCache = true;
  if (o.format === 'sarif') oc.text = text;
  return oc;
}

/** One file's part of the report, and what it adds to the summary and the exit code. */
export interface FileReport {
  /** the file's JSON or SARIF items with commas between them (the report puts the commas between files), or its text lines */
  body: string;
  /** the body as UTF-8, as a worker sends it (then `body` is empty) */
  bytes?: Uint8Array;
  error: number;
  warning: number;
  info: number;
  suppressed: number;
  /** the rank of the most severe unsuppressed finding (-1: none), for --fail-on */
  worst: number;
}

const LINE_BREAKS = /\n/g;

/**
 * Writes a file's findings in the report's format. Pure of the scan's state,
 * so a worker writes its own files' part and sends the text rather than the
 * findings (and the main thread, which writes the report in walk order, has
 * little else to do).
 */
function fileReporter(o: ScanOptions, root: string): (file: string, findings: Finding[], text: string) => FileReport {
  const sarif = o.format === 'sarif' ? new SarifRun(allRules(), root) : undefined;
  const indent = sarif?.frame(VERSION).indent ?? '  ';
  // JSON.stringify writes no line break inside a string: each one it writes starts a line
  const indented = '\n' + indent;
  const indentJson = (v: unknown) => indent + JSON.stringify(v, null, 2).replace(LINE_BREAKS, indented);
  const shown = (f: Finding) => o.showSuppressed || !f.suppressed;
  return (file, findings, text) => {
    const r: FileReport = { body: '', error: 0, warning: 0, info: 0, suppressed: 0, worst: -1 };
    for (const f of findings) {
      if (f.suppressed) r.suppressed++;
      else {
        r[f.severity]++;
        r.worst = Math.max(r.worst, severityRank(f.severity));
      }
    }
    const items: string[] = [];
    if (sarif) {
      for (const x of sarif.resultsOf({ file, text, findings })) items.push(indentJson(x));
    } else if (o.format === 'json') {
      for (const f of findings) {
        if (!shown(f)) continue;
        items.push(
          indentJson({
            file: rel(file),
            ruleId: f.ruleId,
            severity: f.severity,
            message: f.message,
            line: f.range.start.line + 1,
            column: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
            fixes: f.fixes.map((x) => ({ title: x.title, safety: x.safety })),
            ...(f.suppressed ? { suppressed: f.suppressed } : {}),
            ...(f.related?.length ? { related: f.related.map((x) => ({ file: rel(x.path), line: x.range.start.line + 1, column: x.range.start.character + 1, message: x.message })) } : {}),
          }),
        );
      }
    } else {
      let lines = '';
      for (const f of findings) {
        if (!shown(f)) continue;
        const fixable = f.fixes.length ? ` [fix: ${f.fixes[0].safety}]` : '';
        lines += printable(`${rel(file)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.ruleId} ${f.message}${fixable}${f.suppressed ? ' (suppressed)' : ''}`) + '\n';
        for (const x of f.related ?? []) lines += printable(`  ${rel(x.path)}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${x.message}`) + '\n';
      }
      r.body = lines;
    }
    if (items.length) r.body = items.join(',\n');
    return r;
  };
}

export async function scan(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const o = parseScanArgs(argv);
  const env = scanEnv(o, err);
  const { config, root, configFile, store: cache } = env;
  const isIgnored = (abs: string) => {
    const r = relPathOf(env, abs);
    return !r.startsWith('..') && config.isIgnored(r);
  };
  // The report is streamed file by file: a scan of many files holds no
  // file's text or findings after writing them, only the counts.
  let fd: number | undefined;
  if (o.output) {
    try {
      fd = fs.openSync(o.output, 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${o.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const sink = new ReportSink(fd, out);
  const emit = (s: string) => sink.text(s);
  const sarif = o.format === 'sarif' ? new SarifRun(allRules(), root) : undefined;
  const frame = sarif?.frame(VERSION);
  const writeFile = fileReporter(o, root);
  const failBar = o.failOn === 'none' ? Infinity : severityRank(o.failOn);
  let firstItem = true;

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  let files = 0;
  let failing = false;
  let fixedFiles = 0;
  let fixesApplied = 0;
  let ioErrors = 0;

  /** Reports one file's outcome; called in walk order whatever thread scanned it. */
  const report = (oc: FileOutcome) => {
    for (const e of oc.errors) err(e);
    if (oc.fatal) throw new UsageError(oc.fatal);
    ioErrors += oc.ioErrors;
    fixedFiles += oc.fixedFiles;
    fixesApplied += oc.fixesApplied;
    if (!oc.kind) return;
    files++;
    const relPath = cache && relPathOf(env, oc.file);
    // a file the cache answered for: its stored part of the report, when this run writes it the same way
    const stored = oc.fromCache && relPath ? cache!.written(relPath) : undefined;
    // a worker writes its files' part of the report itself
    const r: FileReport = stored
      ? { body: '', bytes: stored.bytes, ...stored.counts }
      : (oc.report ?? writeFile(oc.file, oc.fromCache && relPath ? cache!.findings(relPath) : oc.findings, oc.text ?? ''));
    if (cache && relPath) {
      if (stored) cache.keep(relPath);
      else if (oc.cached) cache.put(relPath, { ...oc.cached, counts: r, body: r.bytes ?? r.body });
      else if (oc.fromCache) cache.put(relPath, { kind: oc.kind, counts: r, body: r.bytes ?? r.body });
    }
    counts.error += r.error;
    counts.warning += r.warning;
    counts.info += r.info;
    suppressed += r.suppressed;
    if (r.worst >= failBar) failing = true;
    if (r.bytes ? r.bytes.length === 0 : !r.body) return;
    // JSON and SARIF items: a comma between each file's
    if (o.format !== 'text') emit(firstItem ? '' : ',\n');
    firstItem = false;
    if (r.bytes) sink.bytes(r.bytes);
    else sink.text(r.body);
  };

  try {
    if (frame) emit(frame.head);
    else if (o.format === 'json') emit('[\n');
    // what this run analyses of what the walk finds
    let changed = o.changedSince ? changedSince(o.changedSince, o.paths[0]) : undefined;
    if (changed && configFile && changed.has(path.resolve(configFile))) changed = undefined; // every finding may depend on it
    // every workload is checked against the tree's NetworkPolicies
    if (changed && networkPolicyChangedSince(o.changedSince!, o.paths[0])) changed = undefined;
    // the manifests a changed kustomization or skaffold config deploys are analysed again
    for (const f of changed ? [...changed] : []) if (isContextFileName(path.basename(f))) for (const d of env.contexts().dependents(f)) changed!.add(d);
    // a changed Terraform file gives values to the other files of its folder, and its task definitions read container files
    for (const f of changed ? [...changed] : []) {
      if (!isTerraformModuleFile(path.basename(f))) continue;
      for (const m of terraformModuleFiles(path.dirname(f))) {
        changed!.add(m.path);
        for (const x of containerFilesNamedBy(m.path, m.text)) changed!.add(x.file);
      }
    }
    const chosen = function* () {
      for (const file of walk(o.paths, isIgnored)) {
        if (changed && !changed.has(file) && !changed.has(realpathOr(file))) continue;
        if (o.shard && !inShard(relPathOf(env, file), o.shard)) continue;
        yield file;
      }
    };
    // workers by default only for enough files to analyse to repay starting them (see
    // defaultJobs); a file the cache holds an entry for is most likely only read and hashed
    const list = [...chosen()];
    const toAnalyse = cache ? list.filter((f) => !cache.has(relPathOf(env, f))).length : list.length;
    const workers = analysisWorkers(o.jobs ?? defaultJobs(toAnalyse), toAnalyse);
    // the cache stays here: each file goes out with its entry, and a worker that finds it current answers "from the cache"
    const cached = cache
      ? (file: string): [string, HandedEntry] | undefined => {
          const r = relPathOf(env, file);
          // the findings only to a worker that fixes from them
          const e = cache.handed(r, !!o.fix);
          return e && [r, e];
        }
      : undefined;
    // the tree's context is read here once, not once per worker
    const contexts = workers > 0 && list.some(mayNeedContext) ? env.contextInputs() : undefined;
    if (workers > 0) await scanInWorkers(list, argv, workers, report, (file) => scanFile(file, env), { pin: mayBeCdkPath, cached, contexts });
    else for (const file of list) report(scanFile(file, env));

    if (frame) emit((firstItem ? '' : '\n') + frame.tail);
    else if (o.format === 'json') emit((firstItem ? '' : '\n') + ']\n');
    else {
      const total = counts.error + counts.warning + counts.info;
      emit(
        `${total === 0 ? 'No problems' : `${total} problem${total === 1 ? '' : 's'} (${counts.error} error, ${counts.warning} warning, ${counts.info} info)`} in ${files} file${files === 1 ? '' : 's'} checked` +
          (suppressed ? `; ${suppressed} suppressed` : '') +
          (o.fix ? `; ${fixesApplied} fix${fixesApplied === 1 ? '' : 'es'} applied in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}` : '') +
          '.\n',
      );
    }
    sink.flush();
    cache?.save();
    if (cache?.writeError) err(`bulkhead: ${rel(cache.file)}: cannot write the cache (${cache.writeError}); it is left as it was`);
  } finally {
    // (after save: nothing left; after an error: the half-written next cache)
    cache?.discard();
    if (fd !== undefined) {
      try {
        sink.flush(); // what was reported before an error
      } catch {
        /* the error that stopped the scan is the one to report */
      }
      fs.closeSync(fd);
    }
  }
  return ioErrors ? 2 : failing ? 1 : 0;
}

/**
 * Each worker's old generation is capped: without a cap, V8 lets every
 * isolate's heap grow to several times what it holds (2 workers on 5,000
 * files: 470 MB peak RSS, with 192 MB per worker 340 MB, no slower). A file
 * that needs more than the cap is analysed again in the main thread, which
 * has none.
 */
export const WORKER_OLD_GENERATION_MB = 192;
/** ... and its young generation (24 MB: 20,000 files, 2 workers, 372 MB peak RSS → 321 MB, no slower) */
export const WORKER_YOUNG_GENERATION_MB = 24;

/**
 * Without --jobs: one worker per available core (at most four: each holds its
 * own copy of the engine), but one thread below WORKERS_FROM_FILES files,
 * where starting the workers costs more than they save (500 files: 2.2 s in
 * one thread, 2.7 s with two workers; 5,000 files: 9.6 s, 7.7 s).
 */
export function defaultJobs(files: number, cores = os.availableParallelism()): number {
  return files < WORKERS_FROM_FILES ? 1 : Math.max(1, Math.min(cores, 4));
}
export const WORKERS_FROM_FILES = 2000;

/**
 * How many worker threads analyse (0: this thread). One thread over many
 * files is a worker too: a worker's heap is capped, the main thread's is not
 * (20,000 files with --jobs 1 in the main thread: 240–290 MB peak RSS in most
 * runs, 700 MB in some; in one worker 239–240 MB, as fast).
 */
export function analysisWorkers(jobs: number, files: number): number {
  return jobs > 1 || files >= WORKERS_FROM_FILES ? jobs : 0;
}

/** What one worker thread was handed and has not answered yet: positions in the list. */
interface Chunk {
  id: number;
  indices: number[];
}

/**
 * Scans files in worker threads (each builds the same scan environment from
 * the same arguments) and reports each outcome in the order of `list`, so the
 * output is the one a single thread gives, byte for byte. Files are handed
 * out a chunk at a time, never further ahead of the report than a window of
 * a few chunks per worker: memory stays flat however large the tree.
 *
 * The files `pin` picks (CDK apps) all go to the first worker while they are
 * no more than its share of the list, so only one thread loads the TypeScript
 * compiler (about 40 MB). A worker that runs out of memory is not replaced:
 * its unanswered files are analysed in the main thread (`local`), which has
 * no heap cap, and so is the rest of the list once no worker is left.
 */
export function scanInWorkers(
  list: string[],
  argv: string[],
  jobs: number,
  report: (oc: FileOutcome) => void,
  local: (file: string) => FileOutcome,
  opts: {
    pin?: (file: string) => boolean;
    oldGenerationMb?: number;
    /** a file's cache entry: it goes out with the file */
    cached?: (file: string) => [string, HandedEntry] | undefined;
    /** the tree's context, read by the caller (without it, each worker reads it when a manifest asks) */
    contexts?: ContextInputs;
  } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (list.length === 0) return resolve();
    // files go out in chunks (one message each way per chunk), a few chunks per worker at a time
    const CHUNK = 64;
    const AHEAD = 3;
    const n = Math.max(1, Math.min(jobs, Math.ceil(list.length / CHUNK)));
    const WINDOW = CHUNK * AHEAD * (n + 1);
    const picked = opts.pin ? list.map(opts.pin) : [];
    const pinnedCount = picked.filter(Boolean).length;
    let pinning = n > 1 && pinnedCount > 0 && pinnedCount * n <= list.length;
    const isPinned = (i: number) => pinning && picked[i];
    const workers: Worker[] = [];
    const alive = new Set<Worker>();
    const ready = new Map<number, FileOutcome>();
    let next = 0; // the next index to hand out (pinned ones are skipped here)
    let nextPinned = 0; // the next pinned index to hand out
    let emitted = 0; // the next index to report
    let chunkIds = 0;
    let done = false;
    const finish = (e?: unknown) => {
      if (done) return;
      done = true;
      for (const w of alive) void w.terminate();
      if (e !== undefined) reject(e);
      else resolve();
    };
    const regularChunk = (): Chunk | undefined => {
      const indices: number[] = [];
      for (; next < list.length && next < emitted + WINDOW && indices.length < CHUNK; next++) if (!isPinned(next)) indices.push(next);
      return indices.length ? { id: chunkIds++, indices } : undefined;
    };
    // pinned files up to where the others have been handed out
    const pinnedChunk = (): Chunk | undefined => {
      const indices: number[] = [];
      while (indices.length < CHUNK) {
        while (nextPinned < list.length && !isPinned(nextPinned)) nextPinned++;
        if (nextPinned >= list.length || nextPinned > next) break;
        indices.push(nextPinned++);
      }
      return indices.length ? { id: chunkIds++, indices } : undefined;
    };
    const scanHere = (c: Chunk) => {
      for (const i of c.indices) ready.set(i, local(list[i]));
    };
    const inFlight = new Map<Worker, Chunk[]>();
    // a chunk's report bytes, once its last file is reported, go back to its worker to be written over:
    // buffers left to the collector piled up to 40 MB more in this thread (V8 collects for outside memory late)
    const release = new Map<number, { w: Worker; buffer: ArrayBuffer }>();
    const spent = new Map<Worker, ArrayBuffer[]>();
    const feed = (w: Worker) => {
      const mine = inFlight.get(w)!;
      while (mine.length < AHEAD) {
        const c = (pinning && w === workers[0] ? pinnedChunk() : undefined) ?? regularChunk();
        if (!c) break;
        const files = c.indices.map((i) => list[i]);
        const cached = opts.cached
          ? files.flatMap((f) => {
              const e = opts.cached!(f);
              return e ? [e] : [];
            })
          : undefined;
        const spare = spent.get(w)?.splice(0) ?? [];
        w.postMessage({ id: c.id, files, cached, spare }, spare);
        mine.push(c);
      }
    };
    const drain = () => {
      try {
        while (ready.has(emitted)) {
          const oc = ready.get(emitted)!;
          ready.delete(emitted);
          emitted++;
          report(oc);
          const r = release.get(emitted - 1);
          if (r) {
            release.delete(emitted - 1);
            if (alive.has(r.w)) spent.get(r.w)!.push(r.buffer);
          }
        }
      } catch (e) {
        return finish(e);
      }
      if (emitted === list.length) return finish();
      for (const w of alive) feed(w);
    };
    const lost = (w: Worker, e: Error & { code?: string }) => {
      if (done) return;
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return finish(e);
      // what it was given is scanned here; the others carry on, or this thread takes the rest
      alive.delete(w);
      try {
        for (const c of inFlight.get(w) ?? []) scanHere(c);
        inFlight.delete(w);
        if (pinning && w === workers[0]) {
          // the pinned files it would have had: those already passed by here, the rest to anyone
          for (let c = pinnedChunk(); c; c = pinnedChunk()) scanHere(c);
          pinning = false;
        }
        if (alive.size === 0) for (let i = emitted; i < list.length; i++) if (!ready.has(i)) ready.set(i, local(list[i]));
      } catch (x) {
        return finish(x);
      }
      drain();
    };
    for (let k = 0; k < n; k++) {
      const w = new Worker(__filename, {
        workerData: { bulkheadScanWorker: true, argv, contexts: opts.contexts },
        resourceLimits: { maxOldGenerationSizeMb: opts.oldGenerationMb ?? WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      workers.push(w);
      alive.add(w);
      inFlight.set(w, []);
      spent.set(w, []);
      w.on('message', (m: { id: number; outcomes?: FileOutcome[]; buffer?: ArrayBuffer; error?: string }) => {
        if (done || !alive.has(w)) return;
        if (m.error !== undefined) return finish(new Error(m.error));
        const mine = inFlight.get(w)!;
        const c = mine.splice(
          mine.findIndex((x) => x.id === m.id),
          1,
        )[0];
        m.outcomes!.forEach((oc, j) => ready.set(c.indices[j], oc));
        if (m.buffer) release.set(c.indices[c.indices.length - 1], { w, buffer: m.buffer });
        drain();
      });
      w.on('error', (e) => lost(w, e));
    }
    for (const w of workers) feed(w);
  });
}

/** How many written-out report buffers a worker keeps, the largest (it has a few chunks in hand at a time). */
const SPARE_BUFFERS = 4;

/** The worker side of scanInWorkers: the same environment, one file per message. */
function runScanWorker(data: { argv: string[]; contexts?: ContextInputs }): void {
  const port = parentPort!;
  let env: ScanEnv;
  const handed = new HandedCache();
  try {
    env = scanEnv(parseScanArgs(data.argv), () => undefined, handed, data.contexts);
  } catch (e) {
    port.on('message', (m: { id: number }) => port.postMessage({ id: m.id, error: (e as Error).message }));
    return;
  }
  const ready = initTerraform();
  const writeFile = fileReporter(env.o, env.root);
  // report buffers the main thread has written out and sent back
  const spare: ArrayBuffer[] = [];
  port.on('message', async (m: { id: number; files: string[]; cached?: [string, HandedEntry][]; spare: ArrayBuffer[] }) => {
    spare.push(...m.spare);
    if (spare.length > SPARE_BUFFERS) {
      spare.sort((a, b) => b.byteLength - a.byteLength);
      spare.length = SPARE_BUFFERS;
    }
    await ready;
    // (after the await: messages that arrived meanwhile each reset it in turn, synchronously with their files)
    handed.reset(m.cached ?? []);
    const outcomes: FileOutcome[] = [];
    for (const file of m.files) {
      try {
        const oc = scanFile(file, env);
        // the main thread has these findings already
        if (oc.fromCache) oc.findings = [];
        else if (oc.kind) {
          // what the report says of them goes back, not the findings (their fixes' edits, the SARIF text)
          oc.report = writeFile(file, oc.findings, oc.text ?? '');
          oc.findings = [];
          oc.text = undefined;
        }
        outcomes.push(oc);
      } catch (e) {
        port.postMessage({ id: m.id, error: `internal error on ${file}: ${(e as Error).stack ?? e}` });
        return;
      }
    }
    // the report's text (and the cache's findings) go as bytes, in one buffer moved rather than copied:
    // the main thread only writes them
    // (two texts per file, empty where it has none)
    const packed = packTexts(
      outcomes.flatMap((oc) => [oc.report?.body ?? '', typeof oc.cached?.findings === 'string' ? oc.cached.findings : '']),
      spare,
    );
    outcomes.forEach((oc, j) => {
      if (oc.report) {
        oc.report.bytes = packed.views[2 * j];
        oc.report.body = '';
      }
      if (oc.cached) oc.cached.findings = packed.views[2 * j + 1];
    });
    port.postMessage({ id: m.id, outcomes, buffer: packed.buffer }, [packed.buffer]);
  });
}

function rulesCommand(argv: string[], out: (s: string) => void): number {
  let format = 'markdown';
  let writeDocs: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--format') format = argv[++i] ?? '';
    else if (argv[i].startsWith('--format=')) format = argv[i].slice(9);
    else if (argv[i] === '--write-docs') writeDocs = argv[++i];
    else throw new UsageError(`unknown argument ${argv[i]}`);
  }
  if (writeDocs) {
    const fixtures = path.resolve(__dirname, '../../../test/fixtures');
    const { index, pages } = renderRuleDocs(allRules(), fs.existsSync(fixtures) ? fixtures : undefined);
    fs.mkdirSync(writeDocs, { recursive: true });
    for (const f of fs.readdirSync(writeDocs)) if (f.endsWith('.md')) fs.unlinkSync(path.join(writeDocs, f));
    fs.writeFileSync(path.join(writeDocs, 'README.md'), index);
    for (const [name, text] of pages) fs.writeFileSync(path.join(writeDocs, name), text);
    out(`wrote ${pages.size} rule pages to ${writeDocs}\n`);
    return 0;
  }
  if (format === 'json') {
    out(JSON.stringify(allRules().map((r) => r.meta), null, 2) + '\n');
    return 0;
  }
  if (format !== 'markdown') throw new UsageError(`--format must be markdown or json, not "${format}"`);
  out(renderRuleDocs(allRules()).index);
  return 0;
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => void process.stdout.write(s),
  err: (s: string) => void = (s) => void process.stderr.write(s + "\n"),
): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    // `bulkhead scan --help` asks for the same help as `bulkhead --help`
    if ((cmd === 'scan' || cmd === 'rules') && (rest.includes('--help') || rest.includes('-h'))) {
      out(HELP + '\n');
      return 0;
    }
    switch (cmd) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(HELP + '\n');
        return cmd === undefined ? 2 : 0;
      case '--version':
      case '-v':
        out(VERSION + '\n');
        return 0;
      case 'scan':
        // the Terraform parser is WebAssembly, loaded asynchronously once (a few tens of ms)
        await initTerraform();
        return await scan(rest, out, err);
      case 'rules':
        await initTerraform(); // --write-docs analyses the fixtures for each page's example
        return rulesCommand(rest, out);
      case 'ecr': {
        // the AWS SDK is loaded only for this command (src/ecr loads it on first use)
        return await ecrCommand(rest, { out, err: (s) => err(s.replace(/\n$/, '')) });
      }
      default:
        throw new UsageError(`unknown command "${cmd}" (try bulkhead --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && /no such file/.test(e.message))) {
      err(`bulkhead: ${e.message}`);
      return 2;
    }
    err(`bulkhead: internal error: ${(e as Error).stack ?? e}`);
    return 2;
  }
}

export { applyEdits, pickFixes };

/**
 * Writes to a standard stream that the reader may close early
 * (`bulkhead scan | head`): once it is closed, output is dropped quietly and
 * the scan carries on, so the exit status still says what it found.
 */
export function pipeWriter(stream: NodeJS.WriteStream): (s: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  return (s) => {
    if (!closed) stream.write(s);
  };
}

if (!isMainThread && (workerData as { bulkheadScanWorker?: boolean } | undefined)?.bulkheadScanWorker) {
  runScanWorker(workerData as { argv: string[]; contexts?: ContextInputs });
} else if (require.main === module) {
  const out = pipeWriter(process.stdout);
  const errOut = pipeWriter(process.stderr);
  main(process.argv.slice(2), out, (s) => errOut(s + '\n')).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      errOut(`bulkhead: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
