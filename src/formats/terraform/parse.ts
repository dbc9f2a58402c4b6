/**
 * Terraform (HCL) files into the shared model. A resource is read into the
 * shape another reader already knows, with its nodes ranged in the .tf
 * text: `aws_ecs_task_definition` becomes a task definition in the
 * register-task-definition JSON shape (its `container_definitions`, written
 * with `jsonencode(…)` or as heredoc JSON, are that JSON already) and goes
 * through the ECS reader. Rules then run with `tf/…` ids on the same views.
 *
 * Values are resolved within the module (`local.x`, `var.x` defaults and
 * tfvars of the folder); what is decided elsewhere (a module input, a
 * resource attribute, a data source) is unknown and never reported. A
 * `file(…)` of container definitions is read where it is: that JSON file is
 * analysed itself (files.ts). Resources are read through a syntax-neutral
 * body (body.ts), so `*.tf.json` and plan JSON (plan.ts) share the readers;
 * calls of the terraform-aws-modules ECS and EKS modules are read through
 * their inputs (modules.ts).
 */
import { inModuleWords, respell } from './words';
import type { Node as TsNode, Range } from 'web-tree-sitter';
import { EFS_NAMES, JOB_NAMES, SERVICE_NAMES, TASK_NAMES } from './names';
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Fix, LineIndex, Span, TextEdit } from '../../core';
import { ContainerSpec, ContainerWriter, unknownField } from '../../model/container';
import { createsNothing, ECR_MODULE_SPELLING, ecrModuleRepositories, eksModuleClusters, moduleContainers, ModuleContainer, ModuleService, moduleServices } from './modules';
import type { CfnResource } from '../cloudformation/resource';
import type { BaseModel } from '../model';
import { readBatchJobDefinition, readService, readTaskDefinition } from '../ecs/parse';
import type { EcsModel } from '../ecs/types';
import { addEcsViews } from '../ecs/views';
import { addCfnRepository, addPolicyOnlyRepository } from '../ecs/ecr';
import { readAppRunnerServices } from '../ecs/apprunner-cfn';
import { assignPublicIpValue, editable, HCL_BLOCKS, HCL_RESOURCES, HclEditor, HclNames } from './edit';
import type { Node } from '../yaml/doc';
import { child, children, ExternalRef, HclScope, keyAt, mapAt, TfBlock } from './hcl';
import { at, attributes, blockOf, clearAttributeCache, hclBody, TfBody, TfResource, unknownValue } from './body';
import { terraformParser, terraformProblem } from './parser';
import { keep, parseReusing } from './reuse';
import { cfnResources, DetachedRepositoryPolicy, hclResourceOf } from './cfn';
import { TERRAFORM_MODULE_LIMITS } from '../classify';
import { runReaders } from '../cloudformation/template';

export interface TerraformModel extends BaseModel {
  kind: 'terraform';
}

type Block = TfBlock;

/** Terraform writes no fix yet: a writer that offers none. */
export const NO_FIXES: ContainerWriter = {
  setFlag: () => undefined,
  runAsNonRoot: () => undefined,
  dropAllCapabilities: () => undefined,
  removeAddedCapability: () => undefined,
  removeEnv: () => undefined,
  moveEnvToSecret: () => undefined,
};

/** An empty ECS JSON model over a Terraform file's text: the ECS reader fills it with what Terraform resources become. */
export function ecsModelFor(text: string, lines: LineIndex): EcsModel {
  return { kind: 'ecs-json', text, lines, containers: [], workloads: [], taskDefs: [], services: [], editor: new HclEditor(text, lines), json: true, notes: [], suppressions: [] };
}

/** A view's writer on a plan: every method offers no edit. */
const NO_EDITS = new Proxy({}, { get: () => () => undefined });

