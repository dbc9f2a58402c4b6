import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pod, run, tmpdir } from './cli-helpers';
import { sarifProblems } from './sarif-schema';
import { analysisWorkers, defaultJobs, FileOutcome, scanInWorkers, WORKERS_FROM_FILES } from '../../src/cli/main';
import { cacheEntries, writeCacheEntries } from '../../src/cli/cache';

const ROOT = path.resolve(__dirname, '../../..');

const PRIVILEGED_POD = pod('p');

function workspace(): string {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'pod.yaml'), PRIVILEGED_POD);
  fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'pod.yaml'), PRIVILEGED_POD);
  fs.mkdirSync(path.join(dir, 'generated'));
  fs.writeFileSync(path.join(dir, 'generated', 'pod.yaml'), PRIVILEGED_POD);
  fs.writeFileSync(path.join(dir, '.gitignore'), 'generated/\n');
  fs.writeFileSync(path.join(dir, 'notes.yaml'), 'just: a config\n');
  return dir;
}

describe('bulkhead scan (CLI)', () => {
  it('prints file:line:col, rule id and message; exit 1 on an error finding', async () => {
    const dir = workspace();
    const r = await run(['scan', '.'], dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, /^pod\.yaml:11:21: error k8s\/privileged-container /m);
    assert.ok(!r.out.includes('node_modules'), 'node_modules is skipped');
    assert.ok(!r.out.includes('generated'), '.gitignore is honoured');
  });

  it('exit 0 with --fail-on none, and when nothing reaches the bar', async () => {
    const dir = workspace();
    assert.strictEqual((await run(['scan', '--fail-on', 'none', '.'], dir)).code, 0);
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules:\n  k8s/*: off\n');
    const r = await run(['scan', '.'], dir);
    assert.strictEqual(r.code, 0, r.out);
  });

  it('exit 2 with a one-line message for usage and I/O errors', async () => {
    for (const args of [['scan', '--format', 'xml'], ['scan', '--bogus'], ['scan', '/no/such/path'], ['scan', '--unsafe-fixes'], ['frobnicate']]) {
      const r = await run(args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.strictEqual(r.err.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^bulkhead: /);
    }
  });

  it('scan --help and rules -h print the usage and exit 0, scanning nothing', async () => {
    for (const args of [['scan', '--help'], ['scan', '.', '-h'], ['rules', '--help']]) {
      const r = await run(args, tmpdir());
      assert.strictEqual(r.code, 0, args.join(' '));
      assert.match(r.out, /^Usage: bulkhead <command>/);
      assert.match(r.out, /Terraform/);
      assert.strictEqual(r.err, '');
    }
  });

  it('.bulkhead.yaml: severity overrides, per-path overrides and ignores', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'other.yaml'), PRIVILEGED_POD);
    fs.writeFileSync(
      path.join(dir, '.bulkhead.yaml'),
      'rules:\n  k8s/privileged-container: warning\nignore:\n  - other.yaml\noverrides:\n  - files: ["pod.yaml"]\n    rules:\n      k8s/privileged-container: info\n',
    );
    const r = await run(['scan', '--format', 'json', '.'], dir);
    const findings = JSON.parse(r.out) as { file: string; ruleId: string; severity: string }[];
    const priv = findings.filter((f) => f.ruleId === 'k8s/privileged-container');
    assert.deepStrictEqual(
      priv.map((f) => [f.file, f.severity]),
      [['pod.yaml', 'info']],
    );
  });

  it('a bad .bulkhead.yaml is reported, not fatal', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules:\n  k8s/privileged-container: loud\n');
    const r = await run(['scan', '.'], dir);
    assert.match(r.err, /expected error, warning, info or off/);
    assert.strictEqual(r.code, 1);
  });

  it('an unknown rule id in .bulkhead.yaml is named', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules:\n  k8s/privileged-containr: off\n  k8s/*: warning\n');
    const r = await run(['scan', '.'], dir);
    assert.match(r.err, /unknown rule "k8s\/privileged-containr"/);
    assert.doesNotMatch(r.err, /k8s\/\*/);
  });

  it('suppression comments silence a finding; --show-suppressed lists it', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'pod.yaml'), PRIVILEGED_POD.replace('privileged: true', 'privileged: true  # bulkhead-ignore k8s/privileged-container: node agent'));
    let r = await run(['scan', '.'], dir);
    assert.strictEqual(r.code, 0, r.out);
    r = await run(['scan', '--show-suppressed', '.'], dir);
    assert.match(r.out, /\(suppressed\)/);
  });

  it('--fix applies safe fixes in place and the file still parses', async () => {
    const dir = workspace();
    const r = await run(['scan', '--fix', 'pod.yaml'], dir);
    assert.match(r.out, /fix(es)? applied in 1 file/);
    const text = fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8');
    assert.match(text, /privileged: false/);
    const again = await run(['scan', '--format', 'json', 'pod.yaml'], dir);
    assert.ok(!(JSON.parse(again.out) as { ruleId: string }[]).some((f) => f.ruleId === 'k8s/privileged-container'));
  });

  it('never throws on bad input: 10 MB YAML, binary, broken YAML/JSON/TS, Helm template', async () => {
    const dir = tmpdir();
    const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' + '  k: "' + 'x'.repeat(10 * 1024 * 1024) + '"\n';
    fs.writeFileSync(path.join(dir, 'big.yaml'), big);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 10, 70, 82, 79, 77]));
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nspec: [\n  containers: {\n');
    fs.writeFileSync(path.join(dir, 'taskdef.json'), '{"family": "x", "containerDefinitions": [ {"name": "a", ');
    fs.writeFileSync(path.join(dir, 'stack.ts'), "import * as ecs from 'aws-cdk-lib/aws-ecs';\nnew ecs.ContainerDefinition(this, 'x', { privileged: true, ");
    fs.writeFileSync(
      path.join(dir, 'deployment.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {{ .Values.image }}\n          {{- with .Values.securityContext }}\n          securityContext:\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n',
    );
    const r = await run(['scan', '--format', 'json', '.'], dir);
    assert.doesNotMatch(r.err, /internal error/, r.err);
    const findings = JSON.parse(r.out) as { file: string; ruleId: string; severity: string }[];
    const perFile = new Map<string, string[]>();
    for (const f of findings) perFile.set(f.file, [...(perFile.get(f.file) ?? []), f.ruleId]);
    for (const name of ['big.yaml', 'Dockerfile', 'broken.yaml']) {
      const list = perFile.get(name) ?? [];
      assert.deepStrictEqual(list, ['bulkhead/not-analysed'], `${name}: exactly one info finding, got ${list.join(', ')}`);
    }
    const helm = perFile.get('deployment.yaml') ?? [];
    assert.ok(helm.filter((id) => id === 'bulkhead/not-analysed').length <= 1, 'Helm: at most one note');
  });
});

