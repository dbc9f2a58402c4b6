/**
 * `terraform show -json` output: classification, values unknown until
 * apply, JSON documents held in strings (tokens mapped through escapes),
 * states, bad input. Rule behaviour is in the fixtures (test/fixtures/tf/*\/*-plan.json).
 */
import * as assert from 'assert';
import { analyzeText } from '../../src/rules/engine';
import { classify } from '../../src/formats/classify';
import { jsonInString } from '../../src/formats/terraform/plan';
import { isScalar, YAMLMap, YAMLSeq } from 'yaml';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as nodePath from 'path';
import { run, tmpdir } from './cli-helpers';

const containers = (c: Record<string, unknown>) => JSON.stringify([{ name: 'api', image: 'nginx:1.27.2', ...c }]);

function planOf(changes: unknown[]): string {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.9.8', planned_values: { root_module: {} }, resource_changes: changes }, null, 2);
}

function taskChange(address: string, after: Record<string, unknown> | null, afterUnknown: Record<string, unknown> = {}, actions = ['create']) {
  const name = address.replace(/\[\d+\]$/, '').split('.').pop();
  return { address, mode: 'managed', type: 'aws_ecs_task_definition', name, change: { actions, before: null, after, after_unknown: afterUnknown } };
}

const findings = (text: string, path = 'plan.json') => analyzeText(text, { path, profile: 'strict' }).findings.filter((f) => !f.suppressed);

describe('terraform plan JSON', () => {
  it('classifies `terraform show -json` output as Terraform, and other JSON not', () => {
    assert.strictEqual(classify('tfplan.json', planOf([])), 'terraform');
    assert.strictEqual(classify('state.json', JSON.stringify({ format_version: '1.0', terraform_version: '1.9.8', values: { root_module: {} } })), 'terraform');
    assert.strictEqual(classify('package.json', JSON.stringify({ name: 'x', version: '1.0.0' })), undefined);
    // a raw state file (terraform.tfstate) is not `show -json` output
    assert.notStrictEqual(classify('terraform.tfstate.json', JSON.stringify({ version: 4, terraform_version: '1.9.8', resources: [] })), 'terraform');
  });

  it('points into the JSON string of container_definitions, through its escapes, and names the address', () => {
    const text = planOf([taskChange('module.api.aws_ecs_task_definition.this[0]', { family: 'api', container_definitions: containers({ command: ['sh', '-c', 'echo "é\\n"'], privileged: true }) })]);
    const all = findings(text);
    const f = all.find((x) => x.ruleId === 'tf/privileged-container');
    assert.ok(f, 'privileged reported');
    assert.strictEqual(text.slice(f.span.start, f.span.end), 'true');
    // a plan is often one line: the message names the resource the token is in
    assert.ok(f.message.endsWith('(module.api.aws_ecs_task_definition.this[0]).'), f.message);
    const role = all.find((x) => x.ruleId === 'tf/no-task-role');
    assert.ok(role && role.message.includes('module.api.aws_ecs_task_definition.this[0]'), 'the task-role finding names the address');
    assert.strictEqual(text.slice(role.span.start, role.span.end), '"module.api.aws_ecs_task_definition.this[0]"');
  });

  it('maps every node of a JSON string back to its characters', () => {
    const text = JSON.stringify({ s: JSON.stringify({ a: 'x\u00e9\t"q"', b: [true, 2] }) }).replace('é', '\\u00e9');
    const start = text.indexOf('"{');
    const end = text.lastIndexOf('}');
    const node = jsonInString(text, start, end) as YAMLMap;
    assert.ok(node instanceof YAMLMap);
    const b = node.items[1].value as YAMLSeq;
    const t = b.items[0];
    assert.ok(isScalar(t));
    assert.strictEqual(text.slice(t.range![0], t.range![1]), 'true');
    const a = node.items[0].value;
    assert.ok(isScalar(a));
    assert.strictEqual(text.slice(a.range![0], a.range![1]), String.raw`\"x\u00e9\\t\\\"q\\\"\"`);
    assert.strictEqual(a.value, 'x\u00e9\t"q"');
  });

  it('leaves what the plan knows only after apply unknown, and skips deleted resources', () => {
    const text = planOf([
      // the task role is created in the same apply: unknown, not missing
      taskChange('aws_ecs_task_definition.a', { family: 'a', container_definitions: containers({ user: '1000' }) }, { task_role_arn: true }),
      // the containers depend on a value known after apply
      taskChange('aws_ecs_task_definition.b', { family: 'b', task_role_arn: 'arn:aws:iam::123456789012:role/b' }, { container_definitions: true }),
      taskChange('aws_ecs_task_definition.gone', null, {}, ['delete']),
      taskChange('aws_ecs_task_definition.old', { family: 'old', container_definitions: containers({ privileged: true }) }, {}, ['delete']),
    ]);
    const ids = findings(text).map((f) => f.ruleId);
    assert.ok(!ids.includes('tf/no-task-role'), ids.join());
    assert.ok(!ids.includes('tf/privileged-container'), ids.join());
    assert.ok(!ids.includes('tf/run-as-root'), ids.join());
  });

  it('reads a state (`terraform show -json` without a plan) through its modules', () => {
    const text = JSON.stringify(
      {
        format_version: '1.0',
        terraform_version: '1.9.8',
        values: {
          root_module: {
            child_modules: [
              {
                address: 'module.svc',
                resources: [
                  { address: 'module.svc.aws_ecs_task_definition.this', mode: 'managed', type: 'aws_ecs_task_definition', name: 'this', values: { family: 'svc', task_role_arn: 'arn:aws:iam::1:role/x', container_definitions: containers({ privileged: true }) } },
                  { address: 'module.svc.data.aws_ecs_task_definition.other', mode: 'data', type: 'aws_ecs_task_definition', name: 'other', values: { container_definitions: containers({ privileged: true }) } },
                ],
              },
            ],
          },
        },
      },
      null,
      2,
    );
    assert.strictEqual(findings(text, 'state.json').filter((f) => f.ruleId === 'tf/privileged-container').length, 1);
  });

  it('gives one clear note for a broken plan, never a crash', () => {
    const text = planOf([taskChange('aws_ecs_task_definition.a', { family: 'a' })]).slice(0, -20);
    const r = analyzeText(text, { path: 'plan.json' });
    assert.strictEqual(r.kind, 'terraform');
    const notes = r.findings.filter((f) => f.ruleId === 'bulkhead/not-analysed');
    assert.strictEqual(notes.length, 1);
    assert.match(notes[0].message, /JSON/);
  });
});