/**
 * A reader's writer on Terraform: its edits go through the HCL editor, which
 * adds attributes and blocks to the blocks it knows and refuses what it
 * cannot write as Terraform (a value of another file, a map only the reader
 * arranged): then the method offers no edit. `accept`: whether a method's
 * result may be offered (else none is).
 */
function editableWriter<T extends object>(w: T, accept?: (method: string | symbol, result: unknown) => boolean): T {
  // a proxy: wrapping every method of every item up front costs more than the few calls a rule makes
  return new Proxy(w, {
    get(target, key) {
      const fn = (target as Record<string | symbol, unknown>)[key];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) =>
        editable(() => {
          const res = (fn as (...a: unknown[]) => unknown).apply(target, args);
          return res == null || !accept || accept(key, res) ? res : undefined;
        });
    },
  });
}

/** The other files of the file's module (its folder): `*.tf`, `terraform.tfvars`, `*.auto.tfvars`. */
export interface TerraformModule {
  files: { path: string; text: string }[];
}


/**
 * Every writer of a view item, nested ones too (a creation template's, a
 * volume's): through the HCL editor, or none (a plan).
 */
function writers(x: unknown, writable: boolean, depth = 0): unknown {
  if (typeof x === 'function') return writable ? (...args: unknown[]) => editable(() => (x as (...a: unknown[]) => unknown)(...args)) : () => undefined;
  if (!x || typeof x !== 'object' || depth > 4) return x;
  if (Array.isArray(x)) return x.some((v) => v && typeof v === 'object') ? x.map((v) => writers(v, writable, depth + 1)) : x;
  if (Object.getPrototypeOf(x) !== Object.prototype) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === 'writer') out[k] = writable && v && typeof v === 'object' ? editableWriter(v) : NO_EDITS;
    // the model's own container specs: their writers are Terraform's already (guardedWriter), and rules may compare them by identity
    else if (k === 'containers') out[k] = v;
    else out[k] = writers(v, writable, depth + 1);
  }
  return out;
}

/** View items another reader built, as Terraform's: target `tf`, writers through the HCL editor. */
function tf<T extends { target: unknown; writer?: unknown }>(items: T[], writable: boolean): T[] {
  return items.map((x) => ({ ...(writers(x, writable) as T), target: 'tf' }));
}

