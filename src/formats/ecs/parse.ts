import type { LineIndex, Span } from '../../core';
import { ContainerSpec, EnvVar, Field, Identity, WorkloadSpec, known, unknownField } from '../../model/container';
import type { BaseModel } from '../model';
import { asMap, asSeq, getPairCI, isIntrinsic, isMap, isScalar, nodeSpan, parseYamlDocs, readBool, readNumber, readString, Node, Pair, YAMLMap, YAMLSeq } from '../yaml/doc';
import { YamlEditor } from '../yaml/edit';
import { pairField } from '../yaml/field';
import { ecsContainerWriter, ecsWorkloadWriter } from './writer';
import type { RepositorySpec } from '../../model/repository';
import type { AppRunnerServiceSpec } from '../../model/webservice';
import { addEcsViews } from './views';
import { readImageString, readTemplateString, withMappings } from '../cloudformation/props';
import { metadataSuppressions, openTemplate, runReaders, templateResources } from '../cloudformation/template';
import { VIEW_NAMES } from '../../model/views';
import { addCfnRepository } from './ecr';
import { readAppRunnerServices } from './apprunner-cfn';

/**
 * ECS task definitions, ECS services and AWS Batch job definitions, read from
 * - task-definition JSON (`register-task-definition` input; `describe-task-definition`
 *   output under `taskDefinition`),
 * - Batch job-definition JSON (`containerProperties`, `ecsProperties`, `nodeProperties`),
 * - `create-service` JSON (`networkConfiguration.awsvpcConfiguration`),
 * - CloudFormation templates (YAML or JSON): `AWS::ECS::TaskDefinition`,
 *   `AWS::ECS::Service`, `AWS::ECS::TaskSet`, `AWS::Batch::JobDefinition`.
 *
 * Keys are matched case-insensitively (CloudFormation spells them PascalCase,
 * the JSON APIs camelCase); an intrinsic (`!Ref`, `{"Fn::If": …}`) or a
 * templating placeholder (`${…}`, `<IMAGE1_NAME>`) is an unknown value.
 */
export type { EcsFormat, RoleSlot, EcsVolume, EcsContainer, EcsTaskDef, EcsService, CfnTemplate, EcsModel } from './types';
import type { EcsFormat, RoleSlot, EcsVolume, EcsContainer, EcsTaskDef, EcsService, CfnTemplate, EcsModel } from './types';
import { respellCfn } from '../cloudformation/words';

const TEMPLATED = /\$\{[^}]*\}|^<[^<>]+>$|\{\{.*\}\}|#\{[^}]*\}/;

