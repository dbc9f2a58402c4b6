/**
 * Terraform: the HCL reader (values, spans, bad input) and the CLI on .tf
 * files. Rule behaviour is in the fixtures (test/fixtures/tf).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { analyzeText } from '../../src/rules/engine';
import { applyEdits } from '../../src/core';
import { getRule } from '../../src/rules';
import { hclString } from '../../src/formats/terraform/edit';
import { inTerraformWords } from '../../src/formats/terraform/words';
import { forgetTrees, REUSE_MIN_CHARS } from '../../src/formats/terraform/reuse';
import { run, tmpdir } from './cli-helpers';

const task = (containers: string, extra = '') => `resource "aws_ecs_task_definition" "app" {
  family        = "app"
  task_role_arn = aws_iam_role.app.arn
${extra}  container_definitions = jsonencode([
${containers}
  ])
}
`;

const findings = (text: string, profile: 'recommended' | 'strict' = 'recommended') => analyzeText(text, { path: 'main.tf', profile }).findings.filter((f) => !f.suppressed);

describe('terraform', function () {
  this.timeout(10_000);
  it('classifies .tf files and reads aws_ecs_task_definition into the shared rules', () => {
    const r = analyzeText(task('    { name = "web", image = "nginx:1.25", privileged = true }'), { path: 'infra/main.tf' });
    assert.strictEqual(r.kind, 'terraform');
    assert.ok(r.findings.some((f) => f.ruleId === 'tf/privileged-container'));
  });

  it('points at the exact token, with characters outside the BMP and accents before it', () => {
    const text = `# déploiement 🚀 — équipe\n${task('    { name = "web", image = "nginx:1.25", privileged = true }')}`;
    const f = findings(text).find((x) => x.ruleId === 'tf/privileged-container')!;
    assert.strictEqual(text.slice(f.span.start, f.span.end), 'true');
    assert.strictEqual(f.range.start.line, 5);
  });

  it('reads heredoc JSON with its tokens in place, and leaves interpolations unknown', () => {
    const text = `resource "aws_ecs_task_definition" "app" {
  family        = "app"
  task_role_arn = aws_iam_role.app.arn
  container_definitions = <<EOF
[{ "name": "web", "image": "\${var.image}", "user": "0", "privileged": false }]
EOF
}
`;
    const f = findings(text);
    const root = f.find((x) => x.ruleId === 'tf/run-as-root')!;
    assert.strictEqual(text.slice(root.span.start, root.span.end), '"0"');
    assert.ok(!f.some((x) => x.ruleId === 'tf/image-tag-latest'), 'the image is a template: unknown');
  });

  it('merge() of known objects and concat() of known lists are read, a later key winning; one unknown argument makes the call unknown', () => {
    const base = 'locals {\n  base = { image = "nginx:1.25", user = "1000", readonlyRootFilesystem = true, privileged = true }\n  env = [{ name = "MODE", value = "x" }]\n}\nvariable "extra" {}\n';
    const ids = (containers: string) => {
      const text = base + task(containers);
      return findings(text).map((f) => [f.ruleId, text.slice(f.span.start, f.span.end)]);
    };
    // the literal's privileged = false overrides the local's true
    assert.deepStrictEqual(ids('    merge(local.base, { name = "web", privileged = false })').filter(([r]) => r === 'tf/privileged-container'), []);
    // the local's user is kept; the literal's privileged = true is reported on its token
    const f = ids('    merge(local.base, { name = "web", privileged = true, readonlyRootFilesystem = false })');
    assert.deepStrictEqual(
      f.filter(([r]) => /privileged|writable-root|run-as-root/.test(r)),
      [
        ['tf/privileged-container', 'true'],
        ['tf/writable-root-filesystem', 'false'],
      ],
    );
    // an unknown argument may set any key: nothing about the container is reported
    assert.deepStrictEqual(ids('    merge(local.base, var.extra, { name = "web" })').filter(([r]) => r !== 'tf/no-task-role'), []);
    // concat: a plain secret in either list
    const env = ids('    merge(local.base, { name = "web", privileged = false, environment = concat(local.env, [{ name = "DB_PASSWORD", value = "s3cr3t-Passw0rd!" }]) })');
    assert.ok(env.some(([r, t]) => r === 'tf/secret-in-env' && t === '"s3cr3t-Passw0rd!"'), JSON.stringify(env));
    assert.ok(!ids('    merge(local.base, { name = "web", privileged = false, environment = concat(local.env, var.extra) })').some(([r]) => r === 'tf/secret-in-env'));
  });

  it('a for expression over a known list or object is read element by element; a condition or an unknown collection leaves it unknown', () => {
    const base =
      'locals {\n  cs = [\n    { name = "web", image = "nginx:1.25", privileged = true },\n    { name = "api", image = "nginx:1.25", privileged = false },\n  ]\n  apps = { a = { image = "nginx:1.25" } }\n}\nvariable "cs" {}\n';
    const ids = (list: string) => {
      const text = base + `resource "aws_ecs_task_definition" "app" {\n  family        = "app"\n  task_role_arn = aws_iam_role.app.arn\n  container_definitions = jsonencode(${list.trim()})\n}\n`;
      return findings(text)
        .filter((f) => f.ruleId === 'tf/privileged-container' || f.ruleId === 'tf/run-as-root')
        .map((f) => [f.ruleId, text.slice(f.span.start, f.span.end), f.message.split(' ')[1]]);
    };
    // the element's value, reported where the list writes it
    assert.deepStrictEqual(ids('    [for c in local.cs : { name = c.name, image = c.image, privileged = c.privileged, user = "1000" }]').flat().slice(0, 3), ['tf/privileged-container', 'true', '"web"']);
    assert.deepStrictEqual(ids('    [for c in local.cs : { name = c.name, image = c.image, privileged = c.privileged, user = "1000" }]').length, 1);
    // key and value over an object, through merge
    assert.deepStrictEqual(ids('    [for k, v in local.apps : merge(v, { name = k, user = "0" })]'), [['tf/run-as-root', '"0"', '"a"']]);
    // a condition, an unknown collection: nothing known
    assert.deepStrictEqual(ids('    [for c in local.cs : c if c.privileged]'), []);
    assert.deepStrictEqual(ids('    [for c in var.cs : merge(c, { user = "0" })]'), []);
  });

  it('lookup() in a known map, with its default, and tolist/toset/tomap of known values are read', () => {
    const base = 'locals {\n  settings = { web = { privileged = true } }\n  flags = { privileged = true }\n}\nvariable "flags" {}\n';
    const priv = (c: string) => {
      const text = base + task(c);
      return findings(text)
        .filter((f) => f.ruleId === 'tf/privileged-container')
        .map((f) => text.slice(f.span.start, f.span.end));
    };
    assert.deepStrictEqual(priv('    { name = "web", image = "nginx:1.25", privileged = lookup(local.flags, "privileged", false) }'), ['true']);
    assert.deepStrictEqual(priv('    { name = "web", image = "nginx:1.25", privileged = lookup(local.settings, "api", { privileged = true }).privileged }'), []);
    assert.deepStrictEqual(priv('    { name = "web", image = "nginx:1.25", privileged = lookup(local.flags, "other", true) }'), ['true']);
    assert.deepStrictEqual(priv('    { name = "web", image = "nginx:1.25", privileged = lookup(var.flags, "privileged", false) }'), []);
    assert.deepStrictEqual(priv('    merge(tomap(local.flags), { name = "web", image = "nginx:1.25" })'), ['true']);
  });

  it('a resource with count = 0 (or for_each over an empty literal) creates nothing and is not read; an unknown count is', () => {
    const repo = (meta: string) => `variable "on" {\n  default = false\n}\nresource "aws_ecr_repository" "r" {\n${meta}  name = "r"\n}\n`;
    const ids = (text: string) => findings(text).map((f) => f.ruleId);
    assert.deepStrictEqual(ids(repo('  count = 0\n')), []);
    assert.deepStrictEqual(ids(repo('  for_each = {}\n')), []);
    assert.ok(ids(repo('  count = 1\n')).includes('tf/ecr-scan-on-push'));
    assert.ok(ids(repo('  count = var.on ? 1 : 0\n')).includes('tf/ecr-scan-on-push'));
    // module calls too
    const calls = (meta: string) =>
      `module "ecr" {\n  source = "terraform-aws-modules/ecr/aws"\n${meta}  repository_image_scan_on_push = false\n}\nmodule "api" {\n  source = "terraform-aws-modules/ecs/aws//modules/service"\n${meta}  assign_public_ip = true\n  container_definitions = {\n    app = { image = "nginx:1.25", privileged = true }\n  }\n}\n`;
    assert.deepStrictEqual(ids(calls('  count = 0\n')), []);
    assert.deepStrictEqual(ids(calls('  for_each = []\n')), []);
    assert.deepStrictEqual(ids(calls('  count = 1\n')).sort(), ['tf/ecr-scan-on-push', 'tf/privileged-container', 'tf/service-public-ip']);
  });

  it('a block with a syntax error is skipped with one note; the other blocks are checked', () => {
    const good = task('    { name = "web", image = "nginx:1.25", privileged = true }');
    const text = `resource "aws_ecs_task_definition" "broken" {\n  family = "x"\n  container_definitions = jsonencode([{ name = "a", privileged = true ]\n}\n\n${good}`;
    const f = analyzeText(text, { path: 'main.tf' }).findings;
    const notes = f.filter((x) => x.ruleId === 'bulkhead/not-analysed');
    assert.strictEqual(notes.length, 1, JSON.stringify(f.map((x) => x.message)));
    const priv = f.filter((x) => x.ruleId === 'tf/privileged-container');
    assert.ok(priv.length >= 1 && priv.every((x) => x.range.start.line > 4), 'only the intact block is reported');
  });

  it('an unclosed brace or string costs its own block only: every other block is checked, in work linear in the file', () => {
    const block = (i: number) => task(`    { name = "c${i}", image = "nginx:1.25", privileged = true }`).replace('"app" {', `"app${i}" {`);
    const blocks = Array.from({ length: 60 }, (_, i) => block(i));
    // an object opened twice in block 3, a string never closed in block 10
    blocks[3] = blocks[3].replace('{ name = "c3"', '{ { name = "c3"');
    blocks[10] = blocks[10].replace('image = "nginx:1.25"', 'image = "nginx:1.25');
    const text = blocks.join('\n');
    const f = analyzeText(text, { path: 'main.tf' }).findings;
    assert.deepStrictEqual(f.filter((x) => x.ruleId === 'bulkhead/not-analysed').map((x) => x.message), ['Not analysed: 2 blocks have syntax errors; the rest of the file was checked.']);
    const priv = f.filter((x) => x.ruleId === 'tf/privileged-container');
    assert.strictEqual(priv.length, 58);
    // the same text gives the same result, whatever was analysed before
    assert.deepStrictEqual(analyzeText(text, { path: 'main.tf' }).findings.map((x) => x.span.start), f.map((x) => x.span.start));
  });

  it('a large file re-analysed after an edit (its tree re-parsed where the text changed) gives what a fresh analysis gives', function () {
    this.timeout(120_000); // a guard against a hang, not a speed test: 60 analyses of a 40 KB file on a loaded machine
    const big = Array.from({ length: 200 }, (_, i) => task(`    { name = "c${i}", image = "nginx:1.${i}", privileged = ${i % 2 === 0}, user = "${i % 3}" }`).replace('"app" {', `"app${i}" {`)).join('\n');
    assert.ok(big.length >= REUSE_MIN_CHARS, 'large enough to keep its tree');
    const key = (text: string, p: string) => JSON.stringify(analyzeText(text, { path: p, profile: 'strict' }).findings.map((x) => [x.ruleId, x.span.start, x.span.end, x.message, x.fixes.map((y) => y.edits)]));
    let text = big;
    key(text, '/m/big.tf');
    fc.assert(
      fc.property(fc.nat(big.length - 1), fc.nat(20), fc.constantFrom('', 'x', '}', '{', '"', '\n', ' = true\n', '# c\n', 'privileged = true, '), (at, del, ins) => {
        const next = text.slice(0, at % text.length) + ins + text.slice((at % text.length) + del);
        const incremental = key(next, '/m/big.tf');
        forgetTrees();
        const fresh = key(next, '/m/other.tf');
        key(next, '/m/big.tf'); // the kept tree is this text's again
        text = next;
        assert.strictEqual(incremental, fresh);
      }),
      { numRuns: 20 },
    );
    forgetTrees();
  });

  it('random text and mutations of a real file never throw and give at most one note', function () {
    this.timeout(60_000); // a guard against a hang, not a speed test: 300 analyses on a loaded machine
    const base = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/tf/privileged-container/invalid-hcl.tf'), 'utf8');
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 20 }), (at, del, ins) => {
        const text = base.slice(0, at) + ins + base.slice(at + del);
        const f = analyzeText(text, { path: 'main.tf' }).findings;
        assert.ok(f.filter((x) => x.ruleId === 'bulkhead/not-analysed').length <= 1);
        for (const x of f) assert.ok(x.span.start >= 0 && x.span.end <= text.length);
      }),
      { numRuns: 300 },
    );
  });

  it('a resource attribute, a data source or a variable without a default is never reported', () => {
    const text = `variable "user" {}\n${task('    { name = "web", image = data.aws_ssm_parameter.image.value, user = var.user, readonlyRootFilesystem = local.ro }')}`;
    const ids = findings(text, 'strict').map((f) => f.ruleId);
    assert.ok(!ids.includes('tf/run-as-root'), ids.join());
    assert.ok(!ids.includes('tf/writable-root-filesystem'), ids.join());
    assert.ok(!ids.some((i) => i.startsWith('tf/image-')), ids.join());
  });

  it('fixes: a literal flag is set in place; a missing one is added to an HCL object, on its own line or inline', () => {
    const apply = (text: string, id: string) => {
      const f = findings(text, 'strict').find((x) => x.ruleId === id)!;
      assert.ok(f.fixes.length, `${id} has a fix`);
      const [e] = f.fixes[0].edits;
      return text.slice(0, e.start) + e.newText + text.slice(e.end);
    };
    const inline = task('    { name = "web", image = "nginx:1.25" }');
    assert.ok(apply(inline, 'tf/writable-root-filesystem').includes('{ name = "web", image = "nginx:1.25", readonlyRootFilesystem = true }'));
    const block = task('    {\n      name  = "web"\n      image = "nginx:1.25"\n    }');
    assert.ok(apply(block, 'tf/writable-root-filesystem').includes('      image = "nginx:1.25"\n      readonlyRootFilesystem = true\n    }'));
    assert.ok(apply(task('    { name = "web", image = "nginx:1.25", privileged = true }'), 'tf/privileged-container').includes('privileged = false }'));
    // a value decided in another file is reported on the reference, and edited by hand
    const ref = task('    { name = "web", image = "nginx:1.25", privileged = var.p }');
    const f = analyzeText(ref, { path: '/m/main.tf', module: () => ({ files: [{ path: '/m/variables.tf', text: 'variable "p" {\n  default = true\n}\n' }] }) }).findings.find((x) => x.ruleId === 'tf/privileged-container')!;
    assert.ok(f, 'reported');
    assert.deepStrictEqual(f.fixes, []);
  });

  it('container fixes edit only the container as written: a shared local or another file is edited by hand', () => {
    const fixesOf = (text: string, id: string, module?: string) =>
      analyzeText(text, { path: '/m/main.tf', profile: 'strict', module: module ? () => ({ files: [{ path: '/m/locals.tf', text: module }] }) : undefined })
        .findings.filter((x) => x.ruleId === id)
        .flatMap((x) => x.fixes);
    const env = '[{ name = "DB_PASSWORD", value = "correct-horse-battery" }]';
    // the environment list is a local other containers may share
    const shared = `locals {\n  env = ${env}\n}\n${task('    { name = "web", image = "nginx:1.25", environment = local.env }')}`;
    assert.deepStrictEqual(fixesOf(shared, 'tf/secret-in-env'), []);
    // written in another file of the module: reported on the reference, no edit computed from it
    const other = task('    { name = "web", image = "nginx:1.25", environment = local.env }');
    assert.deepStrictEqual(fixesOf(other, 'tf/secret-in-env', `locals {\n  env = ${env}\n}\n`), []);
    // a whole container from another file
    const whole = task('    local.web');
    assert.deepStrictEqual(fixesOf(whole, 'tf/run-as-root', 'locals {\n  web = { name = "web", image = "nginx:1.25", user = "root" }\n}\n'), []);
    // written in place: fixed
    assert.strictEqual(fixesOf(task(`    { name = "web", image = "nginx:1.25", environment = ${env} }`), 'tf/secret-in-env').length, 1);
  });

  it('container fixes in heredoc JSON keep JSON, and a value with ${ is escaped as the template needs', () => {
    const text = `resource "aws_ecs_task_definition" "app" {
  family = "app"
  task_role_arn = aws_iam_role.app.arn
  container_definitions = <<EOF
[
  {
    "name": "web",
    "image": "nginx:1.25",
    "user": "root",
    "environment": [{ "name": "DB_PASSWORD", "value": "correct-horse-battery" }]
  }
]
EOF
}
`;
    const apply = (id: string) => {
      const f = findings(text, 'strict').find((x) => x.ruleId === id)!;
      let t = text;
      for (const e of [...f.fixes[0].edits].sort((a, b) => b.start - a.start)) t = t.slice(0, e.start) + e.newText + t.slice(e.end);
      assert.ok(!analyzeText(t, { path: 'main.tf' }).findings.some((x) => x.ruleId === 'bulkhead/not-analysed'), t);
      assert.ok(!findings(t, 'strict').some((x) => x.ruleId === id), `${id} fixed:\n${t}`);
      return t;
    };
    assert.ok(apply('tf/run-as-root').includes('"user": "1000",'));
    const moved = apply('tf/secret-in-env');
    assert.ok(/"secrets": \[\s*\{\s*"name": "DB_PASSWORD",/.test(moved), moved);
    assert.ok(moved.includes('"environment": []'), moved);
    assert.strictEqual(hclString('a ${b} %{c}'), '"a $${b} %%{c}"');
  });

  it('resource fixes set attributes and add blocks in HCL, and are refused where HCL cannot take them', () => {
    const fixed = (text: string, id: string, files?: { path: string; text: string }[]) => {
      const f = analyzeText(text, { path: '/m/main.tf', profile: 'strict', module: files ? () => ({ files }) : undefined }).findings.find((x) => x.ruleId === id);
      assert.ok(f, `${id} reported`);
      if (!f.fixes.length) return undefined;
      let t = text;
      for (const e of [...f.fixes[0].edits].sort((a, b) => b.start - a.start)) t = t.slice(0, e.start) + e.newText + t.slice(e.end);
      assert.ok(!analyzeText(t, { path: 'main.tf' }).findings.some((x) => x.ruleId === 'bulkhead/not-analysed'), t);
      return t;
    };
    // an empty one-line block opens up; a block is added with the file's indentation
    assert.strictEqual(fixed('resource "aws_ecr_repository" "r" {}\n', 'tf/ecr-scan-on-push'), 'resource "aws_ecr_repository" "r" {\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n');
    // a one-line block holding an attribute cannot take a second line: edited by hand
    assert.strictEqual(fixed('resource "aws_ecr_repository" "r" { name = "r" }\n', 'tf/ecr-scan-on-push'), undefined);
    // a list of strings the reader wraps: the missing log types are added to it, or the attribute is added
    const eks = (logs: string) => `resource "aws_eks_cluster" "c" {\n  name = "c"\n${logs}}\n`;
    assert.ok(fixed(eks(''), 'tf/eks-control-plane-logging')!.includes('  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n}'));
    // a boolean the reader reads as ENABLED is written back as a boolean
    const svc = (ip: string) => `resource "aws_ecs_service" "s" {\n  name = "s"\n  network_configuration {\n    subnets          = ["subnet-1"]\n    assign_public_ip = ${ip}\n  }\n}\n`;
    assert.ok(fixed(svc('true'), 'tf/service-public-ip')!.includes('assign_public_ip = false'));
    // the value comes from terraform.tfvars: the finding is on the reference, the fix is not computed from it
    const files = [{ path: '/m/terraform.tfvars', text: 'public_ip = true\n' }, { path: '/m/variables.tf', text: 'variable "public_ip" {}\n' }];
    assert.strictEqual(fixed(svc('var.public_ip'), 'tf/service-public-ip', files), undefined);
    // an attribute on its own line is removed with its line
    const task = 'resource "aws_ecs_task_definition" "t" {\n  family   = "t"\n  pid_mode = "host"\n  task_role_arn = "arn:aws:iam::123456789012:role/t"\n  container_definitions = jsonencode([{ name = "a", image = "a:1" }])\n}\n';
    assert.ok(!fixed(task, 'tf/host-pid')!.includes('pid_mode'));
  });

  it('no Terraform finding carries a fix its rule does not promise for Terraform (only containers are written)', () => {
    const dir = path.resolve(__dirname, '../../../test/fixtures/tf');
    const leaks: string[] = [];
    for (const rule of fs.readdirSync(dir)) {
      for (const f of fs.readdirSync(path.join(dir, rule)).filter((x) => x.endsWith('.tf'))) {
        for (const x of analyzeText(fs.readFileSync(path.join(dir, rule, f), 'utf8'), { path: f }).findings) {
          if (x.fixes.length && !getRule(x.ruleId)?.meta.fix) leaks.push(`${rule}/${f}: ${x.ruleId}`);
        }
      }
    }
    assert.deepStrictEqual(leaks, []);
  });

  it('suppression comments: # bulkhead-ignore and #checkov:skip', () => {
    const text = task('    { name = "web", image = "nginx:1.25", privileged = true } # bulkhead-ignore tf/privileged-container: a node agent');
    const f = analyzeText(text, { path: 'main.tf' }).findings.find((x) => x.ruleId === 'tf/privileged-container')!;
    assert.ok(f.suppressed, 'suppressed by the comment');
    // Checkov's id for the same check, on the line above (as Checkov users write it in Terraform)
    const ck = task('    #checkov:skip=CKV_AWS_334:a node agent\n    { name = "web", image = "nginx:1.25", privileged = true }');
    assert.ok(analyzeText(ck, { path: 'main.tf' }).findings.find((x) => x.ruleId === 'tf/privileged-container')!.suppressed);
    assert.ok(!analyzeText(task('    { name = "web", image = "nginx:1.25", privileged = true }'), { path: 'main.tf' }).findings.find((x) => x.ruleId === 'tf/privileged-container')!.suppressed);
    // Trivy's ids, in its own and in tfsec's spelling, on the line above
    for (const marker of ['#trivy:ignore:AVD-AWS-0035', '#tfsec:ignore:AVD-AWS-0035']) {
      const efs = task('    { name = "web", image = "nginx:1.25" }', `  ${marker}\n  volume {\n    name = "data"\n    efs_volume_configuration {\n      file_system_id = "fs-1"\n    }\n  }\n`);
      const f = analyzeText(efs, { path: 'main.tf' }).findings.find((x) => x.ruleId === 'tf/efs-transit-encryption');
      assert.ok(f?.suppressed, marker);
    }
  });
});

describe('terraform modules: values from the other files of the folder', () => {
  const main = task('    { name = "web", image = var.image, privileged = var.privileged, user = local.user }');
  const analyse = (files: Record<string, string>, profile: 'recommended' | 'strict' = 'recommended') =>
    analyzeText(main, { path: '/m/main.tf', profile, module: () => ({ files: Object.entries(files).map(([p, text]) => ({ path: `/m/${p}`, text })) }) }).findings.filter((f) => !f.suppressed);

  it('variable defaults and locals of other files are followed; findings point at the reference', () => {
    const f = analyse({ 'variables.tf': 'variable "privileged" {\n  default = true\n}\nvariable "image" {}\n', 'locals.tf': 'locals {\n  user = "0"\n}\n' });
    const priv = f.find((x) => x.ruleId === 'tf/privileged-container')!;
    assert.strictEqual(main.slice(priv.span.start, priv.span.end), 'var.privileged');
    const root = f.find((x) => x.ruleId === 'tf/run-as-root')!;
    assert.strictEqual(main.slice(root.span.start, root.span.end), 'local.user');
    // var.image has no default and no value: unknown
    assert.ok(!f.some((x) => x.ruleId.startsWith('tf/image-')));
  });

  it('terraform.tfvars wins over a default, and *.auto.tfvars over terraform.tfvars', () => {
    const vars = 'variable "privileged" {\n  default = false\n}\nvariable "image" {}\n';
    assert.ok(!analyse({ 'variables.tf': vars }).some((x) => x.ruleId === 'tf/privileged-container'));
    assert.ok(analyse({ 'variables.tf': vars, 'terraform.tfvars': 'privileged = true\n' }).some((x) => x.ruleId === 'tf/privileged-container'));
    assert.ok(!analyse({ 'variables.tf': vars, 'terraform.tfvars': 'privileged = true\n', 'z.auto.tfvars': 'privileged = false\n' }).some((x) => x.ruleId === 'tf/privileged-container'));
    const img = analyse({ 'variables.tf': vars, 'prod.auto.tfvars': 'image = "nginx:latest"\n' }).find((x) => x.ruleId === 'tf/image-tag-latest')!;
    assert.strictEqual(main.slice(img.span.start, img.span.end), 'var.image');
  });

  it('a name the file defines itself is its own, whatever other files say', () => {
    const own = `locals {\n  user = "1000"\n}\n${main}`;
    const f = analyzeText(own, { path: '/m/main.tf', module: () => ({ files: [{ path: '/m/other.tf', text: 'locals {\n  user = "root"\n}\n' }] }) }).findings;
    assert.ok(!f.some((x) => x.ruleId === 'tf/run-as-root' && !x.suppressed));
  });

  it('locals that fan out exponentially are evaluated in bounded time', () => {
    let locals = 'locals {\n  l0 = "root"\n';
    for (let i = 1; i <= 40; i++) locals += `  l${i} = [local.l${i - 1}, local.l${i - 1}]\n`;
    locals += '  user = local.l40\n}\n';
    const f = analyse({ 'locals.tf': locals });
    assert.ok(!f.some((x) => x.ruleId === 'tf/run-as-root'), 'a list is not a user: nothing reported, and it ends');
  });

  it('broken module files and reference cycles give unknown values, not errors', () => {
    const f = analyse({ 'bad.tf': 'locals {\n  user = \n', 'cycle.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nvariable "privileged" { default = local.a }\n' });
    assert.ok(!f.some((x) => x.ruleId === 'tf/privileged-container' || x.ruleId === 'bulkhead/not-analysed'));
  });
});

describe('bulkhead scan: terraform', function () {
  this.timeout(30_000);
  it('scans .tf files in a tree, the same with --jobs 2, and writes valid SARIF', async () => {
    const d = tmpdir();
    fs.mkdirSync(path.join(d, 'infra'));
    fs.writeFileSync(path.join(d, 'infra/ecs.tf'), task('    { name = "web", image = "nginx:1.25", privileged = true }'));
    const one = await run(['scan', '.', '--format', 'json'], d);
    const two = await run(['scan', '.', '--format', 'json', '--jobs', '2'], d);
    assert.strictEqual(one.code, 1);
    assert.strictEqual(one.out, two.out);
    const items = JSON.parse(one.out) as { ruleId: string; file: string }[];
    assert.ok(items.some((i) => i.ruleId === 'tf/privileged-container' && i.file.endsWith('ecs.tf')));
  });

  it('reads the folder\'s variables and tfvars; --cache notices a changed tfvars', async () => {
    const d = tmpdir();
    fs.writeFileSync(path.join(d, 'main.tf'), task('    { name = "web", image = "nginx:1.25", privileged = var.privileged }'));
    fs.writeFileSync(path.join(d, 'variables.tf'), 'variable "privileged" {\n  type = bool\n}\n');
    fs.writeFileSync(path.join(d, 'terraform.tfvars'), 'privileged = false\n');
    const first = await run(['scan', '.', '--cache', '--format', 'json'], d);
    assert.ok(!first.out.includes('tf/privileged-container'), first.out);
    fs.writeFileSync(path.join(d, 'terraform.tfvars'), 'privileged = true\n');
    const second = await run(['scan', '.', '--cache', '--format', 'json'], d);
    assert.ok(second.out.includes('tf/privileged-container'), second.out);
  });
});

describe('terraform: findings and fixes in Terraform words', () => {
  it('names a module call\'s container inputs as the call spells them (v5 snake_case, v6 camelCase)', () => {
    const call = (name: string, version: string, input: string) =>
      `module "${name}" {\n  source  = "terraform-aws-modules/ecs/aws//modules/container-definition"\n  version = "${version}"\n  name  = "${name}"\n  image = "nginx:1.27.2"\n  ${input} = false\n}\n`;
    const rw = findings(call('v5', '5.12.1', 'readonly_root_filesystem') + call('v6', '~> 6.0', 'readonlyRootFilesystem')).filter((f) => f.ruleId === 'tf/writable-root-filesystem');
    assert.deepStrictEqual(
      rw.map((f) => [f.message, f.fixes.map((x) => x.title)]),
      [
        ['Container "v5" has a writable root filesystem (readonly_root_filesystem: false).', ['Set readonly_root_filesystem to true']],
        ['Container "v6" has a writable root filesystem (readonlyRootFilesystem: false).', ['Set readonlyRootFilesystem to true']],
      ],
    );
  });

  it('spells the readers’ property names as HCL attributes and blocks, values as HCL assignments', () => {
    assert.strictEqual(inTerraformWords('Repository x does not scan images on push (ScanOnPush is not set).'), 'Repository x does not scan images on push (scan_on_push is not set).');
    assert.strictEqual(inTerraformWords('has ScanOnPush: false: pushed images'), 'has scan_on_push = false: pushed images');
    assert.strictEqual(inTerraformWords('shares the host IPC namespace (ipcMode: "host").'), 'shares the host IPC namespace (ipc_mode = "host").');
    assert.strictEqual(inTerraformWords('no instance role (InstanceConfiguration.InstanceRoleArn)'), 'no instance role (instance_configuration.instance_role_arn)');
    assert.strictEqual(inTerraformWords('Enable all control-plane log types (Logging.ClusterLogging.EnabledTypes)'), 'Enable all control-plane log types (enabled_cluster_log_types)');
    assert.strictEqual(inTerraformWords('Set assignPublicIp to DISABLED (then a NAT gateway)'), 'Set assign_public_ip to false (then a NAT gateway)');
    assert.strictEqual(
      inTerraformWords('Enable Container Insights (ClusterSettings containerInsights: enabled)'),
      'Enable Container Insights (setting { name = "containerInsights", value = "enabled" })',
    );
    // a colon that ends a clause is not an assignment
    assert.strictEqual(inTerraformWords('has no EncryptionConfiguration: it is encrypted'), 'has no encryption_configuration: it is encrypted');
  });
  it('leaves alone what is not a reader property: plain words, container JSON keys, ARNs, actions, interpolations', () => {
    for (const s of [
      'Container "app" has a writable root filesystem: readOnlyRootFilesystem is not set.',
      'whoever may call ecs:ExecuteCommand gets a shell',
      'uses the same role (arn:aws:iam::123456789012:role/ecsTaskExecutionRole)',
      'image ${aws_ecr_repository.app.repository_url}:latest',
      'The AWS managed policy AdministratorAccess gives role aws_iam_role.task full control',
      'Name Tags Type',
    ]) assert.strictEqual(inTerraformWords(s), s);
  });
  it('rewrites the message and the quick-fix title a rule reports on a .tf file', () => {
    const text = 'resource "aws_ecr_repository" "app" {\n  name = "app"\n  image_scanning_configuration {\n    scan_on_push = false\n  }\n}\n';
    const f = analyzeText(text, { path: 'main.tf' }).findings.find((x) => x.ruleId === 'tf/ecr-scan-on-push');
    assert.ok(f, 'scan on push reported');
    assert.match(f.message, /scan_on_push = false/);
    assert.ok(!/ScanOnPush/.test(f.message), f.message);
    assert.deepStrictEqual(f.fixes.map((x) => x.title), ['Set scan_on_push to true']);
    // the same rule on CloudFormation keeps CloudFormation's words
    const cfn = 'Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      ImageScanningConfiguration:\n        ScanOnPush: false\n';
    const c = analyzeText(cfn, { path: 'template.yaml' }).findings.find((x) => x.ruleId === 'ecr/scan-on-push');
    assert.ok(c && /ScanOnPush/.test(c.message), c?.message);
  });
});

describe('terraform: a fix that adds a resource', () => {
  const svc = 'resource "aws_apprunner_service" "api" {\n  service_name = "api"\n  source_configuration {\n    image_repository {\n      image_identifier      = "public.ecr.aws/acme/api:1.0.0"\n      image_repository_type = "ECR_PUBLIC"\n    }\n  }\n}';
  const fixOf = (text: string, files: { path: string; text: string }[] = []) =>
    analyzeText(text, { path: '/m/main.tf', module: () => ({ files }) }).findings.find((x) => x.ruleId === 'tf/apprunner-no-instance-role')?.fixes[0];
  it('adds an aws_iam_role at the end of the file and references it by address; the placeholder is its name', () => {
    const text = svc + '\n';
    const fix = fixOf(text);
    assert.ok(fix, 'a fix is offered');
    assert.strictEqual(fix.safety, 'manual');
    const out = applyEdits(text, fix.edits);
    assert.match(out, /instance_configuration \{\n {4}instance_role_arn = aws_iam_role\.api_instance_role\.arn\n {2}\}\n\}\n\nresource "aws_iam_role" "api_instance_role" \{\n {2}assume_role_policy = jsonencode\(\{/);
    assert.match(out, /Service = "tasks\.apprunner\.amazonaws\.com"/);
    assert.deepStrictEqual(fix.placeholders?.map((p) => out.slice(p.start, p.end)), ['api_instance_role']);
    // the fixed file parses, and the finding is gone
    const after = analyzeText(out, { path: '/m/main.tf' }).findings;
    assert.ok(!after.some((x) => x.ruleId === 'tf/apprunner-no-instance-role' || x.ruleId === 'bulkhead/not-analysed'), JSON.stringify(after.map((x) => x.ruleId)));
  });
  it('picks a name no file of the module uses, and ends a file without a final newline properly', () => {
    const fix = fixOf(svc, [{ path: '/m/iam.tf', text: 'resource "aws_iam_role" "api_instance_role" {\n  name = "x"\n}\n' }]);
    assert.ok(fix);
    const out = applyEdits(svc, fix.edits);
    assert.match(out, /aws_iam_role\.api_instance_role_2\.arn/);
    assert.match(out, /\}\n\nresource "aws_iam_role" "api_instance_role_2" \{\n/);
  });
});

describe('terraform: fixes on terraform-aws-modules calls', () => {
  const call = (inputs: string) => `module "c" {\n  source  = "terraform-aws-modules/ecs/aws//modules/container-definition"\n  version = "5.12.1"\n\n  name  = "app"\n  image = "public.ecr.aws/acme/app:1.4.2"\n${inputs}}\n`;
  const fixesOf = (text: string, rule: string) => analyzeText(text, { path: 'main.tf' }).findings.filter((x) => x.ruleId === rule).flatMap((x) => x.fixes);
  it('replaces a value the call writes, in the spelling the call uses', () => {
    const text = call('  readonly_root_filesystem = false\n  privileged               = true\n');
    const ro = fixesOf(text, 'tf/writable-root-filesystem');
    assert.strictEqual(ro.length, 1);
    assert.match(applyEdits(text, ro[0].edits), /readonly_root_filesystem = true\n/);
    const pr = fixesOf(text, 'tf/privileged-container');
    assert.match(applyEdits(text, pr[0].edits), /privileged {15}= false\n/);
  });
  it('removes an added capability from the list the call writes', () => {
    const text = call('  linux_parameters = {\n    capabilities = {\n      add  = ["SYS_ADMIN", "NET_BIND_SERVICE"]\n      drop = ["ALL"]\n    }\n  }\n');
    const f = fixesOf(text, 'tf/cap-sys-admin');
    assert.strictEqual(f.length, 1);
    assert.match(applyEdits(text, f[0].edits), /add {2}= \["NET_BIND_SERVICE"\]/);
  });
  it('never adds an input the call leaves out (v5 and v6 spell it differently)', () => {
    const text = call('  linux_parameters = {\n    capabilities = {\n      add = ["NET_RAW"]\n    }\n  }\n');
    const drop = analyzeText(text, { path: 'main.tf', profile: 'strict' }).findings.filter((x) => /capabilities-not-dropped|net-raw/.test(x.ruleId));
    assert.ok(drop.length > 0, 'the missing drop is reported');
    for (const f of drop) for (const fx of f.fixes) for (const e of fx.edits) assert.ok(!/=/.test(e.newText), `no input inserted: ${e.newText}`);
  });
});

describe('terraform: an open repository policy says why its condition does not restrict it', () => {
  const policy = (condition: string) => `resource "aws_ecr_repository" "app" {\n  name = "app"\n}\n\nresource "aws_ecr_repository_policy" "app" {\n  repository = aws_ecr_repository.app.name\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = ["ecr:BatchGetImage"]\n${condition}    }]\n  })\n}\n`;
  const messages = (text: string) => analyzeText(text, { path: 'main.tf' }).findings.filter((x) => x.ruleId === 'tf/ecr-open-policy').map((x) => x.message);
  it('no condition, a ForAllValues-only condition, a restricting condition', () => {
    assert.deepStrictEqual(messages(policy('')), ['The repository policy of repository aws_ecr_repository.app allows any principal, without a condition.']);
    assert.deepStrictEqual(messages(policy('      Condition = { "ForAllValues:StringEquals" = { "aws:PrincipalOrgID" = "o-12345678" } }\n')), [
      'The repository policy of repository aws_ecr_repository.app allows any principal: its condition uses only ForAllValues: operators, which hold for a request without the key (an anonymous one).',
    ]);
    assert.deepStrictEqual(messages(policy('      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-12345678" } }\n')), []);
  });
});

describe('terraform: a repository policy on a repository made elsewhere', () => {
  const policy = (repository: string, principal = '"*"') =>
    `variable "repo" {}\n\nresource "aws_ecr_repository_policy" "shared" {\n  repository = ${repository}\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = ${principal}\n      Action    = ["ecr:BatchGetImage"]\n    }]\n  })\n}\n`;
  const all = (text: string) => analyzeText(text, { path: 'main.tf', profile: 'strict' }).findings;

  it('its policy is checked, named by what the policy names; nothing about the repository itself is reported', () => {
    for (const [repository, label] of [
      ['"shared"', 'repository "shared"'],
      ['var.repo', 'repository var.repo'],
      ['data.aws_ecr_repository.r.name', 'repository data.aws_ecr_repository.r.name'],
    ]) {
      const text = policy(repository);
      const f = all(text);
      assert.deepStrictEqual(
        f.map((x) => [x.ruleId, x.message, text.slice(x.span.start, x.span.end)]),
        [['tf/ecr-open-policy', `The repository policy of ${label} allows any principal, without a condition.`, '"*"']],
        repository,
      );
      assert.deepStrictEqual(f[0].fixes, []);
    }
    assert.deepStrictEqual(all(policy('"shared"', '{ AWS = "arn:aws:iam::111122223333:role/ci" }')), []);
  });

  it('a policy on a repository of the module is read once, as that repository\'s', () => {
    const text = `resource "aws_ecr_repository" "app" {\n  name = "app"\n  image_tag_mutability = "IMMUTABLE"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n\n` + policy('aws_ecr_repository.app.name').replace('variable "repo" {}\n\n', '');
    assert.deepStrictEqual(
      all(text)
        .filter((x) => x.ruleId === 'tf/ecr-open-policy')
        .map((x) => x.message),
      ['The repository policy of repository aws_ecr_repository.app allows any principal, without a condition.'],
    );
  });
});

describe('terraform: terraform-aws-modules/ecr calls', () => {
  const call = (name: string, inputs: string, source = 'terraform-aws-modules/ecr/aws') => `module "${name}" {\n  source          = "${source}"\n  repository_name = "${name}"\n${inputs}}\n`;
  const all = (text: string) =>
    analyzeText(text, { path: 'main.tf', profile: 'strict' }).findings.map((f) => ({ id: f.ruleId, message: f.message, token: text.slice(f.span.start, f.span.end), fixes: f.fixes.length }));

  it('an input that overrides a safe default is reported on it, in the call\'s words; relying on the defaults is not', () => {
    const text = call('app', '  repository_image_tag_mutability = "MUTABLE"\n  repository_image_scan_on_push   = false\n  repository_encryption_type      = "AES256"\n');
    assert.deepStrictEqual(all(text), [
      { id: 'tf/ecr-tag-mutability', message: 'Repository module.app has mutable image tags: a pushed tag can be overwritten.', token: '"MUTABLE"', fixes: 0 },
      { id: 'tf/ecr-scan-on-push', message: 'Repository module.app has repository_image_scan_on_push = false: pushed images are not scanned.', token: 'false', fixes: 0 },
      { id: 'tf/ecr-kms-encryption', message: 'Repository module.app is encrypted with AES-256, not a KMS key.', token: '"AES256"', fixes: 0 },
    ]);
    assert.deepStrictEqual(all(call('defaults', '')), []);
    assert.deepStrictEqual(all(call('gh', '  repository_image_scan_on_push = false\n', 'git::https://github.com/terraform-aws-modules/terraform-aws-ecr.git?ref=v2.3.0')).map((f) => f.id), ['tf/ecr-scan-on-push']);
  });

  it('a call that creates nothing, a public repository and another module are not read', () => {
    const mutable = '  repository_image_tag_mutability = "MUTABLE"\n';
    assert.deepStrictEqual(all(call('off', '  create = false\n' + mutable)), []);
    assert.deepStrictEqual(all(call('pub', '  repository_type = "public"\n' + mutable)), []);
    assert.deepStrictEqual(all(call('other', mutable, 'cloudposse/ecr/aws')), []);
  });

  it("the call's own policy is read; the one the module builds from its access lists is unknown", () => {
    const open = '  repository_policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage" }]\n  })\n';
    assert.deepStrictEqual(
      all(call('own', '  create_repository_policy = false\n' + open)).map((f) => [f.id, f.token]),
      [['tf/ecr-open-policy', '"*"']],
    );
    assert.deepStrictEqual(all(call('built', open)), []);
  });
});

describe('terraform: terraform-aws-modules/ecs services', () => {
  const all = (text: string) =>
    analyzeText(text, { path: 'main.tf', profile: 'strict' })
      .findings.filter((f) => f.ruleId.startsWith('tf/service-'))
      .map((f) => [f.ruleId, f.message, text.slice(f.span.start, f.span.end)]);

  it("a service module call's public IP, ECS Exec and platform version are read from its inputs; the defaults are not reported", () => {
    const svc = (inputs: string) => `module "api" {\n  source = "terraform-aws-modules/ecs/aws//modules/service"\n  name   = "api"\n${inputs}  container_definitions = {\n    app = { image = "nginx:1.25" }\n  }\n}\n`;
    assert.deepStrictEqual(all(svc('  assign_public_ip       = true\n  enable_execute_command = true\n  platform_version       = "1.3.0"\n')), [
      ['tf/service-public-ip', 'Service module.api assigns public IP addresses to its tasks: they are reachable from the internet.', 'true'],
      ['tf/service-exec-enabled', 'Service module.api has ECS Exec enabled: whoever may call ecs:ExecuteCommand gets a shell in its tasks.', 'true'],
      ['tf/service-fargate-platform-version', 'Service module.api runs on Fargate platform version 1.3.0, older than 1.4.0: it misses the current version\'s security changes and fixes.', '"1.3.0"'],
    ]);
    assert.deepStrictEqual(all(svc('')), []);
    assert.deepStrictEqual(all(svc('  assign_public_ip = false\n  enable_execute_command = var.exec\n')), []);
  });

  it("the root module's services are named by their module address", () => {
    const text = `module "ecs" {\n  source = "terraform-aws-modules/ecs/aws"\n  services = {\n    api = {\n      assign_public_ip = true\n    }\n    worker = {}\n  }\n}\n`;
    assert.deepStrictEqual(all(text), [['tf/service-public-ip', 'Service module.ecs.module.service["api"] assigns public IP addresses to its tasks: they are reachable from the internet.', 'true']]);
  });
});

describe("terraform: cloudposse's container-definition module", () => {
  const call = (inputs: string) => `module "app" {\n  source          = "cloudposse/ecs-container-definition/aws"\n  version         = "0.61.1"\n  container_name  = "app"\n  container_image = "nginx:1.25"\n${inputs}}\n`;
  const all = (text: string) => analyzeText(text, { path: 'main.tf', profile: 'recommended' }).findings.map((f) => [f.ruleId, text.slice(f.span.start, f.span.end), f.message]);

  it('its inputs are read as the container: what the call sets is reported on the input; what it leaves to the module is not', () => {
    const text = call('  privileged      = true\n  user            = "root"\n  map_environment = {\n    LOG_LEVEL   = "info"\n    DB_PASSWORD = "s3cr3t-Passw0rd!"\n  }\n');
    assert.deepStrictEqual(all(text), [
      ['tf/privileged-container', 'true', 'Container "app" runs privileged: it has full access to the host (every capability and device, and privilege escalation; capability settings do not apply).'],
      ['tf/run-as-root', '"root"', 'Container "app" runs as root (user "root").'],
      ['tf/secret-in-env', '"s3cr3t-Passw0rd!"', 'Container "app" sets DB_PASSWORD to a plain value that looks like a secret (name DB_PASSWORD: s3cr…d!).'],
    ]);
    assert.deepStrictEqual(all(call('')), []);
    // the fixes replace an input's value where it is written
    const fixed = applyEdits(text, analyzeText(text, { path: 'main.tf' }).findings.find((f) => f.ruleId === 'tf/privileged-container')!.fixes[0].edits);
    assert.match(fixed, /privileged {6}= false/);
  });

  it('a container_definition override may set any key: the call is not read', () => {
    assert.deepStrictEqual(all(call('  privileged = true\n  container_definition = { privileged = false }\n')), []);
  });
});

describe('terraform: names from variables', () => {
  it('an empty name from a variable default labels the resource by its address; a container is reported where it is written, not at the variable', () => {
    const text = 'variable "n" {\n  default = ""\n}\n\nresource "aws_eks_cluster" "c" {\n  name     = var.n\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n  }\n}\n\nresource "aws_ecs_task_definition" "t" {\n  family                = "t"\n  container_definitions = jsonencode([{ name = var.n, image = "nginx:1.27.2" }])\n}\n';
    const fs = analyzeText(text, { path: 'main.tf' }).findings;
    const eks = fs.find((x) => x.ruleId === 'tf/eks-public-endpoint');
    assert.ok(eks && eks.message.startsWith('EKS cluster aws_eks_cluster.c has'), eks?.message);
    const root = fs.find((x) => x.ruleId === 'tf/run-as-root');
    assert.ok(root, 'run-as-root reported');
    assert.strictEqual(root.range.start.line, 14, 'on the container in the task definition');
    assert.strictEqual(text.slice(root.span.start, root.span.end), 'name');
  });
});