export function parseTerraform(text: string, lines: LineIndex, module?: TerraformModule, path?: string): TerraformModel {
  const model: TerraformModel = { kind: 'terraform', text, lines, containers: [], workloads: [], notes: [], suppressions: [], respell };
  const parser = terraformParser();
  if (!parser) {
    const why = terraformProblem();
    model.fatal = { message: `the Terraform parser is not loaded${why ? ` (${why})` : ''}.` };
    return model;
  }
  // A syntax error makes tree-sitter's recovery swallow what follows into one
  // broken block. A broken file is read block by block instead: each
  // top-level block (from a header line to the next) is parsed on its own,
  // and the intact ones are parsed together as the file's tree (tree-sitter's
  // included ranges keep every position), so an unclosed brace or string
  // costs its block only, and the work stays linear in the file.
  const src = text;
  let broken = 0;
  let firstBroken: Span | undefined;
  // the file's last tree, when it was analysed before, re-parsed only where the text changed
  let tree = parseReusing(parser, src, path);
  let keepTree = true;
  if (tree && tree.rootNode.hasError) {
    keepTree = false;
    const good: Range[] = [];
    for (const c of topLevelChunks(src)) {
      const r = rangeOf(c, lines);
      const t = parser.parse(src, null, { includedRanges: [r] });
      if (t && !t.rootNode.hasError) good.push(r);
      else if (src.slice(c.start, c.end).trim()) {
        broken++;
        const at = c.start + (src.slice(c.start, c.end).length - src.slice(c.start, c.end).trimStart().length);
        firstBroken ??= { start: at, end: Math.max(at, lines.lineEnd(lines.positionAt(at).line)) };
      }
      t?.delete();
    }
    tree.delete();
    tree = good.length ? parser.parse(src, null, { includedRanges: good }) : parser.parse('');
  }
  if (!tree) {
    model.fatal = { message: 'the Terraform parser gave no syntax tree.' };
    return model;
  }
  const moduleTrees: { delete(): void }[] = [];
  try {
    const body = child(tree.rootNode, 'body');
    const blocks: Block[] = [];
    for (const b of children(body, 'block')) if (!b.hasError) blocks.push(blockOf(b, src));
    if (broken && firstBroken) model.notes!.push({ span: firstBroken, message: `Not analysed: ${broken > 1 ? `${broken} blocks have` : 'a block has'} syntax errors; the rest of the file was checked.` });

    // a comment above a block (`#trivy:ignore:…`, `# bulkhead-ignore …`) covers the whole block, as Trivy and Checkov read it
    model.statements = blockSpans(blocks.map((b) => b.node));
    model.skipScopes = blocks.map((b) => ({ start: b.node.startIndex, end: b.node.endIndex }));

    const scope: HclScope = { text: src, locals: new Map(), defaults: new Map() };
    definitions(blocks, src, scope.locals, scope.defaults);
    moduleTrees.push(...withModule(scope, src, module, parser));

    const resources: TfResource[] = [];
    for (const b of blocks) {
      if ((b.type !== 'resource' && !(b.type === 'data' && b.labels[0]?.value === 'aws_iam_policy_document')) || b.labels.length < 2) continue;
      const [type, name] = b.labels;
      const body = hclBody(b, scope);
      if (createsNothing((m) => body.attr(m)?.value())) continue;
      resources.push({ type: b.type === 'data' ? `data.${type.value}` : type.value, name: name.value, typeAt: at(type.span.start, type.span.end), nameAt: at(name.span.start, name.span.end), body });
    }
    const ecrModules = ecrModuleRepositories(blocks, scope);
    readResources(model, resources, src, true, [...eksModuleClusters(blocks, scope), ...ecrModules.resources], module?.files.map((f) => f.text), moduleServices(blocks, scope));
    const mods = moduleContainers(blocks, scope);
    model.containers.push(...moduleContainerSpecs(mods, text, lines));
    // a report on a module call (a container, a repository) names its inputs as the call spells them
    const spelt = [...mods.filter((m) => Object.keys(m.spelling).length > 0), ...ecrModules.spelt.map((at) => ({ at, spelling: ECR_MODULE_SPELLING }))];
    if (spelt.length)
      model.respell = <R extends { span: Span; message: string; fixes?: Fix[] }>(r: R): R => {
        const x = respell(r);
        const m = spelt.find((s) => r.span.start >= s.at.start && r.span.start <= s.at.end);
        return m ? inModuleWords(x, m.spelling) : x;
      };
  } finally {
    clearAttributeCache();
    for (const t of moduleTrees) t.delete();
    if (keepTree) keep(path, src, tree);
    else tree.delete();
  }
  return model;
}

/** The top-level blocks of a file: from one header line (`resource "x" "y" {` at the start of a line) to the next; the text before the first is one more. */
function topLevelChunks(text: string): Span[] {
  const re = /^[A-Za-z_][\w-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{/gm;
  const starts = [0];
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : text.length }));
}

/** A span as tree-sitter's range (positions in UTF-16 code units, as the bindings count). */
function rangeOf(c: Span, lines: LineIndex): Range {
  const point = (offset: number) => {
    const p = lines.positionAt(offset);
    return { row: p.line, column: p.character };
  };
  return { startIndex: c.start, endIndex: c.end, startPosition: point(c.start), endPosition: point(c.end) };
}

/**
 * The resources of a file (or a plan) into the model's views: task
 * definitions, services and Batch jobs through the ECS reader, resources
 * with a CloudFormation twin through the CloudFormation readers, App Runner
 * services through the App Runner reader; every item retargeted to `tf`.
 */
