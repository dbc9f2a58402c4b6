import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { encodePreserving, replaceFileIfUnchanged } from '../../src/cli/files';
import { pod, run, tmpdir } from './cli-helpers';
import { appendAll, CONFIG_LIMITS, parseConfig, printable } from '../../src/core';
import { httpUrl } from '../../src/ecr/findings';

const CLI = path.resolve(__dirname, '../../src/cli/main.js');



describe('writing fixes back: nothing beyond the fixed lines', () => {
  it('keeps invalid UTF-8, a BOM and CRLF on the lines no fix touches', () => {
    const original = Buffer.concat([
      Buffer.from('\uFEFFa: 1\r\n# caf', 'utf8'),
      Buffer.from([0xe9, 0xff]), // Latin-1 é and a stray byte: invalid UTF-8
      Buffer.from('\r\nb: old\r\nc: \xe9\r\n'.replace('\xe9', 'é'), 'utf8'),
      Buffer.from([0xc3]), // a sequence cut short at the end of the file
    ]);
    const fixed = original.toString('utf8').replace('b: old', 'b: new');
    const out = encodePreserving(original, fixed);
    const expected = Buffer.from(original.toString('latin1').replace('b: old', 'b: new'), 'latin1');
    assert.deepStrictEqual(out, expected);
  });

  it('inserted and removed lines around untouched invalid bytes', () => {
    const bad = Buffer.from([0x80, 0x81]);
    const original = Buffer.concat([Buffer.from('x: 1\n'), bad, Buffer.from('\nkeep: 2\ndrop: 3\n')]);
    const text = original.toString('utf8');
    const fixed = text.replace('x: 1\n', 'x: 1\ny: 9\n').replace('drop: 3\n', '');
    assert.deepStrictEqual(encodePreserving(original, fixed), Buffer.concat([Buffer.from('x: 1\ny: 9\n'), bad, Buffer.from('\nkeep: 2\n')]));
  });

  it('scan --fix leaves the bytes of other lines as they were', async () => {
    const dir = tmpdir();
    const comment = Buffer.concat([Buffer.from('# owner: Jos'), Buffer.from([0xe9]), Buffer.from(' (Latin-1)\n')]);
    const before = Buffer.concat([comment, Buffer.from(pod('p'))]);
    fs.writeFileSync(path.join(dir, 'pod.yaml'), before);
    const r = await run(['scan', '--fix', 'pod.yaml'], dir);
    assert.match(r.out, /applied in 1 file/, r.out + r.err);
    const after = fs.readFileSync(path.join(dir, 'pod.yaml'));
    assert.deepStrictEqual(after.subarray(0, comment.length), comment, 'the Latin-1 comment line is byte for byte the same');
    assert.match(after.toString('latin1'), /privileged: false/);
  });
});

describe('atomic fixes', () => {
  it('refuses to replace a file that changed since it was read, and leaves no temporary file', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'a.yaml');
    fs.writeFileSync(f, 'a: 1\n');
    fs.chmodSync(f, 0o640);
    assert.strictEqual(replaceFileIfUnchanged(f, Buffer.from('a: 0\n'), Buffer.from('a: 2\n')), 'changed');
    assert.strictEqual(fs.readFileSync(f, 'utf8'), 'a: 1\n');
    assert.strictEqual(replaceFileIfUnchanged(f, Buffer.from('a: 1\n'), Buffer.from('a: 2\n')), 'written');
    assert.strictEqual(fs.readFileSync(f, 'utf8'), 'a: 2\n');
    assert.strictEqual(fs.statSync(f).mode & 0o777, 0o640, 'the mode is kept');
    assert.deepStrictEqual(fs.readdirSync(dir), ['a.yaml']);
  });

  it('replaces the target of a symbolic link and keeps the link', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'real.yaml'), 'a: 1\n');
    fs.symlinkSync('real.yaml', path.join(dir, 'link.yaml'));
    assert.strictEqual(replaceFileIfUnchanged(path.join(dir, 'link.yaml'), Buffer.from('a: 1\n'), Buffer.from('a: 2\n')), 'written');
    assert.ok(fs.lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink());
    assert.strictEqual(fs.readFileSync(path.join(dir, 'real.yaml'), 'utf8'), 'a: 2\n');
  });

  it('concurrent scan --fix runs on one tree: every file whole and fixed once, no temporary files', async function () {
    this.timeout(120_000);
    const dir = tmpdir();
    const N = 150;
    for (let i = 0; i < N; i++) fs.writeFileSync(path.join(dir, `pod-${i}.yaml`), `# file ${i}\n` + pod(`p${i}`));
    // what one run alone makes of the same tree
    const alone = tmpdir();
    for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(alone, f));
    const single = spawnSync(process.execPath, [CLI, 'scan', '--fix', '--fail-on', 'none', '.'], { cwd: alone, encoding: 'utf8' });
    assert.strictEqual(single.status, 0, single.stderr);
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        new Promise<{ code: number | null; err: string }>((resolve) => {
          const c = spawn(process.execPath, [CLI, 'scan', '--fix', '--fail-on', 'none', '.'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          c.stderr.on('data', (d) => (err += d));
          c.on('close', (code) => resolve({ code, err }));
        }),
      ),
    );
    for (const r of runs) assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), fs.readdirSync(alone).sort(), 'no temporary files left');
    for (const f of fs.readdirSync(alone)) assert.strictEqual(fs.readFileSync(path.join(dir, f), 'utf8'), fs.readFileSync(path.join(alone, f), 'utf8'), f);
  });
});