describe('bulkhead scan --format sarif', () => {
  it('is valid SARIF 2.1.0 (the JSON schema) with full rule metadata', async function () {
    this.timeout(120000);
    const dir = workspace();
    fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const r = await run(['scan', '--format', 'sarif', '--no-config', '.'], dir);
    const log = JSON.parse(r.out);
    const run0 = log.runs[0];
    const targets = new Set(run0.results.map((x: { ruleId: string }) => x.ruleId.split('/')[0]));
    for (const t of ['ecs', 'k8s', 'dockerfile', 'cdk']) assert.ok(targets.has(t), `SARIF has ${t} results`);
    assert.strictEqual(log.version, '2.1.0');
    assert.ok(run0.tool.driver.rules.length > 1, 'every rule is listed');
    for (const rule of run0.tool.driver.rules) {
      assert.ok(rule.helpUri && rule.shortDescription.text && rule.fullDescription.text, rule.id);
      assert.ok(Array.isArray(rule.properties.equivalents), rule.id);
    }
    const res = run0.results.find(
      (x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.ruleId === 'k8s/privileged-container' && x.locations[0].physicalLocation.artifactLocation.uri === 'pod.yaml',
    );
    assert.deepStrictEqual(
      { uri: res.locations[0].physicalLocation.artifactLocation.uri, line: res.locations[0].physicalLocation.region.startLine, col: res.locations[0].physicalLocation.region.startColumn },
      { uri: 'pod.yaml', line: 11, col: 21 },
    );
    assert.strictEqual(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);

    assert.deepStrictEqual(sarifProblems(log), [], 'the log breaks the SARIF 2.1.0 schema');
    assert.ok(!r.out.includes(dir), 'no absolute local path in the log');
  });

  it('the schema check can fail: a fatal level and a line 0 are caught', async () => {
    const dir = workspace();
    const log = JSON.parse((await run(['scan', '--format', 'sarif', '--no-config', 'pod.yaml'], dir)).out);
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const problems = sarifProblems(log);
    assert.ok(problems.some((p) => /level/.test(p) || /allowed values/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /startLine/.test(p)), problems.join('\n'));
  });

  it('files outside the root are relative to it (.. segments), never absolute', async () => {
    const top = tmpdir();
    const proj = path.join(top, 'proj');
    const infra = path.join(top, 'infra', 'k8s');
    fs.mkdirSync(proj);
    fs.mkdirSync(infra, { recursive: true });
    fs.writeFileSync(path.join(proj, 'pod.yaml'), PRIVILEGED_POD);
    fs.writeFileSync(path.join(infra, 'pod.yaml'), PRIVILEGED_POD);
    const r = await run(['scan', '--format', 'sarif', '--no-config', '.', '../infra'], proj);
    assert.ok(!r.out.includes(top), 'no absolute local path in the log');
    const log = JSON.parse(r.out);
    assert.deepStrictEqual(sarifProblems(log), []);
    const locs = new Set(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: object } }[] }) => JSON.stringify(x.locations[0].physicalLocation.artifactLocation)));
    assert.deepStrictEqual([...locs].sort(), [JSON.stringify({ uri: '../infra/k8s/pod.yaml', uriBaseId: 'SRCROOT' }), JSON.stringify({ uri: 'pod.yaml', uriBaseId: 'SRCROOT' })].sort());
    assert.strictEqual(log.runs[0].originalUriBaseIds.SRCROOT.uri, undefined, 'SRCROOT is not written as a local path');
  });
});