describe('terraform JSON syntax (*.tf.json)', () => {
  const tfJson = (resource: unknown) => JSON.stringify({ resource }, null, 2);

  it('classifies *.tf.json by name, and reads its resources with the same readers', () => {
    const text = tfJson({ aws_ecs_service: { web: { name: 'web', network_configuration: { assign_public_ip: true } } } });
    assert.strictEqual(classify('infra/main.tf.json', text), 'terraform');
    const f = findings(text, 'infra/main.tf.json').find((x) => x.ruleId === 'tf/service-public-ip');
    assert.ok(f);
    assert.strictEqual(text.slice(f.span.start, f.span.end), 'true');
  });

  it('reads a string that is one interpolation as unknown, and a dynamic block as unknown', () => {
    const text = tfJson({
      aws_ecs_task_definition: {
        app: {
          family: 'app',
          task_role_arn: '${var.role}',
          container_definitions: JSON.stringify([{ name: 'app', image: 'nginx:1.27.2', user: '1000', privileged: '${var.privileged}' }]),
          dynamic: { volume: { for_each: '${var.volumes}', content: { name: '${volume.value}', host_path: '/' } } },
        },
      },
      aws_ecs_service: { web: { name: 'web', network_configuration: { assign_public_ip: '${var.public}' } } },
    });
    const ids = findings(text, 'main.tf.json').map((f) => f.ruleId);
    for (const id of ['tf/no-task-role', 'tf/privileged-container', 'tf/sensitive-host-volume', 'tf/service-public-ip']) assert.ok(!ids.includes(id), `${id} in ${ids.join()}`);
  });

  it('points at the .tf block that configures the resource: its own block, or the module call that creates it', async () => {
    const text = planOf([
      taskChange('aws_ecs_task_definition.web', { family: 'web', container_definitions: containers({ privileged: true }) }),
      taskChange('module.api.aws_ecs_task_definition.this[0]', { family: 'api', container_definitions: containers({ privileged: true }) }),
      taskChange('module.gone.aws_ecs_task_definition.this', { family: 'gone', container_definitions: containers({ privileged: true }) }),
    ]);
    const main = '# the service\nresource "aws_ecs_task_definition" "web" {\n  family = "web"\n}\n\nmodule "api" {\n  source = "./modules/api"\n}\n';
    const d = tmpdir();
    fs.writeFileSync(nodePath.join(d, 'main.tf'), main);
    fs.writeFileSync(nodePath.join(d, 'tfplan.json'), text);
    const json = await run(['scan', '--format', 'json', 'tfplan.json'], d);
    const priv = (JSON.parse(json.out) as { ruleId: string; message: string; related?: { file: string; line: number; message: string }[] }[]).filter((f) => f.ruleId === 'tf/privileged-container');
    const byAddress = (a: string) => priv.find((f) => f.message.includes(a))!;
    assert.deepStrictEqual(byAddress('(aws_ecs_task_definition.web)').related, [{ file: 'main.tf', line: 2, column: 1, message: 'aws_ecs_task_definition.web is configured here' }]);
    assert.deepStrictEqual(byAddress('module.api.').related, [{ file: 'main.tf', line: 6, column: 1, message: 'module "api" creates module.api.aws_ecs_task_definition.this[0]' }]);
    // configured in a module call the folder does not hold: the address alone
    assert.strictEqual(byAddress('module.gone.').related, undefined);
    // SARIF: related locations, relative to the root like the result's own
    const sarif = await run(['scan', '--format', 'sarif', 'tfplan.json'], d);
    const results = JSON.parse(sarif.out).runs[0].results as { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    const rel = results.filter((r) => r.ruleId === 'tf/privileged-container' && r.relatedLocations).map((r) => [r.relatedLocations![0].physicalLocation.artifactLocation.uri, r.relatedLocations![0].physicalLocation.region.startLine]);
    assert.deepStrictEqual(rel.sort(), [['main.tf', 2], ['main.tf', 6]]);
  });

  it('offers no fixes on JSON (Terraform generates or owns it)', () => {
    const text = tfJson({ aws_ecs_task_definition: { app: { family: 'app', container_definitions: JSON.stringify([{ name: 'app', image: 'nginx:1.27.2', privileged: true }]) } } });
    const f = findings(text, 'main.tf.json').find((x) => x.ruleId === 'tf/privileged-container');
    assert.ok(f);
    assert.deepStrictEqual(f.fixes, []);
  });
});

describe('terraform: container definitions read from a file of the module', () => {
  const tf = `resource "aws_ecs_task_definition" "app" {
  family                = "app"
  task_role_arn         = aws_iam_role.app.arn
  container_definitions = file("\${path.module}/defs/app.json")
}

resource "aws_ecs_task_definition" "worker" {
  family                = "worker"
  task_role_arn         = aws_iam_role.worker.arn
  container_definitions = templatefile("defs/worker.json.tpl", { privileged = var.privileged })
}
`;
  const module = (files: Record<string, string>) => (p: string) => (p.endsWith('.tf') ? undefined : { files: Object.entries(files).map(([path, text]) => ({ path, text })) });
  const analyse = (path: string, text: string) => analyzeText(text, { path, profile: 'strict', module: module({ '/m/main.tf': tf }) });

  it('a JSON file a task definition reads with file() is its containers, findings on its own lines', () => {
    const json = '[\n  {\n    "name": "app",\n    "image": "nginx:1.27.2",\n    "privileged": true\n  }\n]\n';
    const r = analyse('/m/defs/app.json', json);
    assert.strictEqual(r.kind, 'terraform');
    const f = r.findings.find((x) => x.ruleId === 'tf/privileged-container');
    assert.ok(f);
    assert.strictEqual(f.range.start.line, 4);
    assert.strictEqual(json.slice(f.span.start, f.span.end), 'true');
    // task-level checks stay with the .tf file that defines the task
    assert.ok(!r.findings.some((x) => x.ruleId === 'tf/no-task-role'));
  });

  it('a templatefile() template: interpolations are unknown, in strings and out of them', () => {
    const tpl = '[\n  {\n    "name": "worker",\n    "image": "${image}",\n    "privileged": ${privileged},\n    "user": "0"\n  }\n]\n';
    const r = analyse('/m/defs/worker.json.tpl', tpl);
    const ids = r.findings.map((x) => x.ruleId);
    assert.ok(ids.includes('tf/run-as-root'), ids.join());
    assert.ok(!ids.includes('tf/privileged-container'), ids.join());
    assert.ok(!ids.includes('tf/image-tag-latest'), ids.join());
    // template directives decide what is read: one note, nothing else
    const directive = analyse('/m/defs/worker.json.tpl', '[\n%{ for c in containers }\n{ "name": "${c}", "privileged": true },\n%{ endfor }\n]\n');
    assert.deepStrictEqual(directive.findings.map((x) => x.ruleId), ['bulkhead/not-analysed']);
  });

  it('a JSON file no task definition reads is not Terraform; a broken one gets one note', () => {
    assert.strictEqual(analyse('/m/defs/other.json', '[{"name": "x", "privileged": true}]').kind, undefined);
    const broken = analyse('/m/defs/app.json', '[{"name": "app", "privileged": true,');
    assert.deepStrictEqual(broken.findings.map((x) => x.ruleId), ['bulkhead/not-analysed']);
  });

  it('the .tf file leaves a file() it cannot see unknown', () => {
    const ids = analyzeText(tf, { path: '/m/main.tf', profile: 'strict' }).findings.map((x) => x.ruleId);
    for (const id of ['tf/privileged-container', 'tf/run-as-root', 'tf/no-logging']) assert.ok(!ids.includes(id), ids.join());
  });
});

describe('bulkhead scan: Terraform container files', function () {
  this.timeout(60_000);
  it('reports in the container file; a changed .tf re-analyses the files its task definitions read', async () => {
    const d = tmpdir();
    fs.mkdirSync(nodePath.join(d, 'defs'));
    fs.writeFileSync(nodePath.join(d, 'main.tf'), 'resource "aws_ecs_task_definition" "app" {\n  family = "app"\n  container_definitions = file("${path.module}/defs/app.json")\n}\n');
    fs.writeFileSync(nodePath.join(d, 'defs/app.json'), '[{ "name": "app", "image": "nginx:1.27.2", "privileged": true }]\n');
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: d });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'init');
    const all = await run(['scan', '.', '--format', 'text'], d);
    assert.match(all.out, /defs\/app\.json:1:\d+: error tf\/privileged-container/);
    fs.appendFileSync(nodePath.join(d, 'main.tf'), '# a comment\n');
    const changed = await run(['scan', '.', '--changed-since', 'HEAD', '--format', 'text'], d);
    assert.match(changed.out, /defs\/app\.json:1:\d+: error tf\/privileged-container/);
  });
});