export function readResources(model: BaseModel, resources: TfResource[], src: string, writable = true, moduleClusters: CfnResource[] = [], otherFiles: string[] = [], moduleSvcs: ModuleService[] = []): void {
  const { text, lines } = model;
  const ecs = ecsModelFor(text, lines);
  for (const s of moduleSvcs) readService(ecs, s.map, `service ${s.label}`);
  for (const r of resources) {
    const address = r.address ?? `${r.type}.${r.name}`;
    const anchor = { start: r.nameAt.startIndex, end: r.nameAt.endIndex };
    if (r.type === 'aws_ecs_service') readService(ecs, service(r.body, src), `service ${address}`);
    else if (r.type === 'aws_batch_job_definition') {
      const jd = mapAt(r.body.at);
      copy(jd, r.body, JOB_NAMES);
      readBatchJobDefinition(ecs, jd, address, anchor);
    } else if (r.type === 'aws_ecs_task_definition') {
      const family = r.body.attr('family')?.value();
      const known = family instanceof Scalar && !family.tag && typeof family.value === 'string' && !family.value.includes('${') ? family.value : undefined;
      readTaskDefinition(ecs, taskDefinition(r.body, src), { family: known, label: `task definition ${address}`, anchor, owner: writable ? address : undefined });
    }
  }
  addEcsViews(ecs);
  // the ECS writers, over the HCL editor, guarded
  const nodes = new Map(ecs.taskDefs.flatMap((td) => td.containers.map((c) => [c.spec, c.node] as const)));
  for (const c of ecs.containers) {
    c.target = 'tf';
    const node = nodes.get(c);
    c.writer = node && writable ? guardedWriter(c.writer, node) : NO_FIXES;
  }
  const services = tf(ecs.views?.services ?? [], writable);
  for (const w of ecs.workloads) {
    w.target = 'tf';
    w.writer = writable && w.writer ? editableWriter(w.writer) : undefined;
  }
  const tasks = tf(ecs.views?.tasks ?? [], writable).map((t) => ({ ...t, taskRoleKey: 'task_role_arn' }));
  // resources with a CloudFormation twin go through the CloudFormation readers
  const detached: DetachedRepositoryPolicy[] = [];
  const cfn = [...cfnResources(resources, src, detached), ...moduleClusters];
  for (const r of cfn) if (r.type === 'AWS::ECR::Repository') addCfnRepository(ecs, r.logicalId, r.pair, r.node);
  for (const d of detached) addPolicyOnlyRepository(ecs, d.label, d.anchor, d.span, d.policy);
  const map = new YAMLMap();
  map.items.push(...cfn.map((r) => r.pair));
  ecs.cfn = { resources: map, shortTags: false, logicalIds: new Set(cfn.map((r) => r.logicalId)), newId: (owner, suffix, type) => newAddress(resources, otherFiles, owner, suffix, type) };
  if (writable) HCL_RESOURCES.set(map, hclResourceOf);
  const cv = runReaders(ecs.cfn, cfn, { text: src, editor: ecs.editor, json: true });
  readAppRunnerServices(ecs);
  // ECS Express services: their one container, task and service
  for (const c of cv.containers) {
    c.target = 'tf';
    c.writer = NO_FIXES;
  }
  model.containers = [...ecs.containers, ...cv.containers];
  model.workloads = ecs.workloads;
  model.views = {
    tasks: [...tasks, ...tf(cv.tasks, writable).map((t) => ({ ...t, taskRoleKey: 'task_role_arn' }))],
    services: [...services, ...tf(cv.services, writable)],
    ecsClusters: tf(cv.ecsClusters, writable),
    repositories: tf(ecs.repositories ?? [], writable),
    registries: tf(cv.registries, writable),
    eksClusters: tf(cv.eksClusters, writable),
    nodegroups: tf(cv.nodegroups, writable),
    webServices: tf(ecs.appRunnerServices ?? [], writable),
    roles: tf(cv.roles, writable),
  };
}

