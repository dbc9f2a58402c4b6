import * as assert from 'assert';
import fc from 'fast-check';
import { applyEdits } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';
import { NOT_ANALYSED } from '../../src/rules';
import type { CdkModel } from '../../src/formats/cdk/parse';
import { CdkFile, identifiersOf, MAX_DEPTH } from '../../src/formats/cdk/ast';
import { loadTs } from '../../src/formats/cdk/ts';
import { pascalCase } from '../../src/formats/cdk/edit';

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

describe('cdk construct ids', () => {
  it('an environment variable name in PascalCase: ASCII words, each capitalised', () => {
    assert.strictEqual(pascalCase('DB_PASSWORD'), 'DbPassword');
    assert.strictEqual(pascalCase('__api-key2__x'), 'ApiKey2X');
    assert.strictEqual(pascalCase('_-'), '');
    const words = (s: string) =>
      s
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
        .join('');
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('A', 'b', 'Z', '9', '_', '-', ' ', 'é', '.') }), (s) => pascalCase(s) === words(s)));
  });
});

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
    const f = run(text).findings.find((x) => x.ruleId === 'cdk/no-task-role')!;
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.startsWith(`import { aws_ecs as ecs, Stack, aws_iam as iam } from 'aws-cdk-lib';`), fixed);
    assert.strictEqual(fixed.match(/aws_iam/g)!.length, 1);
    assert.ok(!run(fixed).findings.some((x) => x.ruleId === 'cdk/no-task-role' || x.ruleId === 'bulkhead/not-analysed'));
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

  it('fills the cluster, service, task and role views, leaving what it cannot see unknown', () => {
    const text = `import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
export function f(s: any, p: any, td: ecs.TaskDefinition) {
  new eks.Cluster(s, 'Spread', { ...p });
  new eks.CfnCluster(s, 'L1', { roleArn: 'r', resourcesVpcConfig: { subnetIds: [], endpointPublicAccess: false } });
  new ecs.Cluster(s, 'Opaque', p);
  new ecs.FargateService(s, 'Svc', { cluster: p, taskDefinition: td, assignPublicIp: p.ip });
  new ecs.CfnTaskDefinition(s, 'T', { ...p, containerDefinitions: [] });
  td.addToTaskRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
}
`;
    const m = run(text).model as CdkModel;
    const v = m.views!;
    assert.deepStrictEqual(v.eksClusters!.map((c) => [c.label, c.format, c.publicAccess === 'unknown' || c.publicAccess === 'missing' ? c.publicAccess : c.publicAccess.value, c.secretsEncryption, c.logTypes]), [
      ['Cluster "Spread"', 'cdk', 'unknown', 'unknown', 'unknown'],
      ['CfnCluster "L1"', 'cdk-l1', false, 'missing', 'missing'],
    ]);
    assert.deepStrictEqual(v.ecsClusters!.map((c) => c.containerInsights), ['unknown']);
    const ip = v.services![0].assignPublicIp;
    assert.ok(typeof ip === 'object' && !ip.known);
    assert.deepStrictEqual(v.tasks!.map((t) => [t.label, t.taskRole]), [['CfnTaskDefinition "T"', 'unknown']]);
    assert.deepStrictEqual(v.roles!.map((r) => [r.label, r.statements.map((st) => st.resources.map((x) => x.value))]), [['the task role of td', [['*']]]]);
    const ids = run(text).findings.map((x) => x.ruleId).filter((id) => /eks-|cluster-|service-|no-task-role/.test(id));
    assert.deepStrictEqual(ids, ['cdk/eks-control-plane-logging', 'cdk/eks-secrets-encryption']);
  });

  it('reports no task role for an L2 task definition (CDK always creates one) and names the Batch key as written', () => {
    const text = `import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as batch from 'aws-cdk-lib/aws-batch';
export function f(s: any) {
  new ecs.Ec2TaskDefinition(s, 'L2').addContainer('web', { image: ecs.ContainerImage.fromRegistry('nginx:1.27.0'), memoryLimitMiB: 256 });
  new batch.EcsEc2ContainerDefinition(s, 'Job', { image: ecs.ContainerImage.fromRegistry('nginx:1.27.0'), memory: 512 as any, cpu: 1 });
}
`;
    const f = run(text).findings.filter((x) => x.ruleId === 'cdk/no-task-role');
    assert.deepStrictEqual(f.map((x) => [x.range.start.line + 1, x.message.split(':')[0]]), [[5, 'EcsEc2ContainerDefinition "Job" has no job role (jobRole)']]);
  });

  it('an escape hatch (node.defaultChild) makes what the construct\'s props say unknown; a plaintext secret is still reported', () => {
    const text = `import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecr from 'aws-cdk-lib/aws-ecr';
export function f(s: any) {
  const repo = new ecr.Repository(s, 'Repo');
  const cfnRepo = repo.node.defaultChild as ecr.CfnRepository;
  cfnRepo.imageScanningConfiguration = { scanOnPush: true };
  const td = new ecs.FargateTaskDefinition(s, 'Td');
  td.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), privileged: true, environment: { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
  (td.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride('ContainerDefinitions.0.Privileged', false);
  const plain = new ecr.Repository(s, 'Plain');
  const td2 = new ecs.FargateTaskDefinition(s, 'Td2');
  td2.addContainer('app', { image: ecs.ContainerImage.fromRegistry('nginx'), privileged: true });
}
`;
    const lines = (id: string) => run(text).findings.filter((x) => x.ruleId === id).map((x) => x.range.start.line + 1);
    // only the constructs without an escape hatch
    assert.deepStrictEqual(lines('cdk/privileged-container'), [12]);
    assert.deepStrictEqual(lines('cdk/image-tag-latest'), [12]);
    assert.deepStrictEqual(lines('cdk/ecr-scan-on-push'), [10]);
    assert.deepStrictEqual(lines('cdk/aws-credentials-in-env'), [8]);
  });

  it('reads the containers of L1 CfnTaskDefinition and CfnJobDefinition in CloudFormation\'s shape', () => {
    const text = `import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as batch from 'aws-cdk-lib/aws-batch';
export function f(s: any) {
  new ecs.CfnTaskDefinition(s, 'Td', {
    taskRoleArn: 'arn:aws:iam::123456789012:role/app',
    containerDefinitions: [{
      name: 'app',
      image: 'nginx:1.25',
      user: 'root',
      linuxParameters: { capabilities: { add: ['SYS_ADMIN'] } },
      environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, { name: 'PORT', value: '8080' }],
    }, {
      name: 'hardened',
      image: 'nginx:1.25',
      user: '1000',
      readonlyRootFilesystem: true,
      linuxParameters: { capabilities: { drop: ['ALL'] } },
      logConfiguration: { logDriver: 'awslogs' },
    }],
  });
  new batch.CfnJobDefinition(s, 'Job', { type: 'container', containerProperties: { image: 'busybox:1.36', jobRoleArn: 'arn:aws:iam::123456789012:role/job', user: '1000', readonlyRootFilesystem: true } });
}
`;
    const got = run(text)
      .findings.filter((x) => x.severity !== 'info')
      .map((x) => `${x.range.start.line + 1} ${x.ruleId}`);
    assert.deepStrictEqual(got, ['7 cdk/net-raw-not-dropped', '7 cdk/no-logging', '7 cdk/writable-root-filesystem', '9 cdk/run-as-root', '10 cdk/cap-sys-admin', '11 cdk/aws-credentials-in-env', '21 cdk/net-raw-not-dropped']);
  });

  it('reads role statements once, from inline policies and roles that ECS tasks assume', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
export function f(s: any) {
  const st = new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/t'] });
  const role = new iam.Role(s, 'R', {
    assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    inlinePolicies: { p: new iam.PolicyDocument({ statements: [st] }) },
    managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(s, 'A', 'arn:aws:iam::aws:policy/IAMFullAccess')],
  });
  role.addToPolicy(st);
  const ci = new iam.Role(s, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  ci.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
}
`;
    const f = run(text).findings.filter((x) => x.ruleId.startsWith('cdk/iam-'));
    assert.deepStrictEqual(f.map((x) => [x.range.start.line + 1, x.ruleId, x.severity]), [
      [3, 'cdk/iam-wildcard-policy', 'warning'],
      [7, 'cdk/iam-admin-managed-policy', 'error'],
    ]);
  });

  it('reads a file that nests deeper than it walks down to that depth, with a note, and sets the parents below', () => {
    // a left-deep chain of 30,000 additions: the parser builds it without recursion, and so must the reader
    const chain = `    const deep = 1${' + 1'.repeat(30000)};\n`;
    const text = HARDENED.replace("    const td = new ecs.FargateTaskDefinition(this, 'Task');\n", `${chain}    const td = new ecs.FargateTaskDefinition(this, 'Task');\n`).replace('      user: \'1000:1000\',\n', '      privileged: true,\n      user: \'1000:1000\',\n');
    const r = run(text);
    assert.ok(r.findings.some((f) => f.ruleId === NOT_ANALYSED.meta.id && /nests expressions too deeply/.test(f.message)));
    const priv = r.findings.find((f) => f.ruleId === 'cdk/privileged-container');
    assert.ok(priv, 'the container after the deep expression is read');
    const fixed = applyEdits(text, priv.fixes[0].edits);
    assert.ok(fixed.includes('privileged: false,') && !fixed.includes('privileged: true'));
    const model = r.model as CdkModel;
    const sf = model.file!.sf;
    let below = 0;
    const walk = (n: import('typescript').Node, depth: number) => {
      const stack: [import('typescript').Node, number][] = [[n, depth]];
      while (stack.length) {
        const [x, d] = stack.pop()!;
        if (d > MAX_DEPTH) below++;
        x.forEachChild((c) => {
          assert.strictEqual(c.parent, x);
          stack.push([c, d + 1]);
        });
      }
    };
    walk(sf, 0);
    assert.ok(below > 20000, 'the nodes below the depth read have their parents');
  });

  it('finds where each node starts as the compiler does, whatever trivia comes before it', () => {
    const ts = loadTs();
    const trivia = [' ', '\t', '\n', '\r\n', '\v', '\f', '\u00a0', '\u2028', '\ufeff', '// c\n', '// c\u2028', '/* c */', '/** d */', '/* c', '<<<<<<< x\n', '=======\n', '>>>>>>> x\n', '#!/usr/bin/env node\n', ''];
    const code = ['new ecs.Cluster(this, "C", {', '})', 'x', '.y', '(', ')', '{', '}', ',', ';', 'const p = ', '<T>q', 'a as B', '"s"', '`t`', '1', '+', '#f', 'class K { #f = 1 }', 'import * as ecs from "aws-cdk-lib/aws-ecs";'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...trivia), fc.constantFrom(...code)), { maxLength: 30 }), fc.constantFrom(...trivia), (parts, tail) => {
        const text = parts.map(([t, c]) => t + c).join('') + tail;
        const sf = ts.createSourceFile('s.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
        const file = new CdkFile(ts, sf, text);
        const check = (n: import('typescript').Node) => {
          assert.strictEqual(file.start(n), n.getStart(sf), JSON.stringify(text));
          n.forEachChild(check);
        };
        check(sf);
      }),
      { numRuns: 500 },
    );
  });

  it('knows every identifier of the file, from the parser or by its own walk', () => {
    const model = run(HARDENED).model as CdkModel;
    const sf = model.file!.sf as unknown as { identifiers: ReadonlyMap<string, string> };
    const own = identifiersOf(loadTs(), model.file!.sf);
    // the parser's also holds the texts of string literals: more names to avoid, never fewer
    assert.ok(own.size > 20);
    for (const name of own) assert.ok(sf.identifiers.has(name), name);
    for (const name of ['repo', 'ecs', 'Hardened', 'streamPrefix']) assert.ok(model.file!.identifiers.has(name), name);
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