describe('CLI robustness', () => {
  it('a closed pipe (bulkhead scan | head -1) ends quietly, and the exit status still reports the findings', async function () {
    this.timeout(60_000);
    const dir = tmpdir();
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(dir, `pod-${i}.yaml`), pod(`p${i}`));
    const r = await new Promise<{ code: number | null; err: string; signal: NodeJS.Signals | null }>((resolve) => {
      const c = spawn(process.execPath, [CLI, 'scan', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      c.stderr.on('data', (d) => (err += d));
      c.stdout.once('data', () => c.stdout.destroy());
      c.on('close', (code, signal) => resolve({ code, err, signal }));
    });
    assert.strictEqual(r.err, '', 'nothing on stderr');
    assert.strictEqual(r.code, 1, `exit status 1 for the error findings (signal ${r.signal})`);
  });

  it('a FIFO named .bulkhead.yaml or .gitignore never blocks the scan', function () {
    this.timeout(30_000);
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'pod.yaml'), pod('p'));
    const mk = spawnSync('mkfifo', [path.join(dir, '.gitignore'), path.join(dir, '.bulkhead.yaml')]);
    if (mk.error || mk.status !== 0) throw new Error(`mkfifo failed: ${mk.error ?? mk.stderr}`);
    const r = spawnSync(process.execPath, [CLI, 'scan', '.'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.strictEqual(r.signal, null, 'not killed by the timeout');
    assert.strictEqual(r.status, 2, r.stdout);
    assert.match(r.stderr, /cannot read config .*\.bulkhead\.yaml: not a regular file/);
    const r2 = spawnSync(process.execPath, [CLI, 'scan', '--no-config', '.'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.strictEqual(r2.status, 1, r2.stderr);
    assert.match(r2.stdout, /k8s\/privileged-container/);
  });

  it('a named file that cannot be read is reported and exits 2, after the other files were checked', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'pod.yaml'), pod('p'));
    const mk = spawnSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    if (mk.error || mk.status !== 0) throw new Error(`mkfifo failed: ${mk.error ?? mk.stderr}`);
    const r = await run(['scan', 'fifo.yaml', 'pod.yaml'], dir);
    assert.strictEqual(r.code, 2, r.out);
    assert.match(r.err, /cannot read fifo\.yaml: not a regular file/);
    assert.match(r.out, /pod\.yaml:.*k8s\/privileged-container/);
  });

  it('a file over the size limit is reported without being read whole, and never fixed', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'maxFileSizeKb: 1\n');
    const big = pod('p') + `  labels:\n` + Array.from({ length: 200 }, (_, i) => `    l${i}: "${'v'.repeat(20)}"\n`).join('');
    fs.writeFileSync(path.join(dir, 'pod.yaml'), big);
    const r = await run(['scan', '--fix', '--format', 'json', '.'], dir);
    const found = JSON.parse(r.out) as { ruleId: string; message: string }[];
    assert.deepStrictEqual(found.map((f) => f.ruleId), ['bulkhead/not-analysed']);
    assert.match(found[0].message, /over the 0\.0 MB limit/);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8'), big);
  });
});

