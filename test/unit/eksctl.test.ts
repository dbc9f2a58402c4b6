import * as assert from 'assert';
import { applyEdits, LineIndex, Span } from '../../src/core';
import { classify } from '../../src/formats/classify';
import { parseEksctl } from '../../src/formats/eksctl/parse';
import type { Field } from '../../src/model/container';
import type { EksClusterSpec, NodegroupSpec } from '../../src/model/cluster';
import { analyzeText } from '../../src/rules/engine';

const MINIMAL = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: shop
  region: eu-west-1
managedNodeGroups:
  - name: workers
    instanceType: m5.large
`;

const FULL = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig

metadata:
  name: shop
  region: eu-west-1

vpc:
  clusterEndpoints:
    publicAccess: true
    privateAccess: false
  publicAccessCIDRs: ["0.0.0.0/0", "198.51.100.0/24"]

secretsEncryption:
  keyARN: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab

cloudWatch:
  clusterLogging:
    enableTypes: ["*"]

accessConfig:
  authenticationMode: API

managedNodeGroups:
  - name: workers
    ssh:
      allow: true
      publicKeyName: ops-key
nodeGroups:
  - name: legacy
    privateNetworking: true
    ssh:
      publicKeyPath: ~/.ssh/ops.pub
      sourceSecurityGroupIds: [sg-0a1b2c3d4e5f60718]
`;

function read(text: string, path = 'cluster.yaml'): { cluster: EksClusterSpec; nodegroups: NodegroupSpec[]; text: string } {
  const m = parseEksctl(text, new LineIndex(text), path);
  const clusters = m.views?.eksClusters ?? [];
  assert.strictEqual(clusters.length, 1, 'one cluster per ClusterConfig');
  return { cluster: clusters[0], nodegroups: m.views?.nodegroups ?? [], text };
}

const at = (text: string, s: Span) => text.slice(s.start, s.end);

function field<T>(s: unknown): Field<T> {
  assert.ok(s && typeof s === 'object' && !Array.isArray(s), `expected a field, got ${JSON.stringify(s)}`);
  return s as Field<T>;
}