/** The file is JSON (keys and strings double-quoted), by name or first character. */
export function isJsonText(path: string, text: string): boolean {
  if (/\.jsonc?$/i.test(path)) return true;
  if (/\.ya?ml$/i.test(path)) return false;
  return /^\s*[{[]/.test(text);
}

export function parseEcs(kind: 'ecs-json' | 'cloudformation', text: string, lines: LineIndex, path: string): EcsModel {
  const json = isJsonText(path, text);
  const editor = new YamlEditor(text, lines, json);
  const model: EcsModel = { kind, text, lines, containers: [], workloads: [], taskDefs: [], services: [], editor, json, notes: [], suppressions: [] };
  // the shared rules name some properties as the ECS API does; a template spells them with a capital
  if (kind === 'cloudformation') model.respell = respellCfn;
  const docs = parseYamlDocs(text);
  let broken = 0;
  let firstError: Span | undefined;
  for (const d of docs) {
    if (d.errors.length) {
      // a half-typed file would yield false "missing" findings: skip the document
      broken++;
      firstError ??= d.errors[0].span;
      continue;
    }
    const root = asMap(d.root);
    if (!root) {
      const seq = asSeq(d.root);
      // a list of task/job definitions (e.g. `describe-job-definitions` items pasted as an array)
      for (const it of seq?.items ?? []) {
        const m = asMap(it);
        if (m) readJsonRoot(model, m);
      }
      continue;
    }
    if (kind === 'cloudformation' || getPairCI(root, 'Resources') || getPairCI(root, 'AWSTemplateFormatVersion')) withMappings(asMap(getPairCI(root, 'Mappings')?.value), () => readTemplate(model, root));
    else readJsonRoot(model, root);
  }
  if (broken && firstError) {
    model.notes!.push({
      span: firstError,
      message: `Not analysed: ${broken > 1 ? `${broken} documents have` : 'the document has'} syntax errors; ECS checks run once it parses.`,
    });
  }
  addEcsViews(model);
  return model;
}

// ------------------------------------------------------------------ readers

function val(map: unknown, key: string): Node | null | undefined {
  return getPairCI(map, key)?.value;
}

/** A pair whose value is `null` (or empty) sets nothing: treated as absent. */
function absentIfNull(p: Pair | undefined): Pair | undefined {
  return p && (p.value == null || (isScalar(p.value) && (p.value as { value: unknown }).value == null && !isIntrinsic(p.value))) ? undefined : p;
}

function isTemplated(s: string): boolean {
  return TEMPLATED.test(s);
}

/** A string field; `${…}`/`<…>` placeholders are unknown. */
export function strField(pair: Pair | undefined): Field<string> | undefined {
  return pairField(pair, readTemplateString, isTemplated);
}

function boolField(pair: Pair | undefined): Field<boolean> | undefined {
  return pairField(pair, readBool);
}

function listOf(node: unknown): { items: (Node | null)[]; unknown: boolean; seq?: YAMLSeq } {
  if (node == null) return { items: [], unknown: false };
  if (isScalar(node) && (node as { value: unknown }).value == null) return { items: [], unknown: false };
  const seq = asSeq(node);
  if (!seq || isIntrinsic(node)) return { items: [], unknown: true };
  return { items: seq.items as (Node | null)[], unknown: false, seq };
}

function readJsonRoot(model: EcsModel, root: YAMLMap): void {
  // describe-task-definition output
  const td = asMap(val(root, 'taskDefinition'));
  if (td && getPairCI(td, 'containerDefinitions')) {
    addTaskDef(model, td, 'ecs-json', { family: readKnown(val(td, 'family')) });
    return;
  }
  // describe-job-definitions output
  const jds = asSeq(val(root, 'jobDefinitions'));
  if (jds) {
    for (const it of jds.items) {
      const m = asMap(it);
      if (m) readJsonRoot(model, m);
    }
    return;
  }
  // create-service / update-service input, describe-services output
  const svcs = asSeq(val(root, 'services'));
  if (svcs) {
    for (const it of svcs.items) {
      const m = asMap(it);
      if (m) addService(model, m, 'ecs-json', `service ${readKnown(val(m, 'serviceName')) ?? '(unnamed)'}`);
    }
  }
  const svc = asMap(val(root, 'service'));
  if (svc && getPairCI(svc, 'networkConfiguration')) addService(model, svc, 'ecs-json', `service ${readKnown(val(svc, 'serviceName')) ?? '(unnamed)'}`);
  if (getPairCI(root, 'networkConfiguration') && !getPairCI(root, 'containerDefinitions')) {
    addService(model, root, 'ecs-json', `service ${readKnown(val(root, 'serviceName')) ?? readKnown(val(root, 'service')) ?? '(unnamed)'}`);
  }
  if (getPairCI(root, 'containerDefinitions')) {
    addTaskDef(model, root, 'ecs-json', { family: readKnown(val(root, 'family')) });
    return;
  }
  if (getPairCI(root, 'containerProperties') || getPairCI(root, 'ecsProperties') || getPairCI(root, 'nodeProperties')) {
    addBatchJob(model, root, undefined, readKnown(val(root, 'jobDefinitionName')));
  }
}

function readKnown(n: unknown): string | undefined {
  const r = readString(n);
  return r?.known && !isTemplated(r.value) ? r.value : undefined;
}

function readTemplate(model: EcsModel, root: YAMLMap): void {
  const tpl = openTemplate(root, model.text, model.json);
  if (!tpl) return;
  model.cfn = tpl;
  const resources = templateResources(tpl);
  model.skipScopes = [];
  for (const r of resources) {
    model.suppressions!.push(...metadataSuppressions(r.node));
    // from the logical id: a comment between it and the first property is inside the resource too
    model.skipScopes.push({ start: nodeSpan(r.pair.key as Node).start, end: nodeSpan(r.node).end });
    if (r.type === 'AWS::ECR::Repository') {
      addCfnRepository(model, r.logicalId, r.pair, r.node);
      continue;
    }
    const props = r.props;
    if (!props) continue;
    if (r.type === 'AWS::ECS::TaskDefinition') {
      const typeSpan = nodeSpan(getPairCI(r.node, 'Type')!.value as Node);
      addTaskDef(model, props, 'cfn', { logicalId: r.logicalId, family: readKnown(val(props, 'Family')), anchor: r.anchor, typeSpan });
    } else if (r.type === 'AWS::ECS::Service' || r.type === 'AWS::ECS::TaskSet') {
      addService(model, props, 'cfn', r.logicalId);
    } else if (r.type === 'AWS::Batch::JobDefinition') {
      addBatchJob(model, props, r.logicalId, readKnown(val(props, 'JobDefinitionName')), r.anchor);
    }
  }
  readAppRunnerServices(model);
  // resource types with a reader of their own in formats/cloudformation (clusters, registries, IAM, Express …)
  const views = runReaders(tpl, resources, { text: model.text, editor: model.editor, json: model.json });
  model.views = { ...model.views };
  for (const n of VIEW_NAMES) if (views[n].length) (model.views[n] as unknown[]) = [...((model.views[n] as unknown[] | undefined) ?? []), ...views[n]];
}

function hostFlag(f: Field<string> | undefined): Field<boolean> | undefined {
  if (!f) return undefined;
  if (!f.known) return unknownField(f.span, f.keySpan);
  return known(f.value!.toLowerCase() === 'host', f.span, f.keySpan);
}

function fargateOf(n: unknown): boolean {
  for (const it of asSeq(n)?.items ?? []) if (readKnown(it)?.toUpperCase() === 'FARGATE') return true;
  return false;
}

interface TaskOpts {
  logicalId?: string;
  owner?: string;
  family?: string;
  anchor?: Span;
  typeSpan?: Span;
  /** for messages, when the format names it its own way (`aws_ecs_task_definition.app`) */
  label?: string;
}

function anchorOf(map: YAMLMap, preferred: string[]): Span {
  for (const k of preferred) {
    const p = getPairCI(map, k);
    if (!p?.value) continue;
    // a value written elsewhere (a Terraform variable's default): the key, where the map names it
    const v = nodeSpan(p.value as Node);
    const r = map.range;
    return !r || (v.start >= r[0] && v.end <= r[1]) || !(p.key as Node | null)?.range ? v : nodeSpan(p.key as Node);
  }
  const first = map.items[0];
  return first ? nodeSpan(first.key as Node) : nodeSpan(map);
}

function newTaskDef(model: EcsModel, node: YAMLMap, format: EcsFormat, kind: EcsTaskDef['kind'], label: string, anchor: Span, role: RoleSlot, opts: TaskOpts): EcsTaskDef {
  const networkMode = strField(getPairCI(node, 'networkMode'));
  const pidMode = strField(getPairCI(node, 'pidMode'));
  const ipcMode = strField(getPairCI(node, 'ipcMode'));
  const workload: WorkloadSpec = {
    target: 'ecs',
    format,
    label,
    span: nodeSpan(node),
    anchor,
    hostNetwork: hostFlag(networkMode),
    hostPID: hostFlag(pidMode),
    hostIPC: hostFlag(ipcMode),
    containers: [],
  };
  const td: EcsTaskDef = {
    format,
    kind,
    label,
    logicalId: opts.logicalId,
    owner: opts.owner,
    family: opts.family,
    node,
    span: nodeSpan(node),
    anchor,
    role,
    networkMode,
    pidMode,
    ipcMode,
    fargate: fargateOf(val(node, 'requiresCompatibilities')) || fargateOf(val(node, 'platformCapabilities')),
    volumes: [],
    volumesUnknown: false,
    containers: [],
    containersUnknown: false,
    workload,
  };
  workload.writer = ecsWorkloadWriter(model, td);
  return td;
}

function addTaskDef(model: EcsModel, node: YAMLMap, format: EcsFormat, opts: TaskOpts): void {
  const name = opts.logicalId ?? opts.family;
  const label = opts.label ?? (format === 'cfn' ? `${opts.logicalId}` : `task definition ${opts.family ?? '(unnamed)'}`);
  const anchor = opts.anchor ?? anchorOf(node, ['family']);
  const role: RoleSlot = {
    map: node,
    key: 'taskRoleArn',
    role: strField(getPairCI(node, 'taskRoleArn')),
    executionRole: strField(getPairCI(node, 'executionRoleArn')),
  };
  const td = newTaskDef(model, node, format, 'task', label, anchor, role, { ...opts, family: opts.family ?? name });
  readVolumes(td, val(node, 'volumes'));
  addContainers(model, td, val(node, 'containerDefinitions'));
  finish(model, td);
}

/**
 * A task definition in the task-definition JSON shape that another format's
 * reader built (Terraform's `aws_ecs_task_definition`, its nodes ranged in
 * that format's text): read like the JSON.
 */
export function readTaskDefinition(model: EcsModel, node: YAMLMap, opts: { family?: string; label: string; anchor: Span; owner?: string }): void {
  addTaskDef(model, node, 'ecs-json', opts);
}

/** A Batch job definition in the register-job-definition JSON shape that another format's reader built (Terraform's `aws_batch_job_definition`). */
export function readBatchJobDefinition(model: EcsModel, node: YAMLMap, name: string, anchor: Span): void {
  addBatchJob(model, node, undefined, name, anchor);
}

/** A service in the create-service JSON shape that another format's reader built (Terraform's `aws_ecs_service`). */
export function readService(model: EcsModel, node: YAMLMap, label: string): void {
  addService(model, node, 'ecs-json', label);
}

/** The containers of a task definition's list; an intrinsic list or item leaves them unknown. */
function addContainers(model: EcsModel, td: EcsTaskDef, listNode: Node | null | undefined): void {
  const list = listOf(listNode);
  td.containersUnknown = list.unknown;
  for (const item of list.items) {
    const c = asMap(item);
    if (!c || isIntrinsic(item)) {
      td.containersUnknown = true;
      continue;
    }
    addContainer(model, td, c);
  }
}

/** A Batch job definition: container jobs, multi-node jobs or ECS-properties jobs. */
function addBatchJob(model: EcsModel, node: YAMLMap, logicalId: string | undefined, name: string | undefined, keyAnchor?: Span): void {
  const jobName = name ?? logicalId;
  const fargate = fargateOf(val(node, 'platformCapabilities'));
  const anchor = keyAnchor ?? anchorOf(node, ['jobDefinitionName']);
  const cpPair = getPairCI(node, 'containerProperties');
  const cp = asMap(cpPair?.value);
  if (cp && !isIntrinsic(cpPair!.value)) addBatchContainerJob(model, cp, jobName, logicalId, anchor, fargate, `job definition ${jobName ?? '(unnamed)'}`);
  for (const [i, it] of (asSeq(val(asMap(val(node, 'nodeProperties')), 'nodeRangeProperties'))?.items ?? []).entries()) {
    const c = asMap(val(it, 'container'));
    if (c && !isIntrinsic(val(it, 'container'))) addBatchContainerJob(model, c, jobName, logicalId, anchor, fargate, `job definition ${jobName ?? '(unnamed)'} node range ${i + 1}`);
  }
  const ep = asMap(val(node, 'ecsProperties'));
  for (const [i, it] of (asSeq(val(ep, 'taskProperties'))?.items ?? []).entries()) {
    const tp = asMap(it);
    if (!tp || isIntrinsic(it)) continue;
    const role: RoleSlot = {
      map: tp,
      key: 'taskRoleArn',
      role: strField(getPairCI(tp, 'taskRoleArn')),
      executionRole: strField(getPairCI(tp, 'executionRoleArn')),
    };
    const td = newTaskDef(model, tp, 'batch', 'task', `job definition ${jobName ?? '(unnamed)'} task ${i + 1}`, anchor, role, { logicalId, family: jobName });
    td.fargate = fargate;
    readVolumes(td, val(tp, 'volumes'));
    addContainers(model, td, val(tp, 'containers'));
    finish(model, td);
  }
}

function addBatchContainerJob(model: EcsModel, cp: YAMLMap, jobName: string | undefined, logicalId: string | undefined, anchor: Span, fargate: boolean, label: string): void {
  const role: RoleSlot = {
    map: cp,
    key: 'jobRoleArn',
    role: strField(getPairCI(cp, 'jobRoleArn')),
    executionRole: strField(getPairCI(cp, 'executionRoleArn')),
  };
  const td = newTaskDef(model, cp, 'batch', 'job', label, anchor, role, { logicalId, family: jobName });
  td.fargate = fargate;
  readVolumes(td, val(cp, 'volumes'));
  addContainer(model, td, cp);
  finish(model, td);
}

function finish(model: EcsModel, td: EcsTaskDef): void {
  model.taskDefs.push(td);
  model.workloads.push(td.workload);
}

function readVolumes(td: EcsTaskDef, node: unknown): void {
  const list = listOf(node);
  td.volumesUnknown = list.unknown;
  for (const item of list.items) {
    const v = asMap(item);
    if (!v || isIntrinsic(item)) {
      td.volumesUnknown = true;
      continue;
    }
    const host = asMap(val(v, 'host'));
    const efsPair = getPairCI(v, 'efsVolumeConfiguration');
    const efsMap = asMap(efsPair?.value);
    td.volumes.push({
      node: v,
      name: readKnown(val(v, 'name')),
      hostPath: host ? strField(getPairCI(host, 'sourcePath')) : undefined,
      efs: efsPair && !isIntrinsic(efsPair.value) && (efsMap || efsPair.value == null)
        ? { pair: efsPair, map: efsMap, transitEncryption: strField(getPairCI(efsMap, 'transitEncryption')) }
        : undefined,
    });
  }
}

const ROOT_USER = /^(root|0)(:.*)?$/;

export function ecsIdentity(user: Field<string> | undefined, anchor: Span): Identity {
  if (!user) return { verdict: 'unset', span: anchor };
  if (!user.known) return { verdict: 'unknown', span: user.span };
  const u = user.value!.trim();
  if (u === '') return { verdict: 'unset', span: user.span, detail: 'user ""' };
  if (ROOT_USER.test(u)) return { verdict: 'root', span: user.span, detail: `user "${u}"` };
  return { verdict: 'nonroot', span: user.span };
}

function addContainer(model: EcsModel, td: EcsTaskDef, c: YAMLMap): void {
  const namePair = getPairCI(c, 'name');
  // a Batch container job has one unnamed container: call it by the job's name
  const name = readKnown(namePair?.value) ?? (td.kind === 'job' ? td.family : undefined);
  const anchor = td.kind === 'job' ? td.anchor : anchorOf(c, ['name', 'image']);
  const lpNode = absentIfNull(getPairCI(c, 'linuxParameters'))?.value;
  const lp = asMap(lpNode);
  const capsNode = val(lp, 'capabilities');
  const caps = asMap(capsNode);
  const addL = listOf(val(caps, 'add'));
  const dropPair = getPairCI(caps, 'drop');
  const dropL = listOf(dropPair?.value);
  const listFields = (items: (Node | null)[]): Field<string>[] =>
    items.map((n) => {
      const r = readString(n);
      const s = nodeSpan(n);
      return r?.known ? known(r.value, s) : unknownField<string>(s);
    });
  const envL = listOf(val(c, 'environment'));
  const env: EnvVar[] = [];
  let envUnknown = envL.unknown;
  for (const item of envL.items) {
    const m = asMap(item);
    if (!m || isIntrinsic(item)) {
      envUnknown = true;
      continue;
    }
    const np = getPairCI(m, 'name');
    const nr = readString(np?.value);
    if (!np || !nr) continue;
    const vp = getPairCI(m, 'value');
    const vr = readString(vp?.value);
    env.push({
      name: nr.known ? known(nr.value, nodeSpan(np.value as Node)) : unknownField(nodeSpan(np.value as Node)),
      value: vp && vr ? (vr.known ? known(vr.value, nodeSpan(vp.value as Node), nodeSpan(vp.key as Node)) : unknownField(nodeSpan(vp.value as Node), nodeSpan(vp.key as Node))) : undefined,
      span: nodeSpan(m),
    });
  }
  // `"logConfiguration": null` is no configuration: absent, not unknown
  const logPair = absentIfNull(getPairCI(c, 'logConfiguration'));
  let logging: Field<boolean> | undefined;
  let logDriver: Field<string> | undefined;
  if (logPair) {
    const lc = asMap(logPair.value);
    if (!lc || isIntrinsic(logPair.value)) logging = unknownField(nodeSpan(logPair.value as Node), nodeSpan(logPair.key as Node));
    else {
      logDriver = strField(getPairCI(lc, 'logDriver'));
      if (!logDriver) logging = known(false, nodeSpan(logPair.key as Node));
      else if (!logDriver.known) logging = unknownField(logDriver.span, logDriver.keySpan);
      else logging = known(logDriver.value!.toLowerCase() !== 'none', logDriver.span, logDriver.keySpan);
    }
  } else if (td.format !== 'batch') {
    // Batch sends job output to CloudWatch Logs (awslogs) by default
    logging = known(false, anchor);
  }
  const secretsPair = getPairCI(c, 'secrets');
  const secretsL = listOf(secretsPair?.value);
  const ec: EcsContainer = {
    spec: undefined as unknown as ContainerSpec,
    node: c,
    secretsPair: secretsPair && (secretsL.unknown || secretsL.items.length > 0) ? secretsPair : undefined,
    logDriver,
    logPair,
    repositoryCredentials: getPairCI(c, 'repositoryCredentials'),
  };
  const user = strField(getPairCI(c, 'user'));
  const spec: ContainerSpec = {
    target: 'ecs',
    format: td.format,
    kind: 'container',
    name,
    span: nodeSpan(c),
    anchor,
    image: pairField(getPairCI(c, 'image'), readImageString),
    privileged: boolField(getPairCI(c, 'privileged')),
    readOnlyRootFilesystem: boolField(getPairCI(c, 'readonlyRootFilesystem')),
    identity: ecsIdentity(user, anchor),
    capAdd: listFields(addL.items),
    capDrop: dropPair ? listFields(dropL.items) : undefined,
    capsUnknown: (lpNode != null && (!lp || isIntrinsic(lpNode))) || (capsNode != null && !caps) || (!!capsNode && isIntrinsic(capsNode)) || addL.unknown || dropL.unknown,
    env,
    envUnknown,
    logging,
    ports: listOf(getPairCI(c, 'portMappings')?.value).items.flatMap((it) => {
      const pp = getPairCI(asMap(it), 'containerPort');
      if (!pp?.value) return [];
      const n = readNumber(pp.value);
      return [n?.known ? known(n.value, nodeSpan(pp.value as Node), nodeSpan(pp.key as Node)) : unknownField<number>(nodeSpan(pp.value as Node), nodeSpan(pp.key as Node))];
    }),
    workload: td.workload,
    writer: undefined as unknown as ContainerSpec['writer'],
  };
  ec.spec = spec;
  spec.writer = ecsContainerWriter(model, td, ec);
  td.containers.push(ec);
  td.workload.containers.push(spec);
  model.containers.push(spec);
}

function addService(model: EcsModel, node: YAMLMap, format: 'ecs-json' | 'cfn', label: string): void {
  const nc = asMap(val(node, 'networkConfiguration'));
  const avpc = asMap(val(nc, 'awsvpcConfiguration'));
  model.services.push({ format, label, node, assignPublicIp: avpc ? strField(getPairCI(avpc, 'assignPublicIp')) : undefined });
}

export { isMap };