/**
 * The containers of `terraform-aws-modules/ecs` calls, through the ECS
 * reader: what a call does not write is unknown (the module decides it).
 */
function moduleContainerSpecs(mods: ModuleContainer[], text: string, lines: LineIndex): ContainerSpec[] {
  if (!mods.length) return [];
  const ecs = ecsModelFor(text, lines);
  const out: ContainerSpec[] = [];
  for (const m of mods) {
    const before = ecs.containers.length;
    readTaskDefinition(ecs, m.taskDefinition, { label: m.label, anchor: m.anchor });
    for (const c of ecs.containers.slice(before)) {
      const unseen = unknownField<boolean>(c.anchor);
      if (!m.given.has('privileged')) c.privileged = unseen;
      if (!m.given.has('readonlyRootFilesystem')) c.readOnlyRootFilesystem = unseen;
      if (!m.given.has('user')) c.identity = { verdict: 'unknown', span: c.anchor, detail: `${m.label} sets no user` };
      if (!m.given.has('linuxParameters')) {
        c.capAdd = [];
        c.capDrop = undefined;
        c.capsUnknown = true;
      }
      // the modules send the logs to a CloudWatch log group of their own unless told otherwise
      if (!m.given.has('logConfiguration')) c.logging = undefined;
      c.target = 'tf';
      c.writer = moduleWriter(c.writer);
      out.push(c);
    }
  }
  return out;
}

/**
 * Copies attributes into a map under the JSON names the ECS reader knows;
 * a map of an HCL block is registered for the writers (JSON name →
 * attribute, plus the nested blocks `blocks` names).
 */
function copy(map: YAMLMap, body: TfBody, names: Record<string, string>, blocks: HclNames = {}): void {
  for (const [hcl, json] of Object.entries(names)) {
    const a = body.attr(hcl);
    if (a) map.items.push(new Pair(keyAt(json, a.key), a.value()));
  }
  if (body.hcl) HCL_BLOCKS.set(map, { at: { start: body.at.startIndex, end: body.at.endIndex }, names: { ...attrNames(names), ...blocks } });
}

function attrNames(names: Record<string, string>): HclNames {
  return Object.fromEntries(Object.entries(names).map(([hcl, json]) => [json, { attr: hcl }]));
}


/**
 * The address of a resource a fix adds for `owner` (`aws_apprunner_service.api`
 * + `InstanceRole` → `aws_iam_role.api_instance_role`), free in this file and
 * in the other files of its folder (one module: an address is written once).
 */
function newAddress(resources: TfResource[], otherFiles: string[], owner: string, suffix: string, cfnType: string): string | undefined {
  const type = hclResourceOf(cfnType)?.type;
  if (!type) return undefined;
  const taken = new Set(resources.map((r) => `${r.type}.${r.name}`));
  for (const t of otherFiles) for (const m of t.matchAll(/^\s*resource\s+"([\w-]+)"\s+"([\w-]+)"/gm)) taken.add(`${m[1]}.${m[2]}`);
  const base = `${owner.slice(owner.lastIndexOf('.') + 1)}_${suffix.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`.replace(/[^\w-]/g, '_');
  let name = base;
  for (let i = 2; taken.has(`${type}.${name}`); i++) name = `${base}_${i}`;
  return `${type}.${name}`;
}