describe('bulkhead rules', () => {
  it('lists every rule as JSON', async () => {
    const r = await run(['rules', '--format', 'json']);
    const list = JSON.parse(r.out) as { id: string }[];
    assert.ok(list.some((x) => x.id === 'k8s/privileged-container'));
  });
});

describe('bulkhead scan over examples/', () => {
  const EXAMPLES = path.join(ROOT, 'examples');
  it('finds problems in every target', async () => {
    const r = await run(['scan', '--format', 'json', EXAMPLES]);
    const findings = JSON.parse(r.out) as { file: string; ruleId: string }[];
    const targets = new Set(findings.map((f) => f.ruleId.split('/')[0]));
    for (const t of ['ecs', 'k8s', 'dockerfile', 'cdk']) assert.ok(targets.has(t), `no ${t} finding in examples/: ${[...targets].join(', ')}`);
    assert.ok(!findings.some((f) => f.ruleId === 'bulkhead/not-analysed'), 'every example is analysed');
  });

  it('--fix --unsafe-fixes on a copy removes every finding with a safe or unsafe fix, and the files still parse', async function () {
    this.timeout(60000);
    const dir = tmpdir();
    fs.cpSync(EXAMPLES, dir, { recursive: true });
    const before = JSON.parse((await run(['scan', '--format', 'json', '.'], dir)).out) as { file: string; ruleId: string; fixes: { safety: string }[] }[];
    const fixable = before.filter((f) => f.fixes.some((x) => x.safety !== 'manual'));
    assert.ok(fixable.length > 5, `examples have fixable findings (${fixable.length})`);
    await run(['scan', '--fix', '--unsafe-fixes', '.'], dir);
    const after = JSON.parse((await run(['scan', '--format', 'json', '.'], dir)).out) as { file: string; ruleId: string; line: number; fixes: { safety: string }[] }[];
    assert.deepStrictEqual(after.filter((f) => f.ruleId === 'bulkhead/not-analysed'), [], 'fixed files still parse');
    const left = after.filter((f) => f.fixes.some((x) => x.safety !== 'manual'));
    assert.deepStrictEqual(left.map((f) => `${f.file}:${f.line} ${f.ruleId}`), [], 'findings with safe/unsafe fixes remain');
  });
});

