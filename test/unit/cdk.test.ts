import * as assert from 'assert';
import fc from 'fast-check';
import { applyEdits } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';
import type { CdkModel } from '../../src/formats/cdk/parse';

const HARDENED = `import * as cdk from 'aws-cdk-lib';
import { aws_ec2 as ec2, aws_ecs as ecs, aws_ecr as ecr, aws_eks as eks, aws_kms as kms, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class Hardened extends cdk.Stack {
  constructor(scope: Construct, id: string, vpc: ec2.IVpc, secret: ecs.Secret) {
    super(scope, id);
    const repo = new ecr.Repository(this, 'Repo', {
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
    });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const td = new ecs.FargateTaskDefinition(this, 'Task');
    const lp = new ecs.LinuxParameters(this, 'Lp');
    lp.dropCapabilities(ecs.Capability.ALL);
    td.addContainer('web', {
      image: ecs.ContainerImage.fromEcrRepository(repo, '1.4.2'),
      user: '1000:1000',
      readonlyRootFilesystem: true,
      linuxParameters: lp,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web' }),
      environment: { STAGE: 'prod' },
      secrets: { DB_PASSWORD: secret },
    });
    td.addToTaskRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::assets/*'] }));
    new ecs.FargateService(this, 'Svc', { cluster, taskDefinition: td, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
    new eks.Cluster(this, 'Eks', {
      version: eks.KubernetesVersion.V1_31,
      endpointAccess: eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: new kms.Key(this, 'EksKey', { enableKeyRotation: true }),
      clusterLogging: [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR, eks.ClusterLoggingTypes.CONTROLLER_MANAGER, eks.ClusterLoggingTypes.SCHEDULER],
    });
  }
}
`;

function run(text: string, path = 'lib/stack.ts') {
  return analyzeText(text, { path });
}

describe('cdk', () => {
  it('a hardened stack yields no warning or error', () => {
    const r = run(HARDENED);
    assert.strictEqual(r.kind, 'cdk');
    const bad = r.findings.filter((f) => f.severity !== 'info' && !f.suppressed).map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message}`);
    assert.deepStrictEqual(bad, []);
  });

  it('resolves renamed, root-namespace and aws_* imports', () => {
    const text = `import * as cdk from 'aws-cdk-lib';
import { Repository as Repo } from 'aws-cdk-lib/aws-ecr';
export function f(s: cdk.Stack) {
  new Repo(s, 'A');
  new cdk.aws_ecr.Repository(s, 'B');
}
`;
    const ids = run(text).findings.filter((f) => f.ruleId === 'cdk/ecr-scan-on-push').map((f) => f.range.start.line + 1);
    assert.deepStrictEqual(ids, [4, 5]);
  });

  it('does not flag what it cannot see (spread props, identifiers from elsewhere)', () => {
    const text = `import * as ecr from 'aws-cdk-lib/aws-ecr';
import { base } from './base';
export function f(s: any, p: any) {
  new ecr.Repository(s, 'A', { ...base });
  new ecr.Repository(s, 'B', p);
}
`;
    assert.deepStrictEqual(run(text).findings.filter((f) => f.ruleId.startsWith('cdk/ecr')), []);
  });

  it('reads props bound to a const object literal', () => {
    const text = `import * as ecs from 'aws-cdk-lib/aws-ecs';
const props = { image: ecs.ContainerImage.fromRegistry('nginx:1.27.0'), privileged: true };
export function f(td: ecs.TaskDefinition) {
  td.addContainer('web', props);
}
`;
    const f = run(text).findings.filter((x) => x.ruleId === 'cdk/privileged-container');
    assert.strictEqual(f.length, 1);
    assert.strictEqual(f[0].range.start.line, 1);
  });

  it('exposes image references on the model', () => {
    const text = `import * as ecs from 'aws-cdk-lib/aws-ecs';
export function f(td: ecs.TaskDefinition, repo: any) {
  td.addContainer('a', { image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2') });
  td.addContainer('b', { image: ecs.ContainerImage.fromEcrRepository(repo, 'v3') });
}
`;
    const m = run(text).model as CdkModel;
    assert.deepStrictEqual(
      m.imageRefs.map((r) => [r.kind, r.image ?? r.tag]),
      [
        ['registry', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2'],
        ['ecr', 'v3'],
      ],
    );
  });

  it('adds an import once, in the aws_* named style of the file', () => {
    const text = `import { aws_ecs as ecs, Stack } from 'aws-cdk-lib';
export function f(s: Stack) {
  new ecs.CfnTaskDefinition(s, 'T', { containerDefinitions: [] });
}
`;
    const f = run(text).findings.find((x) => x.ruleId === 'cdk/cfn-task-definition-no-task-role')!;
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.startsWith(`import { aws_ecs as ecs, Stack, aws_iam as iam } from 'aws-cdk-lib';`), fixed);
    assert.strictEqual(fixed.match(/aws_iam/g)!.length, 1);
    assert.ok(!run(fixed).findings.some((x) => x.ruleId === 'cdk/cfn-task-definition-no-task-role' || x.ruleId === 'bulkhead/not-analysed'));
  });

  it('keeps double quotes and semicolon-less style when adding an import', () => {
    const text = `import * as eks from "aws-cdk-lib/aws-eks"
export function f(s: any) {
  new eks.Cluster(s, "C", { version: eks.KubernetesVersion.V1_31, endpointAccess: eks.EndpointAccess.PRIVATE, clusterLogging: [] })
}
`;
    const f = run(text).findings.find((x) => x.ruleId === 'cdk/eks-secrets-encryption')!;
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.includes(`import * as kms from "aws-cdk-lib/aws-kms"\n`), fixed);
    assert.ok(fixed.includes(`new kms.Key(this, "CSecretsKey", { enableKeyRotation: true })`), fixed);
  });

  it('random and mutated TypeScript never throws and terminates', () => {
    const pieces = ['new ecs.Cluster(this, "C", {', '})', '...x,', 'privileged: true,', 'td.addContainer("a", {', 'image: ecs.ContainerImage.fromRegistry("x")', '(', ')', '{', '}', ',', 'const p = {', 'environment: { A: "b" }', '\n', '//', '`', "'"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.integer({ min: 0, max: HARDENED.length }), fc.string({ maxLength: 20 }), (parts, at, junk) => {
        const a = `import * as ecs from 'aws-cdk-lib/aws-ecs';\n${parts.join(' ')}`;
        const b = HARDENED.slice(0, at) + junk + HARDENED.slice(at);
        for (const t of [a, b]) {
          const r = run(t);
          for (const f of r.findings) {
            assert.ok(f.span.start >= 0 && f.span.end <= t.length);
            for (const x of f.fixes) applyEdits(t, x.edits);
          }
        }
      }),
      { numRuns: 100 },
    );
  }).timeout(30000);
});