describe('terraform plan JSON: references from the configuration', () => {
  it('a task definition\'s role is followed through the plan\'s configuration; without it the role is not known to be a task role', () => {
    const text = fs.readFileSync(nodePath.join(__dirname, '../../../test/fixtures/tf/iam-wildcard-policy/invalid-plan.json'), 'utf8');
    const ids = (t: string) => analyzeText(t, { path: 'plan.json', profile: 'strict' }).findings.map((f) => f.ruleId).filter((id) => id.startsWith('tf/iam-'));
    assert.deepStrictEqual(ids(text).sort(), ['tf/iam-admin-managed-policy', 'tf/iam-wildcard-policy', 'tf/iam-wildcard-policy']);
    const plan = JSON.parse(text);
    delete plan.configuration;
    assert.deepStrictEqual(ids(JSON.stringify(plan, null, 2)), []);
  });

  it('follows references inside a module call, with instance keys, as the plan addresses its resources', () => {
    const text = fs.readFileSync(nodePath.join(__dirname, '../../../test/fixtures/tf/iam-wildcard-policy/invalid-plan.json'), 'utf8');
    const ids = (t: string) => analyzeText(t, { path: 'plan.json', profile: 'strict' }).findings.map((f) => f.ruleId).filter((id) => id.startsWith('tf/iam-'));
    const plan = JSON.parse(text);
    // the same resources, created by `module "svc"` with `count = 1` on each
    const indexed = (s: string) => s.replace(/^(aws_[a-z_]+\.[\w-]+)/, '$1[0]');
    for (const c of plan.resource_changes) {
      c.address = `module.svc.${indexed(c.address)}`;
      c.module_address = 'module.svc';
      c.index = 0;
    }
    const resources = plan.configuration.root_module.resources as { expressions: Record<string, { references?: string[] }> }[];
    for (const r of resources) for (const e of Object.values(r.expressions)) if (e.references) e.references = e.references.flatMap((x) => (x.split('.').length === 3 ? [indexed(x), x.replace(/\.\w+$/, '[0]')] : [x]));
    plan.configuration.root_module = { module_calls: { svc: { source: './svc', module: { resources } } } };
    assert.deepStrictEqual(ids(JSON.stringify(plan, null, 2)).sort(), ['tf/iam-admin-managed-policy', 'tf/iam-wildcard-policy', 'tf/iam-wildcard-policy']);
    // the references of another module call do not reach these resources
    plan.configuration.root_module = { module_calls: { other: { source: './other', module: { resources } } } };
    assert.deepStrictEqual(ids(JSON.stringify(plan, null, 2)), []);
    // `module "svc"` with `count = 2`: each instance's task definition refers to its own instance's role
    plan.configuration.root_module = { module_calls: { svc: { source: './svc', module: { resources } } } };
    const changes = plan.resource_changes as { address: string }[];
    plan.resource_changes = [0, 1].flatMap((i) => changes.map((c) => ({ ...JSON.parse(JSON.stringify(c)), address: c.address.replace(/^module\.svc\./, `module.svc[${i}].`), module_address: `module.svc[${i}]` })));
    assert.deepStrictEqual(ids(JSON.stringify(plan, null, 2)).sort(), ['tf/iam-admin-managed-policy', 'tf/iam-admin-managed-policy', 'tf/iam-wildcard-policy', 'tf/iam-wildcard-policy', 'tf/iam-wildcard-policy', 'tf/iam-wildcard-policy']);
    // only instance 1 has the role: instance 0's task definition names a role the plan does not hold
    plan.resource_changes = plan.resource_changes.filter((c: { address: string; type: string }) => !(c.type === 'aws_iam_role' && c.address.startsWith('module.svc[0].')));
    assert.deepStrictEqual(ids(JSON.stringify(plan, null, 2)).length, 3);
  });
});