describe('bulkhead scan: choosing files (--shard, --changed-since)', function () {
  // each test runs git several times: slow on a loaded machine (a 2 s timeout failed a CI run)
  this.timeout(30_000);
  const gitIn = (dir: string, ...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const files = (out: string) => [...new Set(out.split('\n').filter(Boolean).map((l) => l.split(':')[0]))].filter((f) => f.endsWith('.yaml')).sort();

  it('--shard K/N: the N shards cover every file exactly once, the same way every time', async () => {
    const dir = tmpdir();
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(dir, `pod-${i}.yaml`), PRIVILEGED_POD);
    const all = files((await run(['scan', '--no-config', '.'], dir)).out);
    assert.strictEqual(all.length, 30);
    const parts: string[][] = [];
    for (let k = 1; k <= 3; k++) parts.push(files((await run(['scan', '--no-config', '--shard', `${k}/3`, '.'], dir)).out));
    assert.deepStrictEqual(parts.flat().sort(), all, 'together the shards are the whole tree, with no file twice');
    for (const p of parts) assert.ok(p.length > 0, 'every shard has files');
    assert.deepStrictEqual(files((await run(['scan', '--no-config', '--shard', '2/3', '.'], dir)).out), parts[1], 'stable');
    for (const bad of ['0/3', '4/3', 'x', '1/0']) assert.strictEqual((await run(['scan', '--shard', bad, '.'], dir)).code, 2, bad);
  });

  it('--changed-since REF: changed and new files only; everything when .bulkhead.yaml changed; a clear error outside git', async () => {
    const dir = tmpdir();
    gitIn(dir, 'init', '-q');
    for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, `${n}.yaml`), PRIVILEGED_POD);
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules: {}\n');
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'base');
    fs.writeFileSync(path.join(dir, 'b.yaml'), PRIVILEGED_POD.replace('name: p', 'name: q'));
    fs.writeFileSync(path.join(dir, 'd.yaml'), PRIVILEGED_POD);
    let r = await run(['scan', '--changed-since', 'HEAD', '.'], dir);
    assert.deepStrictEqual(files(r.out), ['b.yaml', 'd.yaml'], r.err);
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules: { k8s/default-namespace: off }\n');
    r = await run(['scan', '--changed-since', 'HEAD', '.'], dir);
    assert.deepStrictEqual(files(r.out), ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);
    r = await run(['scan', '--changed-since', 'no-such-ref', '.'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /"no-such-ref" is not a commit/);
    const outside = tmpdir();
    fs.writeFileSync(path.join(outside, 'a.yaml'), PRIVILEGED_POD);
    r = await run(['scan', '--changed-since', 'HEAD', '.'], outside);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /needs a git repository/);
  });
});