describe('limits on what a configuration can ask for', () => {
  it('glob counts, glob length, overrides and maxFileSizeKb are capped with a problem each', () => {
    const globs = Array.from({ length: 60_000 }, (_, i) => `  - d${i}/`).join('\n');
    const { config, problems } = parseConfig(`ignore:\n${globs}\nmaxFileSizeKb: 100000\n`);
    assert.strictEqual(config.ignore.length, CONFIG_LIMITS.globs);
    assert.strictEqual(config.maxFileSizeKb, CONFIG_LIMITS.maxFileSizeKb);
    assert.ok(problems.some((p) => /more than 2000 path globs/.test(p.message)), JSON.stringify(problems));
    assert.ok(problems.some((p) => /maxFileSizeKb 100000 is over the limit/.test(p.message)), JSON.stringify(problems));
    const long = parseConfig(`ignore: ["${'a'.repeat(5000)}", "ok/"]\n`);
    assert.deepStrictEqual(long.config.ignore, ['ok/']);
    const overrides = parseConfig('overrides:\n' + '  - files: [x]\n    rules: { k8s/a: off }\n'.repeat(CONFIG_LIMITS.overrides + 5));
    assert.strictEqual(overrides.config.overrides.length, CONFIG_LIMITS.overrides);
    const huge = parseConfig('#'.repeat(CONFIG_LIMITS.textLength + 1));
    assert.match(huge.problems[0].message, /over the limit/);
  });

  it('appendAll takes a page of 300,000 items (push(...items) overflows the stack)', () => {
    const page = Array.from({ length: 300_000 }, (_, i) => i);
    assert.throws(() => [].push(...(page as never[])), RangeError);
    assert.strictEqual(appendAll([-1], page).length, 300_001);
  });
});

describe('encodings and line ends: analysed with the right ranges, fixed in kind', () => {
  const variants: [string, (t: string) => Buffer][] = [
    ['UTF-8 with a BOM', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])],
    ['CR line ends', (t) => Buffer.from(t.replace(/\n/g, '\r'))],
    ['CRLF line ends', (t) => Buffer.from(t.replace(/\n/g, '\r\n'))],
    ['UTF-16 LE with a BOM', (t) => Buffer.from('\ufeff' + t, 'utf16le')],
    ['UTF-16 BE with a BOM', (t) => Buffer.from('\ufeff' + t, 'utf16le').swap16()],
    ['UTF-16 LE without a BOM', (t) => Buffer.from(t, 'utf16le')],
  ];
  for (const [name, encode] of variants) {
    it(name, async () => {
      const dir = tmpdir();
      fs.writeFileSync(path.join(dir, 'pod.yaml'), encode(pod('p')));
      const r = await run(['scan', 'pod.yaml'], dir);
      assert.match(r.out, /^pod\.yaml:11:21: error k8s\/privileged-container /m, r.out + r.err);
      await run(['scan', '--fix', 'pod.yaml'], dir);
      // what the same fixes make of the plain UTF-8 file, encoded the same way
      const plain = tmpdir();
      fs.writeFileSync(path.join(plain, 'pod.yaml'), pod('p'));
      await run(['scan', '--fix', 'pod.yaml'], plain);
      const want = encode(fs.readFileSync(path.join(plain, 'pod.yaml'), 'utf8'));
      assert.deepStrictEqual(fs.readFileSync(path.join(dir, 'pod.yaml')), want);
    });
  }
});

describe('output that names things from files or a registry cannot act', () => {
  it('text output escapes control characters and never starts a line with a workflow command', async () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'pod.yaml'), pod('"x\\n::error file=a.yaml::pwned\\e[2J\\u202e"'));
    fs.mkdirSync(path.join(dir, '::warning::dir'));
    fs.writeFileSync(path.join(dir, '::warning::dir', 'pod.yaml'), pod('p'));
    const r = await run(['scan', '.'], dir);
    assert.match(r.out, /k8s\/privileged-container/);
    for (const line of r.out.split('\n')) {
      assert.ok(!/^\s*(::|##)/.test(line), `a line starts a workflow command: ${JSON.stringify(line)}`);
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/.test(line), `a raw control character: ${JSON.stringify(line)}`);
    }
    assert.match(r.out, /x\\x0a::error file=a\.yaml::pwned\\x1b\[2J\\u202e/);
  });

  it('printable keeps ordinary text and tabs as they are', () => {
    assert.strictEqual(printable('pod.yaml:3:1: error k8s/x Container "app"\tok'), 'pod.yaml:3:1: error k8s/x Container "app"\tok');
    assert.strictEqual(printable('  ::set-output name=x::y'), '\u200b  ::set-output name=x::y');
  });

  it('registry URLs: only http(s) survive, and nothing in them can end a Markdown link', () => {
    assert.strictEqual(httpUrl('command:bulkhead.ecr.revealImage?%5B%5D'), undefined);
    assert.strictEqual(httpUrl('javascript:alert(1)'), undefined);
    assert.strictEqual(httpUrl('not a url'), undefined);
    assert.strictEqual(httpUrl('https://nvd.nist.gov/vuln/detail/CVE-2024-1 ) [x](command:y)'), 'https://nvd.nist.gov/vuln/detail/CVE-2024-1%20%29%20[x]%28command:y%29');
    assert.strictEqual(httpUrl(' https://example.com/a(b) '), 'https://example.com/a%28b%29');
  });
});
