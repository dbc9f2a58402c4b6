/**
 * ECS task definitions, services and Batch job definitions: the shapes the
 * parser understands, unknown values never reported, a hardened task
 * definition clean, fixes with placeholders, and property tests (random and
 * mutated task definitions and templates never throw, fixes re-parse).
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, Finding, LineIndex } from '../../src/core';
import { parseEcs, EcsModel } from '../../src/formats/ecs/parse';
import { analyzeText } from '../../src/rules/engine';

const FIX = path.resolve(__dirname, '../../../test/fixtures/ecs');
const read = (p: string) => fs.readFileSync(path.join(FIX, p), 'utf8');

function scan(name: string, text: string): Finding[] {
  return analyzeText(text, { path: name }).findings.filter((f) => !f.suppressed);
}
function ids(name: string, text: string): string[] {
  return scan(name, text).map((f) => f.ruleId);
}
function model(name: string, text: string, kind: 'ecs-json' | 'cloudformation' = 'ecs-json'): EcsModel {
  return parseEcs(kind, text, new LineIndex(text), name);
}

const HARDENED_CFN_JSON = JSON.stringify(
  {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Family: 'api',
          TaskRoleArn: { 'Fn::GetAtt': ['TaskRole', 'Arn'] },
          ExecutionRoleArn: { Ref: 'ExecRoleArn' },
          NetworkMode: 'awsvpc',
          ContainerDefinitions: [
            {
              Name: 'api',
              Image: { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/api:${Tag}' },
              User: '10001',
              ReadonlyRootFilesystem: true,
              LinuxParameters: { Capabilities: { Drop: ['ALL'] } },
              LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': '/ecs/api' } },
            },
          ],
        },
      },
    },
  },
  null,
  2,
);

describe('ECS: hardened task definitions', () => {
  for (const [name, text] of [
    ['taskdef.json', read('no-task-role/valid.json')],
    ['template.yaml', read('no-task-role/valid-cfn.yaml')],
    ['template.json', HARDENED_CFN_JSON],
  ] as const) {
    it(`${name} yields no warning or error`, () => {
      const bad = scan(name, text).filter((f) => f.severity !== 'info');
      assert.deepStrictEqual(bad.map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message}`), []);
    });
  }
});

describe('ECS: shapes', () => {
  it('reads describe-task-definition output (under taskDefinition)', () => {
    const m = model('td.json', read('no-task-role/valid-describe.json'));
    assert.strictEqual(m.taskDefs.length, 1);
    assert.strictEqual(m.taskDefs[0].family, 'web');
    assert.strictEqual(m.containers.length, 1);
    assert.strictEqual(m.containers[0].identity.verdict, 'nonroot');
  });

  it('reads Batch containerProperties and ecsProperties', () => {
    const text = JSON.stringify({
      jobDefinitionName: 'etl',
      type: 'container',
      ecsProperties: { taskProperties: [{ executionRoleArn: 'arn:aws:iam::111122223333:role/exec', containers: [{ name: 'a', image: 'x:1', privileged: true }] }] },
    });
    const m = model('job.json', text);
    assert.strictEqual(m.taskDefs.length, 1);
    assert.strictEqual(m.taskDefs[0].format, 'batch');
    assert.strictEqual(m.containers[0].privileged?.value, true);
    const found = ids('job.json', text);
    assert.ok(found.includes('ecs/privileged-container'));
    assert.ok(found.includes('ecs/no-task-role'));
    assert.ok(!found.includes('ecs/no-logging'), 'Batch logs to CloudWatch by default');
  });

  it('reads CloudFormation Batch JobDefinition (PascalCase) and root users', () => {
    const text = 'Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Image: busybox:1.36\n        User: root\n';
    const m = model('t.yaml', text, 'cloudformation');
    assert.strictEqual(m.containers[0].identity.verdict, 'root');
    assert.ok(ids('t.yaml', text).includes('ecs/run-as-root'));
  });

  it('maps networkMode/pidMode/ipcMode host to the host namespace flags', () => {
    const w = model('td.json', '{"family":"x","networkMode":"host","pidMode":"task","ipcMode":"host","containerDefinitions":[{"name":"a","image":"b:1"}]}').workloads[0];
    assert.strictEqual(w.hostNetwork?.value, true);
    assert.strictEqual(w.hostPID?.value, false);
    assert.strictEqual(w.hostIPC?.value, true);
  });

  it('reads create-service input', () => {
    const m = model('svc.json', read('public-ip/invalid.json'));
    assert.strictEqual(m.services.length, 1);
    assert.strictEqual(m.services[0].assignPublicIp?.value, 'ENABLED');
  });

  it('honours CloudFormation Metadata checkov skips through equivalents', () => {
    const text = read('efs-transit-encryption/invalid-cfn.yaml').replace(
      '    Type: AWS::ECS::TaskDefinition\n',
      '    Type: AWS::ECS::TaskDefinition\n    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_97\n            comment: on-prem test stack\n',
    );
    assert.ok(!ids('t.yaml', text).includes('ecs/efs-transit-encryption'));
  });
});

describe('ECS: unknown values are never reported', () => {
  it('intrinsics in the short and long forms', () => {
    const text = [
      'Conditions:',
      '  Debug: !Equals [!Ref Env, dev]',
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      TaskRoleArn: !If [Debug, !Ref AWS::NoValue, !GetAtt Role.Arn]',
      '      NetworkMode: !Ref Mode',
      '      PidMode: { "Fn::If": [Debug, host, task] }',
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: !Sub "${Repo}:${Tag}"',
      '          User: !Ref User',
      '          Privileged: !If [Debug, true, false]',
      '          ReadonlyRootFilesystem: { "Fn::If": [Debug, false, true] }',
      '          LinuxParameters: !If [Debug, { Capabilities: { Add: [SYS_ADMIN] } }, !Ref AWS::NoValue]',
      '          Environment: !If [Debug, [{ Name: AWS_SECRET_ACCESS_KEY, Value: x }], []]',
      '          LogConfiguration: !If [Debug, !Ref AWS::NoValue, { LogDriver: awslogs }]',
      '      Volumes: !Ref Volumes',
      '        ',
      '  Service:',
      '    Type: AWS::ECS::Service',
      '    Properties:',
      '      NetworkConfiguration:',
      '        AwsvpcConfiguration:',
      '          AssignPublicIp: !If [Public, ENABLED, DISABLED]',
    ].join('\n');
    const bad = scan('template.yaml', text).filter((f) => f.severity !== 'info' || f.ruleId === 'bulkhead/not-analysed');
    assert.deepStrictEqual(bad.map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  it('templated placeholders in task-definition JSON', () => {
    const text = JSON.stringify(
      {
        family: 'web',
        taskRoleArn: '${TASK_ROLE_ARN}',
        executionRoleArn: '<EXECUTION_ROLE>',
        containerDefinitions: [{ name: 'app', image: '<IMAGE1_NAME>', user: '${USER}', readonlyRootFilesystem: true, linuxParameters: { capabilities: { drop: ['ALL'] } }, logConfiguration: { logDriver: 'awslogs' } }],
      },
      null,
      2,
    );
    assert.deepStrictEqual(scan('taskdef.json', text).filter((f) => f.severity !== 'info').map((f) => f.ruleId), []);
  });

  it('a file with syntax errors gives one note, no false "missing" findings', () => {
    const text = '{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "app", "image": "nginx:1" \n';
    const got = scan('taskdef.json', text).map((f) => f.ruleId);
    assert.deepStrictEqual(got, ['bulkhead/not-analysed']);
  });
});

describe('ECS: fixes', () => {
  it('no-task-role (JSON) takes the account from executionRoleArn and selects the role name', () => {
    const text = read('no-task-role/invalid.json');
    const f = scan('taskdef.json', text).find((x) => x.ruleId === 'ecs/no-task-role')!;
    const fix = f.fixes[0];
    assert.strictEqual(fix.safety, 'manual');
    const out = applyEdits(text, fix.edits);
    assert.ok(out.includes('"taskRoleArn": "arn:aws:iam::123456789012:role/web-task-role",'));
    assert.strictEqual(out.slice(fix.placeholders![0].start, fix.placeholders![0].end), 'web-task-role');
  });

  it('no-task-role (CloudFormation JSON) adds Fn::GetAtt and a role resource in the file\'s indentation', () => {
    const text = HARDENED_CFN_JSON.replace(/\n\s*"TaskRoleArn": \{[^}]*\},/, '');
    const f = scan('template.json', text).find((x) => x.ruleId === 'ecs/no-task-role')!;
    const out = applyEdits(text, f.fixes[0].edits);
    const parsed = JSON.parse(out);
    assert.deepStrictEqual(parsed.Resources.Task.Properties.TaskRoleArn, { 'Fn::GetAtt': ['TaskTaskRole', 'Arn'] });
    assert.strictEqual(parsed.Resources.TaskTaskRole.Type, 'AWS::IAM::Role');
    assert.strictEqual(parsed.Resources.TaskTaskRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service, 'ecs-tasks.amazonaws.com');
    assert.ok(!('Policies' in parsed.Resources.TaskTaskRole.Properties));
    assert.ok(out.includes('\n    "TaskTaskRole": {\n      "Type": "AWS::IAM::Role",'), out);
    assert.ok(!ids('template.json', out).includes('ecs/no-task-role'));
  });

  it('moving a secret keeps the JSON valid and the other variables', () => {
    const text = read('secret-in-env/invalid.json');
    const f = scan('taskdef.json', text).find((x) => x.ruleId === 'ecs/secret-in-env')!;
    const out = applyEdits(text, f.fixes[0].edits);
    const c = JSON.parse(out).containerDefinitions[0];
    assert.deepStrictEqual(c.environment, [{ name: 'PORT', value: '8080' }]);
    assert.strictEqual(c.secrets[1].name, 'STRIPE_API_KEY');
    const ph = f.fixes[0].placeholders!.map((p) => out.slice(p.start, p.end));
    assert.deepStrictEqual(ph, ['<region>', 'web/STRIPE_API_KEY']);
  });
});

// ------------------------------------------------------------------ properties

function fixtureTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const d of fs.readdirSync(FIX)) for (const f of fs.readdirSync(path.join(FIX, d))) if (!f.endsWith('.expect')) out.push({ name: f, text: read(`${d}/${f}`) });
  return out;
}

/** Every fix of every finding, applied alone: the result re-parses (no new syntax error). */
function checkAll(name: string, text: string): void {
  const r = analyzeText(text, { path: name });
  const broken = r.findings.some((f) => f.ruleId === 'bulkhead/not-analysed' && /syntax/.test(f.message));
  for (const f of r.findings) {
    assert.ok(f.span.start >= 0 && f.span.end <= text.length);
    for (const fix of f.fixes) {
      const out = applyEdits(text, fix.edits);
      for (const p of fix.placeholders ?? []) assert.ok(p.start >= 0 && p.end <= out.length);
      const again = analyzeText(out, { path: name });
      if (!broken) assert.ok(!again.findings.some((x) => x.ruleId === 'bulkhead/not-analysed' && /syntax/.test(x.message)), `${f.ruleId} "${fix.title}" broke ${name}:\n${out}`);
    }
  }
}