describe('bulkhead scan --cache', function () {
  // worker threads start an engine each: seconds on a loaded machine
  this.timeout(120_000);
  it('with worker threads: the cache stays in the main thread, entries go out with their files', async () => {
    const dir = tmpdir();
    for (let i = 0; i < 150; i++) fs.writeFileSync(path.join(dir, `p${String(i).padStart(3, '0')}.yaml`), PRIVILEGED_POD.replace('name: p', `name: p${i}`));
    const first = await run(['scan', '--cache', '--jobs', '2', '--format', 'json', '.'], dir);
    const one = await run(['scan', '--jobs', '1', '--format', 'json', '.'], dir);
    assert.strictEqual(first.out, one.out);
    const cacheFile = path.join(dir, '.bulkhead-cache');
    assert.strictEqual(cacheEntries(cacheFile).entries.length, 150, 'every file recorded');
    markCache(cacheFile, 'FROM THE CACHE');
    fs.writeFileSync(path.join(dir, 'p007.yaml'), PRIVILEGED_POD.replace('name: p', 'name: changed'));
    const second = await run(['scan', '--cache', '--jobs', '2', '--format', 'json', '.'], dir);
    const items = JSON.parse(second.out) as { file: string; message: string }[];
    assert.ok(items.filter((x) => x.file !== 'p007.yaml').every((x) => x.message === 'FROM THE CACHE'), 'unchanged files from the cache');
    assert.ok(items.filter((x) => x.file === 'p007.yaml').every((x) => x.message !== 'FROM THE CACHE'), 'the changed file analysed again');
    assert.strictEqual(cacheEntries(cacheFile).entries.length, 150);
    // and with --fix, the workers fix from the findings they are handed
    const fixed = await run(['scan', '--cache', '--jobs', '2', '--fix', '--fail-on', 'none', '--format', 'json', '.'], dir);
    assert.strictEqual(fixed.code, 0, fixed.err);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'p003.yaml'), 'utf8'), /privileged: true/);
  });

  it('copies a stored part of the report when the run writes it the same way, and writes it again otherwise', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), PRIVILEGED_POD);
    const cacheFile = path.join(dir, '.bulkhead-cache');
    const text = (await run(['scan', '--cache', '.'], dir)).out;
    const c = cacheEntries(cacheFile);
    writeCacheEntries(cacheFile, c.key, c.entries.map((e) => ({ ...e, body: 'a.yaml:1:1: STORED\n' })));
    const stored = fs.readFileSync(cacheFile);
    fs.utimesSync(cacheFile, 1, 1);
    assert.match((await run(['scan', '--cache', '.'], dir)).out, /^a\.yaml:1:1: STORED$/m, 'the stored part');
    assert.strictEqual(fs.statSync(cacheFile).mtimeMs, 1000, 'an unchanged tree leaves the cache file as it is');
    assert.deepStrictEqual(fs.readFileSync(cacheFile), stored);
    // another format, another folder: written again from the stored findings, and stored for the next run
    const json = await run(['scan', '--cache', '--format', 'json', '.'], dir);
    assert.ok(JSON.parse(json.out).length > 0);
    assert.doesNotMatch(json.out, /STORED/);
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    assert.doesNotMatch((await run(['scan', `--cache=${cacheFile}`, '--format', 'json', '..'], sub)).out, /STORED/);
    assert.strictEqual((await run(['scan', '--cache', '.'], dir)).out, text);
  });

  it('reuses the findings of unchanged files, and analyses again what changed, with another config or version', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), PRIVILEGED_POD);
    fs.writeFileSync(path.join(dir, 'b.yaml'), PRIVILEGED_POD.replace('name: p', 'name: q'));
    const first = await run(['scan', '--cache', '--format', 'json', '.'], dir);
    const cacheFile = path.join(dir, '.bulkhead-cache');
    assert.ok(fs.existsSync(cacheFile));
    assert.strictEqual((await run(['scan', '--cache', '--format', 'json', '.'], dir)).out, first.out, 'the same report from the cache');
    // a marker in the cache shows that a file's findings come from it
    const mark = (text: string) => markCache(cacheFile, text);
    mark('FROM THE CACHE');
    let r = await run(['scan', '--cache', '.'], dir);
    assert.match(r.out, /^a\.yaml:.*FROM THE CACHE/m);
    fs.writeFileSync(path.join(dir, 'b.yaml'), PRIVILEGED_POD.replace('name: p', 'name: changed'));
    r = await run(['scan', '--cache', '.'], dir);
    assert.match(r.out, /^a\.yaml:.*FROM THE CACHE/m);
    assert.doesNotMatch(r.out, /^b\.yaml:.*FROM THE CACHE/m, 'a changed file is analysed again');
    mark('FROM THE CACHE');
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules: {}\n');
    r = await run(['scan', '--cache', '.'], dir);
    assert.doesNotMatch(r.out, /FROM THE CACHE/, 'another configuration invalidates the cache');
    fs.writeFileSync(cacheFile, '{ not json');
    r = await run(['scan', '--cache', '--format', 'json', '.'], dir);
    assert.match(r.err, /\.bulkhead-cache: .*rebuilt/);
    assert.strictEqual(JSON.parse(r.out).length, JSON.parse(first.out).length, 'a corrupt cache is ignored');
    r = await run(['scan', `--cache=${path.join(dir, 'other-cache')}`, '.'], dir);
    assert.ok(fs.existsSync(path.join(dir, 'other-cache')), '--cache=FILE');
  });

  it('says so when the cache cannot be kept, and the scan goes on', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), PRIVILEGED_POD);
    const plain = await run(['scan', '--format', 'json', '.'], dir);
    fs.mkdirSync(path.join(dir, 'folder'));
    let r = await run(['scan', '--cache=folder', '--format', 'json', '.'], dir);
    assert.match(r.err, /folder: a folder, not a file; no cache is kept/);
    assert.doesNotMatch(r.err, /cannot write/);
    assert.deepStrictEqual([r.code, r.out], [plain.code, plain.out]);
    // under a file: neither read nor written
    r = await run(['scan', '--cache=a.yaml/cache', '--format', 'json', '.'], dir);
    assert.match(r.err, /cannot write the cache \(ENOTDIR\); it is left as it was/);
    assert.deepStrictEqual([r.code, r.out], [plain.code, plain.out]);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['a.yaml', 'folder'], 'no temporary file left');
  });
});

