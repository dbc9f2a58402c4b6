import * as assert from 'assert';
import type { Report, Span } from '../../src/core';
import { LineIndex } from '../../src/core/text';
import type { FormatModel } from '../../src/formats/parse';
import type { Field } from '../../src/model/container';
import type { RegistrySpec } from '../../src/model/registry';
import type { RepositorySpec } from '../../src/model/repository';
import type { RuleInstance } from '../../src/rules/rule';
import scanOnPush from '../../src/rules/ecr/scan-on-push';
import allowPrivilegeEscalation from '../../src/rules/container/allow-privilege-escalation';
import noLogging from '../../src/rules/container/no-logging';
import privilegedContainer from '../../src/rules/container/privileged-container';
import hostPid from '../../src/rules/container/host-pid';

const TEXT = [
  'Resources:',
  '  Repo:',
  '    Type: AWS::ECR::Repository',
  '  Scanning:',
  '    Type: AWS::ECR::RegistryScanningConfiguration',
  '',
].join('\n');

function at(s: string): Span {
  const start = TEXT.indexOf(s);
  assert.ok(start >= 0, s);
  return { start, end: start + s.length };
}

function field<T>(value: T, s: string): Field<T> {
  return { value, known: true, span: at(s), keySpan: at(s) };
}

function repository(): RepositorySpec {
  return {
    target: 'ecr',
    format: 'cfn',
    label: 'repository Repo',
    span: at('Repo:'),
    anchor: at('Repo'),
    scanOnPush: 'missing',
    tagMutability: 'missing',
    encryption: 'missing',
    policy: [],
    writer: { enableScanOnPush: () => undefined, makeTagsImmutable: () => undefined, encryptWithKms: () => undefined },
  };
}

/** A registry scanning configuration with one rule: `frequency` for the repositories matching `filter`. */
function scanning(frequency: string, filter: string): RegistrySpec {
  const span = at('Scanning:');
  return {
    target: 'ecr',
    format: 'cfn',
    kind: 'scanning',
    label: 'registry scanning configuration Scanning',
    span,
    anchor: at('Scanning'),
    scanning: {
      scanType: field('BASIC', 'AWS::ECR::RegistryScanningConfiguration'),
      rules: [{ frequency: field(frequency, 'RegistryScanningConfiguration'), filters: [field(filter, 'Scanning')], span }],
    },
  };
}

function model(registries: RegistrySpec[]): FormatModel {
  const m = {
    kind: 'cloudformation',
    text: TEXT,
    lines: new LineIndex(TEXT),
    containers: [],
    workloads: [],
    repositories: [repository()],
    views: { registries },
  };
  return m as unknown as FormatModel;
}

function run(rule: RuleInstance, m: FormatModel): Report[] {
  const out: Report[] = [];
  rule.check(m, { report: (r) => out.push(r), text: TEXT, path: 'template.yaml' });
  return out;
}

function instance(rules: RuleInstance[], target: string): RuleInstance {
  const r = rules.find((x) => x.meta.target === target);
  assert.ok(r, `no ${target} instance`);
  return r;
}

describe('shared rules: ecr/scan-on-push and the registry scanning configuration', () => {
  const rule = instance(scanOnPush, 'ecr');

  it('reports a repository without scan on push when nothing else scans it', () => {
    const found = run(rule, model([]));
    assert.strictEqual(found.length, 1);
    assert.deepStrictEqual(found[0].span, at('Repo'));
    assert.match(found[0].message, /does not scan images on push \(ScanOnPush is not set\)/);
  });

  it('is silent when a registry scanning configuration in the file scans every repository on push', () => {
    assert.deepStrictEqual(run(rule, model([scanning('SCAN_ON_PUSH', '*')])), []);
    assert.deepStrictEqual(run(rule, model([scanning('CONTINUOUS_SCAN', '*')])), []);
  });

  it('still reports when the registry configuration covers only some repositories, or scans manually', () => {
    assert.strictEqual(run(rule, model([scanning('SCAN_ON_PUSH', 'prod-*')])).length, 1);
    assert.strictEqual(run(rule, model([scanning('MANUAL', '*')])).length, 1);
  });

  it('keeps its targets and ids: the registries it reads are context, not a target', () => {
    assert.deepStrictEqual(scanOnPush.map((r) => r.meta.id).sort(), ['cdk/ecr-scan-on-push', 'ecr/scan-on-push', 'tf/ecr-scan-on-push']);
  });
});

describe('shared rules: targets follow the fields a container rule reads', () => {
  const ids = (rules: RuleInstance[]) => rules.map((r) => r.meta.id).sort();
  it('allowPrivilegeEscalation exists in Kubernetes only', () => {
    assert.deepStrictEqual(ids(allowPrivilegeEscalation), ['k8s/allow-privilege-escalation']);
  });
  it('a log configuration exists in ECS, CDK and Terraform only', () => {
    assert.deepStrictEqual(ids(noLogging), ['cdk/no-logging', 'ecs/no-logging', 'tf/no-logging']);
    assert.strictEqual(instance(noLogging, 'cdk').meta.fix, 'safe');
    assert.strictEqual(instance(noLogging, 'ecs').meta.fix, 'manual');
    // Terraform writes through the same writers, in HCL
    assert.strictEqual(instance(noLogging, 'tf').meta.fix, 'manual');
    assert.strictEqual(instance(scanOnPush, 'tf').meta.fix, instance(scanOnPush, 'ecr').meta.fix);
  });
  it('container and workload rules exist for every target with containers', () => {
    assert.deepStrictEqual(ids(privilegedContainer), ['cdk/privileged-container', 'ecs/privileged-container', 'k8s/privileged-container', 'tf/privileged-container']);
    assert.deepStrictEqual(ids(hostPid), ['cdk/host-pid', 'ecs/host-pid', 'k8s/host-pid', 'tf/host-pid']);
  });
});