describe('eksctl ClusterConfig', () => {
  describe('classification', () => {
    it('an eksctl ClusterConfig (YAML or JSON) is eksctl, not a Kubernetes manifest', () => {
      assert.strictEqual(classify('cluster.yaml', MINIMAL), 'eksctl');
      assert.strictEqual(classify('cluster.yml', `# created by hand\n---\n${MINIMAL}`), 'eksctl');
      assert.strictEqual(classify('cluster.json', '{"apiVersion": "eksctl.io/v1alpha5", "kind": "ClusterConfig", "metadata": {"name": "shop"}}'), 'eksctl');
      assert.strictEqual(classify('cluster.yaml', "apiVersion: 'eksctl.io/v1alpha5'\nkind: \"ClusterConfig\"\n"), 'eksctl');
    });

    it('Kubernetes manifests stay Kubernetes (kubeadm ClusterConfiguration, an embedded eksctl file in a ConfigMap)', () => {
      assert.strictEqual(classify('deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'), 'k8s');
      assert.strictEqual(classify('kubeadm.yaml', 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n'), 'k8s');
      const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: eksctl-config\ndata:\n  cluster.yaml: |\n    apiVersion: eksctl.io/v1alpha5\n    kind: ClusterConfig\n`;
      assert.strictEqual(classify('cm.yaml', configMap), 'k8s');
      assert.strictEqual(classify('other.yaml', 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfigTemplate\n'), 'k8s');
    });

    it('an eksctl file gets no Kubernetes findings and runs the eks rules', () => {
      const r = analyzeText(FULL, { path: 'cluster.yaml' });
      assert.strictEqual(r.kind, 'eksctl');
      assert.strictEqual(r.commentStyle, 'hash');
      assert.deepStrictEqual(r.findings.filter((f) => !f.ruleId.startsWith('eks/')).map((f) => f.ruleId), []);
      assert.ok(r.findings.some((f) => f.ruleId === 'eks/nodegroup-ssh-open'), 'the node group SSH finding');
      assert.strictEqual(analyzeText(MINIMAL, { path: 'cluster.json' }).commentStyle, 'none');
    });
  });

  describe('reader', () => {
    it('reads every setting with the range of its value', () => {
      const { cluster: c, nodegroups, text } = read(FULL);
      assert.strictEqual(c.target, 'eks');
      assert.strictEqual(c.format, 'eksctl');
      assert.strictEqual(c.label, 'EKS cluster shop');
      assert.strictEqual(at(text, c.anchor), 'shop');
      const pub = field<boolean>(c.publicAccess);
      assert.deepStrictEqual([pub.known, pub.value, at(text, pub.span), at(text, pub.keySpan)], [true, true, 'true', 'publicAccess']);
      const priv = field<boolean>(c.privateAccess);
      assert.deepStrictEqual([priv.value, at(text, priv.span)], [false, 'false']);
      assert.ok(Array.isArray(c.publicAccessCidrs));
      assert.deepStrictEqual(
        (c.publicAccessCidrs as Field<string>[]).map((f) => [f.value, at(text, f.span)]),
        [
          ['0.0.0.0/0', '"0.0.0.0/0"'],
          ['198.51.100.0/24', '"198.51.100.0/24"'],
        ],
      );
      const key = field<string>(c.secretsEncryption);
      assert.strictEqual(at(text, key.span), 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      assert.strictEqual(at(text, key.keySpan), 'keyARN');
      // "*" stands for all five types, each ranged on the "*"
      assert.ok(Array.isArray(c.logTypes));
      assert.deepStrictEqual((c.logTypes as Field<string>[]).map((f) => f.value), ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
      assert.ok((c.logTypes as Field<string>[]).every((f) => at(text, f.span) === '"*"'));
      assert.strictEqual(at(text, c.loggingAnchor!), 'enableTypes');
      assert.strictEqual(at(text, field<string>(c.authenticationMode).span), 'API');

      assert.deepStrictEqual(
        nodegroups.map((n) => [n.label, at(text, n.anchor)]),
        [
          ['managed node group workers of EKS cluster shop', 'workers'],
          ['node group legacy of EKS cluster shop', 'legacy'],
        ],
      );
      const [workers, legacy] = nodegroups;
      assert.strictEqual(at(text, workers.remoteAccess!.span), 'publicKeyName');
      assert.strictEqual(workers.remoteAccess!.sourceSecurityGroups, 'missing');
      assert.strictEqual(workers.remoteAccess!.vpcOnly, false);
      assert.strictEqual(legacy.remoteAccess!.vpcOnly, true);
      assert.deepStrictEqual((legacy.remoteAccess!.sourceSecurityGroups as Field<string>[]).map((f) => at(text, f.span)), ['sg-0a1b2c3d4e5f60718']);
    });

    it("what the file leaves out is 'missing' (eksctl's defaults apply), SSH is off without a key or allow: true", () => {
      const { cluster: c, nodegroups } = read(MINIMAL);
      assert.deepStrictEqual(
        [c.publicAccess, c.privateAccess, c.publicAccessCidrs, c.secretsEncryption, c.logTypes, c.authenticationMode, c.loggingAnchor],
        ['missing', 'missing', 'missing', 'missing', 'missing', 'missing', undefined],
      );
      assert.strictEqual(nodegroups.length, 1);
      assert.strictEqual(nodegroups[0].remoteAccess, undefined);
      const off = read(MINIMAL + '    ssh:\n      allow: false\n      publicKeyName: ops-key\n');
      assert.strictEqual(off.nodegroups[0].remoteAccess, undefined, 'allow: false turns a key off');
      const emptyCidrs = read(MINIMAL + 'vpc:\n  publicAccessCIDRs: []\n');
      assert.strictEqual(emptyCidrs.cluster.publicAccessCidrs, 'missing', 'eksctl leaves an empty CIDR list out: no limit');
      const defaultKey = read(MINIMAL + '    ssh:\n      allow: true\n');
      assert.strictEqual(at(defaultKey.text, defaultKey.nodegroups[0].remoteAccess!.span), 'allow');
    });

    it('a fully-private cluster has no public endpoint', () => {
      const { cluster: c, text } = read(MINIMAL + 'privateCluster:\n  enabled: true\n');
      const pub = field<boolean>(c.publicAccess);
      assert.deepStrictEqual([pub.known, pub.value, at(text, pub.span)], [true, false, 'true']);
      assert.strictEqual(field<boolean>(c.privateAccess).value, true);
    });

    it('templated values are unknown, never a default or a value', () => {
      const t = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: \${CLUSTER_NAME}
vpc:
  clusterEndpoints:
    publicAccess: \${PUBLIC_ENDPOINT}
  publicAccessCIDRs: ["\${OFFICE_CIDR}", "0.0.0.0/0"]
cloudWatch:
  clusterLogging:
    enableTypes: ["api", "$EXTRA_LOG_TYPE"]
privateCluster:
  enabled: false
managedNodeGroups:
  - name: a
    privateNetworking: \${PRIVATE}
    ssh:
      publicKeyName: ops-key
  - name: b
    ssh:
      publicKeyName: ops-key
      sourceSecurityGroupIds: \${SOURCES}
`;
      const { cluster: c, nodegroups } = read(t);
      assert.strictEqual(c.label, 'the EKS cluster');
      assert.strictEqual(field(c.publicAccess).known, false);
      assert.deepStrictEqual((c.publicAccessCidrs as Field<string>[]).map((f) => f.known), [false, true]);
      assert.strictEqual(c.logTypes, 'unknown');
      assert.strictEqual(nodegroups[0].remoteAccess!.vpcOnly, 'unknown');
      assert.strictEqual(nodegroups[1].remoteAccess!.sourceSecurityGroups, 'unknown');
      assert.deepStrictEqual(analyzeText(t, { path: 'cluster.yaml' }).findings.filter((f) => f.ruleId === 'eks/nodegroup-ssh-open'), []);

      const whole = read(`apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: shop\nvpc: \${VPC_CONFIG}\nprivateCluster:\n  enabled: \${FULLY_PRIVATE}\n`);
      assert.deepStrictEqual([whole.cluster.publicAccess, whole.cluster.publicAccessCidrs], ['unknown', 'unknown']);
    });

    it('a ClusterConfig that does not parse is a note, not findings', () => {
      const t = 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: shop\n  tags: [unclosed\n';
      const r = analyzeText(t, { path: 'cluster.yaml' });
      assert.strictEqual(r.kind, 'eksctl');
      assert.deepStrictEqual(r.findings.map((f) => f.ruleId), ['bulkhead/not-analysed']);
    });
  });

  describe('writers', () => {
    it('makes the endpoint private by touching only the clusterEndpoints lines', () => {
      const { cluster: c, text } = read(FULL);
      const fix = c.writer.makeEndpointPrivate!()!;
      assert.strictEqual(fix.safety, 'unsafe');
      const out = applyEdits(text, fix.edits);
      assert.ok(out.includes('  clusterEndpoints:\n    publicAccess: false\n    privateAccess: true\n'), out);
      assert.deepStrictEqual(changedLines(text, out), [10, 11]);
      const fresh = read(MINIMAL);
      assert.strictEqual(
        applyEdits(fresh.text, fresh.cluster.writer.makeEndpointPrivate!()!.edits),
        MINIMAL + 'vpc:\n  clusterEndpoints:\n    privateAccess: true\n    publicAccess: false\n',
      );
    });

    it('limits the public CIDRs with a placeholder the user replaces', () => {
      const { cluster: c, text } = read(FULL);
      const fix = c.writer.restrictPublicAccess!()!;
      assert.strictEqual(fix.safety, 'manual');
      const out = applyEdits(text, fix.edits);
      assert.ok(out.includes('publicAccessCIDRs: ["203.0.113.0/24", "198.51.100.0/24"]'), out);
      assert.strictEqual(at(out, fix.placeholders![0]), '203.0.113.0/24');
      const fresh = read(MINIMAL);
      const f2 = fresh.cluster.writer.restrictPublicAccess!()!;
      const out2 = applyEdits(fresh.text, f2.edits);
      assert.strictEqual(out2, MINIMAL + 'vpc:\n  publicAccessCIDRs:\n    - "203.0.113.0/24"\n');
      assert.strictEqual(at(out2, f2.placeholders![0]), '203.0.113.0/24');
    });

    it('enables every log type (safe) and adds a KMS key placeholder (manual)', () => {
      const t = MINIMAL + 'cloudWatch:\n  clusterLogging:\n    enableTypes: ["api"]\n    logRetentionInDays: 30\n';
      const { cluster: c } = read(t);
      const logs = c.writer.enableAllLogs!()!;
      assert.strictEqual(logs.safety, 'safe');
      const out = applyEdits(t, logs.edits);
      assert.strictEqual(out, t.replace('enableTypes: ["api"]', 'enableTypes: ["*"]'));
      const sec = c.writer.enableSecretsEncryption!()!;
      assert.strictEqual(sec.safety, 'manual');
      const out2 = applyEdits(t, sec.edits);
      assert.strictEqual(out2, t + 'secretsEncryption:\n  keyARN: arn:aws:kms:<region>:<account>:key/<key-id>\n');
      assert.strictEqual(at(out2, sec.placeholders![0]), 'arn:aws:kms:<region>:<account>:key/<key-id>');
    });

    it('turns a block list of log types into "*" without touching the key line', () => {
      const t = MINIMAL + 'cloudWatch:\n  clusterLogging:\n    enableTypes: # billed\n      - api\n      - audit\n    logRetentionInDays: 30\n';
      const { cluster: c } = read(t);
      const out = applyEdits(t, c.writer.enableAllLogs!()!.edits);
      assert.strictEqual(out, MINIMAL + 'cloudWatch:\n  clusterLogging:\n    enableTypes: # billed\n      - "*"\n    logRetentionInDays: 30\n');
      const all = read(MINIMAL + 'cloudWatch:\n  clusterLogging:\n    enableTypes: ["all"]\n');
      assert.strictEqual(all.cluster.writer.enableAllLogs!(), undefined, 'nothing to enable');
    });

    it('writes JSON into a JSON ClusterConfig', () => {
      const t = '{\n  "apiVersion": "eksctl.io/v1alpha5",\n  "kind": "ClusterConfig",\n  "metadata": { "name": "shop" }\n}\n';
      const { cluster: c } = read(t, 'cluster.json');
      const out = applyEdits(t, c.writer.enableAllLogs!()!.edits);
      assert.deepStrictEqual(JSON.parse(out).cloudWatch, { clusterLogging: { enableTypes: ['*'] } });
    });

    it('limits a node group SSH to a source security group placeholder', () => {
      const t = MINIMAL + '    ssh:\n      publicKeyName: ops-key\n';
      const { nodegroups } = read(t);
      const fix = nodegroups[0].writer!.restrictSsh!()!;
      const out = applyEdits(t, fix.edits);
      assert.strictEqual(out, t + '      sourceSecurityGroupIds:\n        - sg-<bastion-security-group-id>\n');
      assert.strictEqual(at(out, fix.placeholders![0]), 'sg-<bastion-security-group-id>');
    });
  });
});

/** 1-based numbers of the lines that differ (the texts have the same line count). */
function changedLines(a: string, b: string): number[] {
  const x = a.split('\n');
  const y = b.split('\n');
  assert.strictEqual(x.length, y.length);
  return x.flatMap((l, i) => (l === y[i] ? [] : [i + 1]));
}