/** `aws_ecs_task_definition` in the register-task-definition JSON shape. */
function taskDefinition(b: TfBody, text: string): YAMLMap {
  const map = mapAt(b.at);
  copy(map, b, TASK_NAMES);
  // volume blocks; a `dynamic "volume"` block makes the list unknown
  const volumes = b.blocks('volume');
  if (volumes.unknown) map.items.push(new Pair(keyAt('volumes', volumes.unknown), unknownValue(text, volumes.unknown)));
  else if (volumes.items.length) {
    const first = volumes.items[0].at;
    const last = volumes.items[volumes.items.length - 1].at;
    const seq = new YAMLSeq();
    seq.range = [first.startIndex, last.endIndex, last.endIndex];
    for (const v of volumes.items) {
      const vm = mapAt(v.at);
      copy(vm, v, { name: 'name' }, { efsVolumeConfiguration: { block: 'efs_volume_configuration', names: attrNames(EFS_NAMES) } });
      const hp = v.attr('host_path');
      if (hp) {
        const value = hp.value();
        const host = mapAt({ startIndex: hp.key.startIndex, endIndex: value.range?.[1] ?? hp.key.endIndex });
        host.items.push(new Pair(keyAt('sourcePath', hp.key), value));
        vm.items.push(new Pair(keyAt('host', hp.key), host));
      }
      const efs = v.blocks('efs_volume_configuration').items[0];
      if (efs) {
        const em = mapAt(efs.at);
        copy(em, efs, EFS_NAMES);
        vm.items.push(new Pair(keyAt('efsVolumeConfiguration', efs.typeAt), em));
      }
      seq.items.push(vm);
    }
    map.items.push(new Pair(keyAt('volumes', first), seq as unknown as Node));
  }
  return map;
}

/** `aws_ecs_service` in the create-service JSON shape: `assign_public_ip` (a boolean) as ENABLED/DISABLED, ECS Exec. */
function service(b: TfBody, text: string): YAMLMap {
  const map = mapAt(b.at);
  copy(map, b, SERVICE_NAMES);
  const ncs = b.blocks('network_configuration');
  const nc = ncs.items[0];
  if (ncs.unknown) {
    map.items.push(new Pair(keyAt('networkConfiguration', ncs.unknown), unknownValue(text, ncs.unknown)));
  } else if (nc) {
    const avpc = mapAt(nc.at);
    const ip = nc.attr('assign_public_ip');
    if (ip) avpc.items.push(new Pair(keyAt('assignPublicIp', ip.key), assignPublicIpValue(ip.value(), [ip.key.startIndex, ip.key.endIndex], text)));
    const ncm = mapAt(nc.at);
    ncm.items.push(new Pair(keyAt('awsvpcConfiguration', nc.typeAt), avpc));
    map.items.push(new Pair(keyAt('networkConfiguration', nc.typeAt), ncm));
  }
  return map;
}

/** A file's `locals` and `variable` defaults, as its own nodes. */
function definitions(blocks: Block[], text: string, locals: Map<string, TsNode | ExternalRef>, defaults: Map<string, TsNode | ExternalRef>, wrap?: (n: TsNode) => ExternalRef): void {
  for (const b of blocks) {
    if (b.type === 'locals') for (const [k, v] of attributes(b.body, text)) if (!locals.has(k)) locals.set(k, wrap ? wrap(v.value) : v.value);
    if (b.type === 'variable' && b.labels[0]) {
      const d = attributes(b.body, text).get('default');
      if (d && !defaults.has(b.labels[0].value)) defaults.set(b.labels[0].value, wrap ? wrap(d.value) : d.value);
    }
  }
}

/**
 * Adds the module's other files to the scope: their locals and variable
 * defaults, and the values `terraform.tfvars` and `*.auto.tfvars` give
 * variables (those win over defaults, the later file over the earlier, as
 * Terraform reads them). Read only when the file refers to a name it does
 * not define itself. Returns the syntax trees to free once analysed.
 */
