import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseConfig, ResolvedConfig } from '../../src/core';
import { main } from '../../src/cli/main';
import { analyzeText } from '../../src/rules/engine';
import { allRules } from '../../src/rules/index';

// image-not-pinned (digest pinning) is a strict-profile rule; privileged-container is not
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: team
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.2.3
      securityContext:
        privileged: true
`;

function ids(opts: Partial<Parameters<typeof analyzeText>[1]>): string[] {
  return analyzeText(POD, { path: 'pod.yaml', ...opts }).findings.map((f) => f.ruleId);
}

function config(text: string): ResolvedConfig {
  const { config, problems } = parseConfig(text);
  assert.deepStrictEqual(problems, []);
  return new ResolvedConfig(config);
}

describe('profiles', () => {
  it('the recommended profile leaves out strict rules; strict runs them', () => {
    assert.ok(ids({ profile: 'recommended' }).includes('k8s/privileged-container'));
    assert.ok(!ids({ profile: 'recommended' }).includes('k8s/image-not-pinned'));
    assert.ok(ids({ profile: 'strict' }).includes('k8s/image-not-pinned'));
  });

  it('without a profile (library use) every rule runs; a config file may choose one', () => {
    assert.ok(ids({}).includes('k8s/image-not-pinned'));
    assert.ok(!ids({ config: config('profile: recommended\n') }).includes('k8s/image-not-pinned'));
    assert.ok(ids({ config: config('profile: strict\n'), profile: undefined }).includes('k8s/image-not-pinned'));
  });

  it('a strict rule named in rules: runs in the recommended profile; a target wildcard does not turn it on', () => {
    assert.ok(ids({ profile: 'recommended', config: config('rules:\n  k8s/image-not-pinned: warning\n') }).includes('k8s/image-not-pinned'));
    assert.ok(!ids({ profile: 'recommended', config: config('rules:\n  k8s/*: warning\n') }).includes('k8s/image-not-pinned'));
    assert.ok(!ids({ profile: 'recommended', config: config('rules:\n  k8s/image-not-pinned: off\n') }).includes('k8s/image-not-pinned'));
  });

  it('a bad profile value in .bulkhead.yaml is a clear problem', () => {
    const { problems } = parseConfig('profile: paranoid\n');
    assert.deepStrictEqual(problems.map((p) => p.message), ['profile must be recommended or strict, got "paranoid"']);
  });

  it('every strict rule says why', () => {
    for (const r of allRules()) if (r.meta.profile === 'strict') assert.ok((r.meta.profileReason ?? '').length > 20, r.meta.id);
  });

  it('bulkhead scan --profile: recommended by default, strict on request, a usage error otherwise', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-profile-'));
    try {
      fs.writeFileSync(path.join(dir, 'pod.yaml'), POD);
      const run = async (args: string[]) => {
        let out = '';
        let err = '';
        const code = await main(['scan', '--no-config', '--format', 'json', ...args, dir], (s) => (out += s), (s) => (err += s));
        return { code, out, err };
      };
      const def = JSON.parse((await run([])).out) as { ruleId: string }[];
      assert.ok(def.some((f) => f.ruleId === 'k8s/privileged-container'));
      assert.ok(!def.some((f) => f.ruleId === 'k8s/image-not-pinned'));
      const strict = JSON.parse((await run(['--profile', 'strict'])).out) as { ruleId: string }[];
      assert.ok(strict.some((f) => f.ruleId === 'k8s/image-not-pinned'));
      const bad = await run(['--profile', 'loose']);
      assert.strictEqual(bad.code, 2);
      assert.match(bad.err, /--profile must be recommended or strict, not "loose"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
