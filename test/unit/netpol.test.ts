/**
 * NetworkPolicy coverage across files: the tree's policies (with the
 * namespaces kustomize gives them) decide which workloads are isolated; the
 * CLI and its cache and --changed-since follow a policy's changes.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/rules/engine';
import { ManifestContextIndex } from '../../src/formats/kustomize/context';
import { readSelector, selects } from '../../src/formats/k8s/netpol';
import { parseDocument } from 'yaml';
import { run, tmpdir } from './cli-helpers';

const ROOT = '/repo';

const workload = (name: string, labels: Record<string, string>, ns?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  selector:
    matchLabels: ${JSON.stringify(labels)}
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
    spec:
      containers:
        - name: ${name}
          image: registry.example.com/${name}:1.0.0
`;

const policy = (name: string, selector: string, ns?: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  podSelector: ${selector}
  policyTypes: [Ingress]
`;

function ids(files: Record<string, string>, file: string): string[] {
  const abs = (f: string) => path.join(ROOT, f);
  const all = new Map(Object.entries(files).map(([f, t]) => [abs(f), t]));
  const contextFiles = new Map([...all].filter(([f]) => /kustomization\.yaml$/.test(f)));
  const manifests = new Map([...all].filter(([f]) => !/kustomization\.yaml$/.test(f)));
  const idx = new ManifestContextIndex(contextFiles, (f) => all.get(f), manifests);
  return analyzeText(files[file], { path: abs(file), profile: 'strict', context: (p) => idx.contextFor(p) })
    .findings.filter((f) => !f.suppressed)
    .map((f) => f.ruleId)
    .filter((id) => id === 'k8s/pod-not-isolated' || id === 'k8s/no-network-policy');
}

describe('NetworkPolicy coverage', () => {
  it('selectors: matchLabels and every matchExpressions operator; an unreadable selector selects anything', () => {
    const sel = (y: string) => readSelector(parseDocument(y).contents);
    const pod = new Map([['app', 'web'], ['tier', 'front']]);
    assert.ok(selects(sel('{}'), pod));
    assert.ok(selects(sel('matchLabels: { app: web }'), pod));
    assert.ok(!selects(sel('matchLabels: { app: api }'), pod));
    assert.ok(selects(sel('matchExpressions: [{ key: tier, operator: In, values: [front, back] }]'), pod));
    assert.ok(!selects(sel('matchExpressions: [{ key: tier, operator: NotIn, values: [front] }]'), pod));
    assert.ok(selects(sel('matchExpressions: [{ key: team, operator: DoesNotExist }]'), pod));
    assert.ok(!selects(sel('matchExpressions: [{ key: team, operator: Exists }]'), pod));
    assert.strictEqual(sel('matchExpressions: [{ key: team, operator: Sometimes }]'), 'unknown');
    assert.ok(selects('unknown', pod));
  });

  it('a policy in another file of the tree selects the workload; one in another namespace does not', () => {
    const files = {
      'apps/web.yaml': workload('web', { app: 'web' }, 'shop'),
      'apps/api.yaml': workload('api', { app: 'api' }, 'shop'),
      'policies/web.yaml': policy('web', '{ matchLabels: { app: web } }', 'shop'),
      'policies/other.yaml': policy('deny-all', '{}', 'billing'),
    };
    assert.deepStrictEqual(ids(files, 'apps/web.yaml'), []);
    assert.deepStrictEqual(ids(files, 'apps/api.yaml'), ['k8s/pod-not-isolated']);
  });

  it('without any policy for the namespace: only the strict rule, once', () => {
    assert.deepStrictEqual(ids({ 'web.yaml': workload('web', { app: 'web' }, 'shop') }, 'web.yaml'), ['k8s/no-network-policy']);
  });

  it('a kustomization puts a policy written without a namespace into its namespace', () => {
    const files = {
      'base/web.yaml': workload('web', { app: 'web' }),
      'base/deny.yaml': policy('deny-all', '{}'),
      'base/kustomization.yaml': 'namespace: shop\nresources: [web.yaml, deny.yaml]\n',
      'other/api.yaml': workload('api', { app: 'api' }, 'shop'),
      'other/jobs.yaml': workload('jobs', { app: 'jobs' }, 'batch'),
    };
    assert.deepStrictEqual(ids(files, 'base/web.yaml'), []);
    assert.deepStrictEqual(ids(files, 'other/api.yaml'), []);
    assert.deepStrictEqual(ids(files, 'other/jobs.yaml'), ['k8s/no-network-policy']);
  });

  it('the file being edited counts as written now, not as the index read it', () => {
    const files = { 'web.yaml': workload('web', { app: 'web' }, 'shop'), 'deny.yaml': policy('deny-all', '{}', 'shop') };
    assert.deepStrictEqual(ids(files, 'web.yaml'), []);
    // the policy's file, edited to select only web: the index still has the old text, the analysis the new one
    const edited = { ...files, 'deny.yaml': `${policy('web-only', '{ matchLabels: { app: web } }', 'shop')}---\n${workload('api', { app: 'api' }, 'shop')}` };
    const abs = (f: string) => path.join(ROOT, f);
    const idx = new ManifestContextIndex(new Map(), () => undefined, new Map([[abs('deny.yaml'), files['deny.yaml']]]));
    const got = analyzeText(edited['deny.yaml'], { path: abs('deny.yaml'), profile: 'strict', context: (p) => idx.contextFor(p) }).findings.map((f) => f.ruleId);
    assert.ok(got.includes('k8s/pod-not-isolated'), got.join());
  });

  it('Helm templates and unknown labels or namespaces are not judged', () => {
    const helm = workload('web', { app: 'web' }, 'shop').replace('labels: {"app":"web"}\n    spec', 'labels: {{ include "labels" . | nindent 8 }}\n    spec');
    assert.deepStrictEqual(ids({ 'web.yaml': helm, 'deny.yaml': policy('p', '{ matchLabels: { app: x } }', 'shop') }, 'web.yaml'), []);
  });
});

describe('bulkhead scan: NetworkPolicies across files', function () {
  this.timeout(60_000);
  const git = (d: string, ...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: d, encoding: 'utf8' });

  it('reads the scanned tree\'s policies; --cache and --changed-since follow a changed policy', async () => {
    const d = tmpdir();
    fs.mkdirSync(path.join(d, 'apps'));
    fs.mkdirSync(path.join(d, 'policies'));
    fs.writeFileSync(path.join(d, 'apps/api.yaml'), workload('api', { app: 'api' }, 'shop'));
    fs.writeFileSync(path.join(d, 'policies/web.yaml'), policy('web', '{ matchLabels: { app: web } }', 'shop'));
    git(d, 'init', '-q');
    git(d, 'add', '.');
    git(d, 'commit', '-qm', 'init');
    const first = await run(['scan', '.', '--cache', '--format', 'json'], d);
    assert.ok(first.out.includes('k8s/pod-not-isolated'), first.out);
    // the policy now selects every pod of the namespace: the unchanged workload file is analysed again
    fs.writeFileSync(path.join(d, 'policies/web.yaml'), policy('deny-all', '{}', 'shop'));
    const second = await run(['scan', '.', '--cache', '--format', 'json'], d);
    assert.ok(!second.out.includes('k8s/pod-not-isolated'), second.out);
    const changed = await run(['scan', '.', '--changed-since', 'HEAD', '--format', 'json'], d);
    assert.ok(changed.out.includes('apps/api.yaml'), `the workload is re-analysed when only the policy changed: ${changed.out}`);
    // deleting the policy counts too
    git(d, 'commit', '-qam', 'deny all');
    fs.rmSync(path.join(d, 'policies/web.yaml'));
    const deleted = await run(['scan', '.', '--changed-since', 'HEAD', '--format', 'json', '--profile', 'strict'], d);
    assert.ok(deleted.out.includes('k8s/no-network-policy'), deleted.out);
  });
});

describe('NetworkPolicy that selects nothing', () => {
  const abs = (f: string) => path.join(ROOT, f);
  const run1 = (files: Record<string, string>, file: string) => {
    const all = new Map(Object.entries(files).map(([f, t]) => [abs(f), t]));
    const policies = new Map([...all].filter(([, t]) => t.includes('NetworkPolicy')));
    const idx = new ManifestContextIndex(new Map(), () => undefined, policies, () => all);
    return analyzeText(files[file], { path: abs(file), profile: 'strict', context: (p) => idx.contextFor(p) })
      .findings.filter((f) => f.ruleId === 'k8s/network-policy-selects-nothing')
      .map((f) => f.message);
  };

  it('a workload in another file that the selector matches counts; one that it does not, does not', () => {
    const pol = policy('api', '{ matchLabels: { app: api } }', 'shop');
    assert.deepStrictEqual(run1({ 'pol.yaml': pol, 'api.yaml': workload('api', { app: 'api' }, 'shop') }, 'pol.yaml'), []);
    const got = run1({ 'pol.yaml': pol, 'web.yaml': workload('web', { app: 'web' }, 'shop') }, 'pol.yaml');
    assert.strictEqual(got.length, 1);
    assert.match(got[0], /selects none of the 1 workload of namespace shop/);
  });

  it('a namespace with no workload in the tree, or a workload with unknown labels, is not judged', () => {
    const pol = policy('api', '{ matchLabels: { app: api } }', 'shop');
    assert.deepStrictEqual(run1({ 'pol.yaml': pol, 'web.yaml': workload('web', { app: 'web' }, 'billing') }, 'pol.yaml'), []);
    const helm = workload('web', { app: 'web' }, 'shop').replace('labels: {"app":"web"}\n    spec', 'labels: {{ include "labels" . | nindent 8 }}\n    spec');
    assert.deepStrictEqual(run1({ 'pol.yaml': pol, 'web.yaml': workload('web', { app: 'web' }, 'shop'), 'chart/templates/x.yaml': helm }, 'pol.yaml'), []);
  });
});