function withModule(scope: HclScope, text: string, module: TerraformModule | undefined, parser: NonNullable<ReturnType<typeof terraformParser>>): { delete(): void }[] {
  if (!module?.files.length) return [];
  const wanted = [...text.matchAll(/\b(local|var)\.([A-Za-z_][\w-]*)/g)].filter((m) => !(m[1] === 'local' ? scope.locals : scope.defaults).has(m[2]));
  if (!wanted.length) return [];
  const trees: { delete(): void }[] = [];
  // one shared table for the module: every file's scope resolves names across all of them
  const locals = new Map<string, TsNode | ExternalRef>(scope.locals);
  const defaults = new Map<string, TsNode | ExternalRef>(scope.defaults);
  const tfvars: { path: string; scope: HclScope; attrs: Map<string, { key: TsNode; value: TsNode }> }[] = [];
  for (const f of module.files.slice(0, TERRAFORM_MODULE_LIMITS.files)) {
    const tree = parser.parse(f.text);
    if (!tree) continue;
    trees.push(tree);
    const fileScope: HclScope = { text: f.text, locals, defaults };
    const body = child(tree.rootNode, 'body');
    if (/\.tfvars$/.test(f.path)) {
      tfvars.push({ path: f.path, scope: fileScope, attrs: attributes(body, f.text) });
      continue;
    }
    const blocks = children(body, 'block')
      .filter((b) => !b.hasError)
      .map((b) => blockOf(b, f.text));
    definitions(blocks, f.text, locals, defaults, (node) => ({ node, scope: fileScope }));
  }
  // terraform.tfvars first, then *.auto.tfvars in name order: the last value wins
  tfvars.sort((a, b) => (a.path.endsWith('terraform.tfvars') ? -1 : b.path.endsWith('terraform.tfvars') ? 1 : a.path.localeCompare(b.path)));
  for (const t of tfvars) for (const [k, v] of t.attrs) if (!v.value.hasError) defaults.set(k, { node: v.value, scope: t.scope });
  scope.locals = locals;
  scope.defaults = defaults;
  return trees;
}

/**
 * A container's writer on Terraform: the ECS writer over the HCL-aware
 * editor (HCL in `jsonencode(…)`, JSON in a heredoc). A flag is set where
 * its literal is written, which is where the finding points (a `local` or a
 * variable default of this file: every container reading it is reported
 * there, and fixed together). Any other edit is offered only when it lies
 * inside the container as written: moving a variable out of an environment
 * list a local shares would take it from the other containers too. Values
 * of other files are never edited (the editor refuses them).
 */
function guardedWriter(w: ContainerWriter, node: YAMLMap): ContainerWriter {
  const r = node.range;
  const inside = (edits: TextEdit[] | undefined) => !!r && !!edits?.length && edits.every((e) => e.start >= r[0] && e.end <= r[1]);
  const inPlace = (edits: TextEdit[] | undefined) => edits?.length === 1 && edits[0].end > edits[0].start;
  return editableWriter(w, (name, res) => {
    const edits = Array.isArray(res) ? (res as TextEdit[]) : (res as Fix).edits;
    return inside(edits) || (name === 'setFlag' && inPlace(edits));
  });
}

/**
 * A module call's container: only edits of what the call writes, where it
 * writes it (a value replaced, a list item removed). An input the call
 * leaves out is never added: v5 and v6 of the modules spell it differently
 * (`readonly_root_filesystem`, `readonlyRootFilesystem`).
 */
function moduleWriter(w: ContainerWriter): ContainerWriter {
  const kept = new Set<string | symbol>(['setFlag', 'runAsNonRoot', 'removeAddedCapability', 'removeEnv']);
  return editableWriter(w, (name, res) => {
    if (!kept.has(name)) return false;
    const edits = Array.isArray(res) ? (res as TextEdit[]) : (res as Fix).edits;
    return edits.length > 0 && edits.every((e) => e.end > e.start && !/[=\n]/.test(e.newText));
  });
}

/** Every block's span, nested blocks included (`volume { … }` inside a resource). */
function blockSpans(nodes: TsNode[], depth = 0): Span[] {
  if (depth > 8) return [];
  const out: Span[] = [];
  for (const n of nodes) {
    out.push({ start: n.startIndex, end: n.endIndex });
    out.push(...blockSpans(children(child(n, 'body'), 'block'), depth + 1));
  }
  return out;
}
