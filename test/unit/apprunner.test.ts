import * as assert from 'assert';
import fc from 'fast-check';
import { applyEdits } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';
import { allRules } from '../../src/rules/index';

const HARDENED_YAML = `version: 1.0
runtime: python311
build:
  commands:
    build:
      - pip install -r requirements.txt
  env:
    - name: PIP_INDEX_URL
      value: https://pypi.org/simple
run:
  runtime-version: 3.11.9
  command: gunicorn app:app
  network:
    port: 8000
  env:
    - name: LOG_LEVEL
      value: info
    - name: AWS_REGION
      value: eu-west-1
  secrets:
    - name: DB_PASSWORD
      value-from: arn:aws:secretsmanager:eu-west-1:123456789012:secret:api/db-password
    - name: API_KEY
      value-from: arn:aws:ssm:eu-west-1:123456789012:parameter/api/key
`;

const HARDENED_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      ImageTagMutability: IMMUTABLE
      ImageScanningConfiguration:
        ScanOnPush: true
      EncryptionConfiguration:
        EncryptionType: KMS
        KmsKey: !GetAtt Key.Arn
      LifecyclePolicy:
        LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}'
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::123456789012:root
            Action: ecr:BatchGetImage
            Condition:
              StringEquals:
                aws:PrincipalOrgID: o-abc123
  Connector:
    Type: AWS::AppRunner::VpcConnector
    Properties:
      Subnets: [subnet-0a, subnet-0b]
      SecurityGroups: [sg-0a]
  Api:
    Type: AWS::AppRunner::Service
    Properties:
      ServiceName: orders-internal
      SourceConfiguration:
        AutoDeploymentsEnabled: true
        AuthenticationConfiguration:
          AccessRoleArn: !GetAtt AccessRole.Arn
        ImageRepository:
          ImageIdentifier: !Sub "\${Repo.RepositoryUri}:1.4.2"
          ImageRepositoryType: ECR
          ImageConfiguration:
            Port: '8080'
            RuntimeEnvironmentVariables:
              - Name: STAGE
                Value: prod
            RuntimeEnvironmentSecrets:
              - Name: DB_PASSWORD
                Value: !Ref DbSecret
      InstanceConfiguration:
        InstanceRoleArn: !GetAtt InstanceRole.Arn
      EncryptionConfiguration:
        KmsKey: !GetAtt Key.Arn
      HealthCheckConfiguration:
        Protocol: HTTP
        Path: /healthz
      NetworkConfiguration:
        IngressConfiguration:
          IsPubliclyAccessible: false
        EgressConfiguration:
          EgressType: VPC
          VpcConnectorArn: !GetAtt Connector.VpcConnectorArn
  Ingress:
    Type: AWS::AppRunner::VpcIngressConnection
    Properties:
      ServiceArn: !GetAtt Api.ServiceArn
      IngressVpcConfiguration:
        VpcId: vpc-0abc
        VpcEndpointId: vpce-0abc