/**
 * Sets the message of every finding in a cache file, and marks each file's
 * stored part of the report as written another way: a run then writes it
 * from the findings, and shows which files the cache answered for.
 */
function markCache(file: string, message: string): void {
  const c = cacheEntries(file);
  const marked = c.entries.map((e) => ({ ...e, render: 'another', findings: JSON.stringify((JSON.parse(e.findings as string) as { message: string }[]).map((f) => ({ ...f, message }))) }));
  writeCacheEntries(file, c.key, marked);
}

/** A folder of `count` privileged pods, pod-000.yaml …, and their paths in order. */
function privilegedPods(count: number): { dir: string; files: string[] } {
  const dir = tmpdir();
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const f = path.join(dir, `pod-${String(i).padStart(3, '0')}.yaml`);
    fs.writeFileSync(f, PRIVILEGED_POD.replace('name: p', `name: p${i}`));
    files.push(f);
  }
  return { dir, files };
}

describe('bulkhead scan --jobs', function () {
  this.timeout(120_000);
  it('the same report, byte for byte, from worker threads as from one thread (text, json, sarif, --fix)', async () => {
    const dir = tmpdir();
    fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `pod-${i}.yaml`), PRIVILEGED_POD.replace('name: p', `name: p${i}`));
    // the tree's context, which the main thread reads once and hands to the workers: an overlay's patch
    // that makes a base's container unprivileged, and a NetworkPolicy that leaves a workload unselected
    const write = (f: string, t: string) => (fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true }), fs.writeFileSync(path.join(dir, f), t));
    write('k/base/pod.yaml', PRIVILEGED_POD.replace('name: p', 'name: patched'));
    write('k/base/kustomization.yaml', 'resources: [pod.yaml]\n');
    write('k/prod/kustomization.yaml', 'resources: [../base]\npatches:\n  - path: patch.yaml\n');
    write('k/prod/patch.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: patched\nspec:\n  containers:\n    - name: app\n      securityContext:\n        privileged: false\n');
    write('np/policy.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n');
    write('np/api.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n');
    for (const format of ['text', 'json', 'sarif']) {
      const one = await run(['scan', '--no-config', '--jobs', '1', '--format', format, '.'], dir);
      const two = await run(['scan', '--no-config', '--jobs', '2', '--format', format, '.'], dir);
      assert.strictEqual(two.code, one.code, format);
      assert.strictEqual(two.out, one.out, `${format}: the same output`);
      assert.strictEqual(two.err, one.err, `${format}: the same messages`);
      if (format === 'json') {
        const found = JSON.parse(two.out) as { file: string; ruleId: string }[];
        const at = (f: string) => found.filter((x) => x.file.split(path.sep).join('/').endsWith(f)).map((x) => x.ruleId);
        assert.ok(!at('k/base/pod.yaml').includes('k8s/privileged-container'), 'the overlay\'s patch reached the workers');
        assert.ok(at('pod-0.yaml').includes('k8s/privileged-container'));
        assert.ok(at('np/api.yaml').includes('k8s/pod-not-isolated'), 'the NetworkPolicy reached the workers');
      }
    }
    const copy = tmpdir();
    fs.cpSync(dir, copy, { recursive: true });
    const fixedOne = await run(['scan', '--no-config', '--jobs', '1', '--fix', '.'], dir);
    const fixedTwo = await run(['scan', '--no-config', '--jobs', '2', '--fix', '.'], copy);
    assert.strictEqual(fixedTwo.out, fixedOne.out);
    for (let i = 0; i < 20; i++) assert.strictEqual(fs.readFileSync(path.join(copy, `pod-${i}.yaml`), 'utf8'), fs.readFileSync(path.join(dir, `pod-${i}.yaml`), 'utf8'));
    assert.strictEqual((await run(['scan', '--jobs', '0', '.'], dir)).code, 2);
  });

  it('by default, workers for a large tree only, one per core up to four', () => {
    assert.strictEqual(defaultJobs(10, 8), 1);
    assert.strictEqual(defaultJobs(WORKERS_FROM_FILES - 1, 2), 1);
    assert.strictEqual(defaultJobs(WORKERS_FROM_FILES, 2), 2);
    assert.strictEqual(defaultJobs(50_000, 1), 1);
    assert.strictEqual(defaultJobs(50_000, 32), 4);
  });

  it('one thread over a large tree is a worker (its memory is capped); over a small one, this thread', () => {
    assert.strictEqual(analysisWorkers(1, 10), 0);
    assert.strictEqual(analysisWorkers(1, WORKERS_FROM_FILES - 1), 0);
    assert.strictEqual(analysisWorkers(1, WORKERS_FROM_FILES), 1);
    assert.strictEqual(analysisWorkers(2, 10), 2);
    assert.strictEqual(analysisWorkers(4, 50_000), 4);
  });

  it('files pinned to one worker come back in order, with their findings, whatever their share', async () => {
    const { dir, files } = privilegedPods(400);
    for (const pin of [
      (f: string) => /[05]\.yaml$/.test(f), // a fifth, spread out
      (f: string) => /-(0\d\d|3[5-9]\d)\.yaml$/.test(f), // a quarter, in two runs
      (f: string) => /[0-5]\.yaml$/.test(f), // more than its share: not pinned
    ]) {
      const reported: FileOutcome[] = [];
      const written: string[] = [];
      const here: string[] = [];
      // the report's bytes are read as they come (their buffer goes back to the worker afterwards)
      const onReport = (oc: FileOutcome) => (reported.push(oc), written.push(Buffer.from(oc.report?.bytes ?? []).toString('utf8')));
      await scanInWorkers(files, ['--no-config', dir], 2, onReport, (f) => (here.push(f), { file: f, findings: [], errors: [], ioErrors: 0, fixedFiles: 0, fixesApplied: 0 }), { pin });
      assert.deepStrictEqual(
        reported.map((oc) => oc.file),
        files,
      );
      assert.deepStrictEqual(here, [], 'all analysed by the workers');
      // a worker sends each file's part of the report, written where it was analysed, not the findings
      const found = (oc: FileOutcome) => oc.report!.error + oc.report!.warning + oc.report!.info;
      assert.ok(reported.every((oc) => oc.kind === 'k8s' && oc.findings.length === 0 && oc.report && found(oc) === found(reported[0]) && found(oc) > 0 && oc.report.body === ''));
      assert.ok(written.every((w, k) => w.includes(path.basename(reported[k].file))), 'each file\'s part of the report, as bytes');
    }
  });

  it('a worker that runs out of memory hands its files back to the main thread, and the order holds', async () => {
    const { dir, files } = privilegedPods(150);
    const reported: string[] = [];
    const here: string[] = [];
    const local = (file: string): FileOutcome => {
      here.push(file);
      return { file, findings: [], errors: [], ioErrors: 0, fixedFiles: 0, fixesApplied: 0 };
    };
    // a heap far too small for the engine: every worker dies of it
    await scanInWorkers(files, ['--no-config', dir], 2, (oc) => reported.push(oc.file), local, { oldGenerationMb: 1, pin: (f) => f.endsWith('7.yaml') });
    assert.deepStrictEqual(reported, files, 'every file once, in the order given');
    assert.deepStrictEqual([...here].sort(), files, 'each scanned here once');
  });
});