const ecsValue = fc.oneof(
  fc.constantFrom('host', 'awsvpc', 'ENABLED', 'root', '0:0', '1000', '/var/run/docker.sock', '/etc', 'awslogs', 'none', 'SYS_ADMIN', 'ALL', 'AKIAIOSFODNN7EXAMPLE', 'nginx', 'nginx:latest', ''),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
);
const container = fc.record(
  {
    name: fc.constantFrom('app', 'sidecar'),
    image: ecsValue,
    user: ecsValue,
    privileged: ecsValue,
    readonlyRootFilesystem: ecsValue,
    environment: fc.array(fc.record({ name: fc.constantFrom('AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'PORT'), value: ecsValue }), { maxLength: 3 }),
    secrets: fc.array(fc.record({ name: fc.constant('X'), valueFrom: fc.constant('arn:aws:ssm:us-east-1:1:parameter/x') }), { maxLength: 1 }),
    linuxParameters: fc.record({ capabilities: fc.record({ add: fc.array(ecsValue, { maxLength: 2 }), drop: fc.array(ecsValue, { maxLength: 2 }) }, { requiredKeys: [] }) }),
    logConfiguration: fc.record({ logDriver: ecsValue }),
    mountPoints: fc.array(fc.record({ sourceVolume: fc.constantFrom('v', 'w'), containerPath: fc.constant('/x') }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const taskDef = fc.record(
  {
    family: fc.constantFrom('web', 'api'),
    taskRoleArn: ecsValue,
    executionRoleArn: fc.constantFrom('arn:aws:iam::123456789012:role/exec', 'x'),
    networkMode: ecsValue,
    pidMode: ecsValue,
    ipcMode: ecsValue,
    requiresCompatibilities: fc.constantFrom(['FARGATE'], ['EC2']),
    containerDefinitions: fc.array(fc.oneof(container, ecsValue), { maxLength: 3 }),
    volumes: fc.array(
      fc.record({ name: fc.constantFrom('v', 'w'), host: fc.record({ sourcePath: ecsValue }), efsVolumeConfiguration: fc.oneof(fc.record({ fileSystemId: fc.constant('fs-1'), transitEncryption: ecsValue }, { requiredKeys: ['fileSystemId'] }), fc.constant(null)) }, { requiredKeys: ['name'] }),
      { maxLength: 2 },
    ),
    networkConfiguration: fc.record({ awsvpcConfiguration: fc.record({ assignPublicIp: ecsValue }) }),
  },
  { requiredKeys: [] },
);
const pascal = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(pascal) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0].toUpperCase() + k.slice(1), pascal(x)])) : v;

describe('ECS: properties', function () {
  this.timeout(60000);
  it('random task definitions (JSON, 2- and 4-space) never throw and their fixes re-parse', () => {
    fc.assert(
      fc.property(taskDef, fc.constantFrom(2, 4), (td, indent) => {
        checkAll('taskdef.json', JSON.stringify(td, null, indent) + '\n');
      }),
      { numRuns: 150 },
    );
  });
  it('random CloudFormation templates (JSON) never throw and their fixes re-parse', () => {
    fc.assert(
      fc.property(taskDef, (td) => {
        const tpl = { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: pascal(td) }, Svc: { Type: 'AWS::ECS::Service', Properties: pascal({ networkConfiguration: td.networkConfiguration ?? {} }) } } };
        checkAll('template.json', JSON.stringify(tpl, null, 2) + '\n');
      }),
      { numRuns: 100 },
    );
  });
  it('mutated ECS fixtures never throw and terminate', () => {
    const files = fixtureTexts();
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), ins: fc.constantFrom('', '!Ref X', '{', '}', ']', '"', ': ', '\n  - ', 'host', 'Fn::If:', '\t', '#') }), { maxLength: 4 }), (f, ops) => {
        let t = f.text;
        for (const op of ops) {
          const i = op.at % Math.max(1, t.length);
          t = t.slice(0, i) + op.ins + t.slice(i + op.cut);
        }
        const r = analyzeText(t, { path: f.name });
        for (const x of r.findings) for (const fix of x.fixes) applyEdits(t, fix.edits);
      }),
      { numRuns: 300 },
    );
  });
  it('fixture fixes re-parse', () => {
    for (const f of fixtureTexts()) checkAll(f.name, f.text);
  });
});

describe('CloudFormation: findings in the template\'s words', () => {
  it('spells the ECS API names the shared rules use as CloudFormation does, on a template only', () => {
    const service = (json: boolean) =>
      json
        ? '{"family":"web","containerDefinitions":[{"name":"app","image":"nginx:1.27.2"}],"volumes":[{"name":"shared","efsVolumeConfiguration":{"fileSystemId":"fs-1","transitEncryption":"DISABLED"}}]}'
        : 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27.2\n      Volumes:\n        - Name: shared\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n            TransitEncryption: DISABLED\n';
    const efs = (json: boolean) => analyzeText(service(json), { path: json ? 'task.json' : 'template.yaml' }).findings.filter((f) => f.ruleId === 'ecs/efs-transit-encryption');
    assert.match(efs(false)[0].message, /has TransitEncryption DISABLED/);
    assert.deepStrictEqual(efs(false)[0].fixes.map((f) => f.title), ['Set TransitEncryption to ENABLED']);
    assert.match(efs(true)[0].message, /has transitEncryption DISABLED/, 'task-definition JSON keeps the API spelling');
  });
});
