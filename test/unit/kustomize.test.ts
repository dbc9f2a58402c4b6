/**
 * Manifests analysed as their kustomizations and skaffold configs deploy
 * them: images rewritten, namespaces set, patches applied (what a patch may
 * change is unknown), patch files read as partial objects.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/rules/engine';
import { ManifestContextIndex } from '../../src/formats/kustomize/context';
import { run, tmpdir } from './cli-helpers';

const ROOT = '/repo';

/** An index over in-memory files (absolute paths under /repo). */
function index(files: Record<string, string>): { ids: (file: string, profile?: 'strict' | 'recommended') => string[]; messages: (file: string) => string[]; idx: ManifestContextIndex } {
  const abs = (f: string) => path.join(ROOT, f);
  const all = new Map(Object.entries(files).map(([f, t]) => [abs(f), t]));
  const contextFiles = new Map([...all].filter(([f]) => /(kustomization\.ya?ml|Kustomization|skaffold\.ya?ml)$/.test(f)));
  const idx = new ManifestContextIndex(contextFiles, (f) => all.get(f));
  const findings = (file: string, profile: 'strict' | 'recommended' = 'strict') =>
    analyzeText(files[file], { path: abs(file), profile, context: (p) => idx.contextFor(p) }).findings.filter((f) => !f.suppressed);
  return {
    ids: (file, profile) => [...new Set(findings(file, profile).map((f) => f.ruleId))].sort(),
    messages: (file) => findings(file).map((f) => `${f.ruleId}: ${f.message}`),
    idx,
  };
}

