import * as assert from 'assert';
import fc from 'fast-check';
import { applyEdits, Finding } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';

const PATH = 'deploy.yaml';
const run = (text: string): Finding[] => analyzeText(text, { path: PATH }).findings.filter((f) => !f.suppressed);
const ids = (text: string, prefix = 'k8s/') => run(text).filter((f) => f.ruleId.startsWith(prefix)).map((f) => f.ruleId);

const HARDENED = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/web
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
`;

describe('k8s: hardened manifest', () => {
  it('yields no warning or error', () => {
    const bad = run(HARDENED).filter((f) => f.severity !== 'info');
    assert.deepStrictEqual(bad.map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message}`), []);
  });
});

describe('k8s: pod- and container-level securityContext', () => {
  const pod = (podSc: string, sc: string) => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
${podSc ? `  securityContext: {${podSc}}\n` : ''}  containers:
    - name: app
      image: nginx:1.25
${sc ? `      securityContext: {${sc}}\n` : ''}`;
  const cases: [string, string, boolean][] = [
    ['', '', true],
    ['runAsNonRoot: true', '', false],
    ['runAsNonRoot: true', 'runAsUser: 0', true],
    ['runAsNonRoot: true', 'runAsNonRoot: false', true],
    ['runAsUser: 0', 'runAsUser: 1000', false],
    ['runAsUser: 1000', '', false],
    ['runAsUser: 0', '', true],
    ['runAsNonRoot: false', 'runAsNonRoot: true', false],
    ['', 'runAsNonRoot: true', false],
  ];
  for (const [p, c, root] of cases) {
    it(`pod {${p}} container {${c}} → ${root ? 'may run as root' : 'non-root'}`, () => {
      assert.strictEqual(ids(pod(p, c)).includes('k8s/run-as-root'), root);
    });
  }
});

describe('k8s: "Add a hardened securityContext"', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
spec:
  containers:
    - name: app   # main
      image: nginx:1.25
      securityContext:
        # keep me
        runAsUser: 1000
        capabilities:
          add: [NET_BIND_SERVICE]
    - name: bare
      image: nginx:1.25
`;
  it('is offered on the privilege-escalation and run-as-root findings and removes the hardening findings', () => {
    const fs = run(text).filter((f) => f.ruleId === 'k8s/allow-privilege-escalation' || f.ruleId === 'k8s/run-as-root');
    assert.ok(fs.length >= 2);
    for (const f of fs.filter((x) => x.ruleId === 'k8s/allow-privilege-escalation')) assert.ok(f.fixes.some((x) => x.title === 'Add a hardened securityContext'));
    let out = text;
    for (let i = 0; i < 3; i++) {
      const f = run(out).find((x) => x.fixes.some((y) => y.title === 'Add a hardened securityContext'));
      if (!f) break;
      out = applyEdits(out, f.fixes.find((y) => y.title === 'Add a hardened securityContext')!.edits);
    }
    assert.ok(out.includes('# keep me') && out.includes('# main'), out);
    const left = ids(out).filter((id) => /allow-privilege-escalation|run-as-root|writable-root|capabilities-not-dropped|seccomp/.test(id));
    assert.deepStrictEqual(left, [], out);
    assert.ok(!run(out).some((f) => f.ruleId === 'bulkhead/not-analysed'), out);
  });
});

describe('k8s: moveEnvToSecret', () => {
  it('replaces the value pair in place and selects the Secret name', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: api
      image: nginx:1.25
      env:
        - name: DB_PASSWORD
          value: "hunter2-Secret!"
          # trailing comment
`;
    const f = run(text).find((x) => x.ruleId === 'k8s/secret-in-env')!;
    const fix = f.fixes[0];
    const out = applyEdits(text, fix.edits);
    assert.ok(out.includes('valueFrom:\n            secretKeyRef:\n              name: api-secrets\n              key: db-password\n          # trailing comment'), out);
    assert.strictEqual(out.slice(fix.placeholders![0].start, fix.placeholders![0].end), 'api-secrets');
  });
});

const FRAGMENTS = [
  'apiVersion: v1\n', 'kind: Pod\n', 'kind: Deployment\n', 'kind: List\nitems:\n  - kind: Pod\n', 'metadata:\n  name: x\n', 'spec:\n', '  containers:\n',
  '    - name: a\n', '      image: nginx\n', '      securityContext:\n', '        privileged: true\n', '        runAsUser: 0\n', '        capabilities:\n          add: [SYS_ADMIN]\n',
  '      env:\n        - name: AWS_SECRET_ACCESS_KEY\n          value: x\n', '  hostNetwork: true\n', '  volumes:\n    - hostPath: {path: /}\n', '---\n', '{{ .Values.x }}\n', '  template:\n    spec:\n',
  'rules:\n  - verbs: ["*"]\n', 'subjects: [{kind: User, name: system:anonymous}]\n', '\t', '- ', ': ', '{', '[', '"', "'", '&a ', '*a\n', '!Ref ', '# c\n',
];

describe('k8s: properties', () => {
  it('random and mutated manifests never throw and their safe/unsafe fixes re-parse', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }), fc.string({ maxLength: 20 }), fc.nat(), (parts, noise, at) => {
        let text = parts.join('');
        const i = text.length ? at % text.length : 0;
        text = text.slice(0, i) + noise + text.slice(i);
        const findings = analyzeText(text, { path: PATH }).findings;
        const wasBroken = findings.some((f) => f.ruleId === 'bulkhead/not-analysed' && /syntax/.test(f.message));
        for (const f of findings)
          for (const fix of f.fixes) {
            const out = applyEdits(text, fix.edits);
            const after = analyzeText(out, { path: PATH }).findings;
            if (!wasBroken) assert.ok(!after.some((x) => x.ruleId === 'bulkhead/not-analysed' && /syntax/.test(x.message)), `${f.ruleId} "${fix.title}" broke:\n${text}\n---\n${out}`);
          }
      }),
      { numRuns: 300 },
    );
  });
});