`;

const HARDENED_CDK = `import * as cdk from 'aws-cdk-lib';
import { aws_ec2 as ec2, aws_ecr as ecr, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import * as apprunner from '@aws-cdk/aws-apprunner-alpha';
import { Construct } from 'constructs';

export class AppRunnerStack extends cdk.Stack {
  constructor(scope: Construct, id: string, vpc: ec2.IVpc, dbSecret: apprunner.Secret) {
    super(scope, id);
    const repository = new ecr.Repository(this, 'Repo', {
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      lifecycleRules: [{ maxImageCount: 50 }],
    });
    const instanceRole = new iam.Role(this, 'InstanceRole', { assumedBy: new iam.ServicePrincipal('tasks.apprunner.amazonaws.com') });
    const vpcConnector = new apprunner.VpcConnector(this, 'Connector', { vpc });
    new apprunner.Service(this, 'Api', {
      source: apprunner.Source.fromEcr({
        repository,
        tagOrDigest: '1.4.2',
        imageConfiguration: { port: 8080, environmentVariables: { STAGE: 'prod' }, environmentSecrets: { DB_PASSWORD: dbSecret } },
      }),
      instanceRole,
      kmsKey: new kms.Key(this, 'Key', { enableKeyRotation: true }),
      vpcConnector,
      isPubliclyAccessible: false,
      healthCheck: apprunner.HealthCheck.http({ path: '/healthz' }),
    });
  }
}
`;

function run(path: string, text: string) {
  return analyzeText(text, { path });
}

describe('App Runner and ECR repositories', () => {
  it('a hardened apprunner.yaml has no finding', () => {
    const r = run('apprunner.yaml', HARDENED_YAML);
    assert.strictEqual(r.kind, 'apprunner');
    assert.deepStrictEqual(r.findings.map((f) => `${f.ruleId} ${f.message}`), []);
  });

  it('a hardened template (ECR repository, VPC connector, private App Runner service) has no finding', () => {
    const r = run('template.yaml', HARDENED_TEMPLATE);
    assert.strictEqual(r.kind, 'cloudformation');
    assert.deepStrictEqual(r.findings.map((f) => `${f.ruleId} ${f.message}`), []);
  });

  it('a hardened CDK stack (ecr.Repository + alpha Service) has no App Runner or ECR finding, and nothing above info', () => {
    const r = run('lib/stack.ts', HARDENED_CDK);
    assert.strictEqual(r.kind, 'cdk');
    const mine = r.findings.filter((f) => /^cdk\/(apprunner|ecr)-/.test(f.ruleId) || f.severity !== 'info');
    assert.deepStrictEqual(mine.map((f) => `${f.ruleId} ${f.message}`), []);
  });

  it('the repository rules are one definition with a CloudFormation and a CDK id each', () => {
    const ids = allRules().map((r) => r.meta.id);
    for (const slug of ['scan-on-push', 'tag-mutability', 'kms-encryption', 'lifecycle-policy', 'open-policy', 'cross-account-policy']) {
      assert.ok(ids.includes(`ecr/${slug}`), `ecr/${slug}`);
      assert.ok(ids.includes(`cdk/ecr-${slug}`), `cdk/ecr-${slug}`);
    }
    const cfn = run('t.yaml', 'Resources:\n  R:\n    Type: AWS::ECR::Repository\n').findings.map((f) => f.ruleId).sort();
    assert.deepStrictEqual(cfn, ['ecr/kms-encryption', 'ecr/lifecycle-policy', 'ecr/scan-on-push', 'ecr/tag-mutability']);
    const cdk = run('s.ts', "import * as ecr from 'aws-cdk-lib/aws-ecr';\nnew ecr.Repository(this, 'R');\n").findings.map((f) => f.ruleId).sort();
    assert.deepStrictEqual(cdk, ['cdk/ecr-kms-encryption', 'cdk/ecr-lifecycle-policy', 'cdk/ecr-scan-on-push', 'cdk/ecr-tag-mutability']);
  });

  it('values Bulkhead cannot see are never reported', () => {
    const t = `Resources:
  R:
    Type: AWS::ECR::Repository
    Properties: !If [Prod, {}, {}]
  S:
    Type: AWS::AppRunner::Service
    Properties:
      SourceConfiguration: !Ref Source
      InstanceConfiguration: !Ref Instance
      EncryptionConfiguration: !Ref Enc
      HealthCheckConfiguration: !Ref Health
      NetworkConfiguration: !Ref Net
`;
    assert.deepStrictEqual(run('t.yaml', t).findings.map((f) => f.ruleId), []);
  });

  it('the instance-role finding is a warning when the service reads secrets, and its fix adds a role trusted by App Runner', () => {
    const t = `Resources:
  Api:
    Type: AWS::AppRunner::Service
    Properties:
      SourceConfiguration:
        ImageRepository:
          ImageIdentifier: public.ecr.aws/a/b:1
          ImageRepositoryType: ECR_PUBLIC
          ImageConfiguration:
            RuntimeEnvironmentSecrets:
              - Name: A
                Value: !Ref S
      EncryptionConfiguration:
        KmsKey: !Ref K
      HealthCheckConfiguration:
        Protocol: HTTP
`;
    const f = run('t.yaml', t).findings.find((x) => x.ruleId === 'apprunner/no-instance-role')!;
    assert.strictEqual(f.severity, 'warning');
    const fixed = applyEdits(t, f.fixes[0].edits);
    assert.match(fixed, /InstanceRoleArn: !GetAtt ApiInstanceRole\.Arn/);
    assert.match(fixed, /Service: tasks\.apprunner\.amazonaws\.com/);
    assert.ok(!run('t.yaml', fixed).findings.some((x) => x.ruleId === 'apprunner/no-instance-role' || x.ruleId === 'bulkhead/not-analysed'));
  });

  it('JSON templates keep their quoting when fixed', () => {
    const t = JSON.stringify({ Resources: { R: { Type: 'AWS::ECR::Repository', Properties: { ImageTagMutability: 'MUTABLE' } } } }, null, 2);
    const f = run('t.json', t).findings.find((x) => x.ruleId === 'ecr/tag-mutability')!;
    const fixed = applyEdits(t, f.fixes[0].edits);
    assert.ok(fixed.includes('"ImageTagMutability": "IMMUTABLE"'), fixed);
    JSON.parse(fixed);
  });

  it('random and mutated apprunner.yaml and templates never throw; fixes apply and keep the file analysable', () => {
    const seeds: [string, string][] = [
      ['apprunner.yaml', HARDENED_YAML],
      ['template.yaml', HARDENED_TEMPLATE],
    ];
    const pieces = ['run:', '  env:', '    - name: DB_PASSWORD', '      value: hunter2hunter2', 'secrets:', '  - ', 'Type: AWS::AppRunner::Service', 'Type: AWS::ECR::Repository', 'Properties:', '!Ref X', '{', '}', '[', ']', ':', '\n', '  ', '#', "'", '"'];
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.integer({ min: 0, max: 4000 }), fc.string({ maxLength: 20 }), (which, parts, at, junk) => {
        const [path, seed] = seeds[which];
        const pos = at % (seed.length + 1);
        for (const t of [seed.slice(0, pos) + junk + seed.slice(pos), parts.join(''), seed.slice(0, pos) + parts.join('') + seed.slice(pos)]) {
          const r = run(path, t);
          for (const f of r.findings) {
            assert.ok(f.span.start >= 0 && f.span.end <= t.length);
            for (const x of f.fixes) {
              const fixed = applyEdits(t, x.edits);
              run(path, fixed);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  }).timeout(60000);
});