const deployment = (image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: ${image}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
${extra}`;

describe('kustomize and skaffold context', () => {
  it('an overlay\'s images: entry sets the tag that the base leaves out', () => {
    const t = index({
      'base/deploy.yaml': deployment('web'),
      'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
      'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nimages:\n  - name: web\n    newName: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web\n    newTag: "1.4.2"\n',
    });
    assert.ok(!t.ids('base/deploy.yaml').includes('k8s/image-tag-latest'));
    assert.ok(t.messages('base/deploy.yaml').some((m) => m.includes('123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2')), 'the image as deployed');
    // without the tree around it, the same file is reported
    assert.ok(analyzeText(deployment('web'), { path: '/elsewhere/deploy.yaml' }).findings.some((f) => f.ruleId === 'k8s/image-tag-latest'));
  });

  it('a kustomization that sets newTag: latest, or a digest', () => {
    const latest = index({ 'deploy.yaml': deployment('web:1.0'), 'kustomization.yaml': 'resources: [deploy.yaml]\nimages:\n  - name: web\n    newTag: latest\n' });
    assert.ok(latest.messages('deploy.yaml').some((m) => m.startsWith('k8s/image-tag-latest') && m.includes('web:latest')));
    const digest = index({ 'deploy.yaml': deployment('web:latest'), 'kustomization.yaml': `resources: [deploy.yaml]\nimages:\n  - name: web\n    digest: sha256:${'a'.repeat(64)}\n` });
    assert.deepStrictEqual(digest.ids('deploy.yaml').filter((i) => i.startsWith('k8s/image')), []);
  });

  it('overlays that disagree leave the image unknown; overlays that agree give it', () => {
    const files = (a: string, b: string) => ({
      'base/deploy.yaml': deployment('web'),
      'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
      'overlays/a/kustomization.yaml': `resources: [../../base]\nimages:\n  - name: web\n    newTag: "${a}"\n`,
      'overlays/b/kustomization.yaml': `resources: [../../base]\nimages:\n  - name: web\n    newTag: "${b}"\n`,
    });
    assert.ok(!index(files('1.0', 'latest')).ids('base/deploy.yaml').includes('k8s/image-tag-latest'));
    assert.ok(index(files('latest', 'latest')).ids('base/deploy.yaml').includes('k8s/image-tag-latest'));
  });

  it('skaffold builds and tags its artifacts: their tag is not known, other images are', () => {
    const t = index({
      'k8s/deploy.yaml': deployment('web', '        - name: cache\n          image: redis\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]\n'),
      'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: web\n      context: src/web\nmanifests:\n  rawYaml:\n    - ./k8s/*.yaml\n',
    });
    const latest = t.messages('k8s/deploy.yaml').filter((m) => m.startsWith('k8s/image-tag-latest'));
    assert.strictEqual(latest.length, 1);
    assert.match(latest[0], /redis/);
  });

  it('skaffold deploying a kustomization, and a kustomization listing the file', () => {
    const t = index({
      'manifests/deploy.yaml': deployment('web'),
      'manifests/kustomization.yaml': 'resources:\n - deploy.yaml\n',
      'skaffold.yaml': 'apiVersion: skaffold/v3\nkind: Config\nbuild:\n  artifacts:\n  - image: web\nmanifests:\n  kustomize:\n    paths:\n    - manifests\n',
    });
    assert.ok(!t.ids('manifests/deploy.yaml').includes('k8s/image-tag-latest'));
  });

  it('namespace: from the kustomization', () => {
    const plain = deployment('web:1.0');
    assert.ok(index({ 'deploy.yaml': plain }).ids('deploy.yaml').includes('k8s/default-namespace'));
    assert.ok(!index({ 'deploy.yaml': plain, 'kustomization.yaml': 'namespace: shop\nresources: [deploy.yaml]\n' }).ids('deploy.yaml').includes('k8s/default-namespace'));
    const d = index({ 'deploy.yaml': plain, 'kustomization.yaml': 'namespace: default\nresources: [deploy.yaml]\n' });
    assert.ok(d.messages('deploy.yaml').some((m) => m === 'k8s/default-namespace: Deployment web is in the default namespace (set by kustomization.yaml).'));
    // two overlays, one with a namespace and one without: not known
    const two = index({
      'base/deploy.yaml': plain,
      'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'a/kustomization.yaml': 'resources: [../base]\nnamespace: shop\n',
      'b/kustomization.yaml': 'resources: [../base]\n',
    });
    assert.ok(!two.ids('base/deploy.yaml').includes('k8s/default-namespace'));
  });

  it('a strategic merge patch that changes a setting: the base value is not reported; the patch file is a partial object', () => {
    const base = deployment('web:1.0').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true\n            privileged: true');
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: false\n';
    assert.ok(index({ 'base/deploy.yaml': base }).ids('base/deploy.yaml').includes('k8s/privileged-container'));
    const t = index({
      'base/deploy.yaml': base,
      'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: patch.yaml\n',
      'prod/patch.yaml': patch,
    });
    assert.ok(!t.ids('base/deploy.yaml').includes('k8s/privileged-container'));
    // the patch sets no user, no capabilities, no resources: not missing, they are the base's
    assert.deepStrictEqual(t.ids('prod/patch.yaml'), []);
    // what a patch sets is still checked
    const bad = index({ 'prod/kustomization.yaml': 'patches:\n  - path: patch.yaml\n', 'prod/patch.yaml': patch.replace('privileged: false', 'privileged: true') });
    assert.deepStrictEqual(bad.ids('prod/patch.yaml'), ['k8s/privileged-container']);
  });

  it('a patch for another resource or container changes nothing here', () => {
    const base = deployment('web:1.0').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true\n            privileged: true');
    const t = index({
      'deploy.yaml': base,
      'kustomization.yaml':
        'resources: [deploy.yaml]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: api\n      spec:\n        template:\n          spec:\n            containers:\n              - name: web\n                securityContext:\n                  privileged: false\n' +
        '  - target:\n      kind: Deployment\n      name: web\n    patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: ignored\n      spec:\n        template:\n          spec:\n            containers:\n              - name: sidecar\n                image: envoy:1.30\n',
    });
    assert.ok(t.ids('deploy.yaml').includes('k8s/privileged-container'));
  });

  it('a JSON 6902 patch on the resource makes its security settings unknown, and only its', () => {
    const base = deployment('web:1.0').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true\n            privileged: true');
    const two = `${base}---\n${base.replace('name: web\nspec', 'name: api\nspec')}`;
    const t = index({
      'deploy.yaml': two,
      'kustomization.yaml': 'resources: [deploy.yaml]\npatches:\n  - target:\n      kind: Deployment\n      name: web\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/containers/0/securityContext/privileged\n        value: false\n',
    });
    const priv = analyzeText(two, { path: '/repo/deploy.yaml', context: (p) => t.idx.contextFor(p) }).findings.filter((f) => f.ruleId === 'k8s/privileged-container');
    assert.strictEqual(priv.length, 1);
    assert.ok(priv[0].range.start.line > base.split('\n').length, 'the finding is on the second Deployment, which no patch targets');
  });

  it('remote resources, cycles and unreadable files give no context and no hang', () => {
    const t = index({
      'a/deploy.yaml': deployment('web'),
      'a/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - ../b\n  - https://github.com/org/repo//base?ref=v1\n  - github.com/org/repo/base\n',
      'b/kustomization.yaml': 'resources:\n  - ../a\n',
      'c/kustomization.yaml': 'resources: [: bad\n',
    });
    // a and b use each other (kustomize rejects it): no images are set, the file is analysed as written
    assert.ok(t.ids('a/deploy.yaml').includes('k8s/image-tag-latest'));
  });

  it('a wide tree of overlays is followed in bounded time', () => {
    // 12 levels, each kustomization used by three above it: 3^12 chains without memoisation
    const files: Record<string, string> = { 'l0/deploy.yaml': deployment('web'), 'l0/kustomization.yaml': 'resources: [deploy.yaml]\n' };
    for (let l = 1; l <= 12; l++) for (const x of ['a', 'b', 'c']) files[`l${l}${x}/kustomization.yaml`] = `resources:\n${l === 1 ? '  - ../l0\n' : ['a', 'b', 'c'].map((y) => `  - ../l${l - 1}${y}\n`).join('')}images:\n  - name: web\n    newTag: "${l}"\n`;
    const t = index(files);
    assert.ok(!t.ids('l0/deploy.yaml').includes('k8s/image-tag-latest'));
  });

  it('components: their images apply to the kustomization that lists them', () => {
    const t = index({
      'base/deploy.yaml': deployment('web'),
      'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'prod/kustomization.yaml': 'resources: [../base]\ncomponents: [../tag]\n',
      'tag/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n  - name: web\n    newTag: v2.0.0\n',
    });
    assert.ok(!t.ids('base/deploy.yaml').includes('k8s/image-tag-latest'));
  });

  it('dependents: the files a kustomization deploys, through its bases', () => {
    const t = index({
      'base/deploy.yaml': deployment('web'),
      'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: p.yaml\n',
      'prod/p.yaml': 'kind: Deployment\n',
    });
    assert.deepStrictEqual(t.idx.dependents('/repo/prod/kustomization.yaml').sort(), ['/repo/base/deploy.yaml', '/repo/prod/p.yaml']);
  });
});

describe('bulkhead scan: kustomize context', function () {
  this.timeout(30_000);
  const tree = () => {
    const d = tmpdir();
    fs.mkdirSync(path.join(d, 'base'));
    fs.mkdirSync(path.join(d, 'prod'));
    fs.writeFileSync(path.join(d, 'base/deploy.yaml'), deployment('web'));
    fs.writeFileSync(path.join(d, 'base/kustomization.yaml'), 'resources: [deploy.yaml]\n');
    fs.writeFileSync(path.join(d, 'prod/kustomization.yaml'), 'resources: [../base]\nimages:\n  - name: web\n    newTag: "2.0"\n');
    return d;
  };

  it('scanning the base alone still reads the overlay elsewhere in the tree', async () => {
    const d = tree();
    fs.mkdirSync(path.join(d, '.git'));
    const r = await run(['scan', 'base/deploy.yaml', '--format', 'json'], d);
    assert.ok(!r.out.includes('image-tag-latest'), r.out);
  });

  it('--cache: a changed kustomization changes the findings of the files it deploys', async () => {
    const d = tree();
    const first = await run(['scan', '.', '--cache', '--format', 'json'], d);
    assert.ok(!first.out.includes('image-tag-latest'));
    fs.writeFileSync(path.join(d, 'prod/kustomization.yaml'), 'resources: [../base]\nimages:\n  - name: web\n    newTag: latest\n');
    const second = await run(['scan', '.', '--cache', '--format', 'json'], d);
    assert.ok(second.out.includes('image-tag-latest'), second.out);
  });
});
