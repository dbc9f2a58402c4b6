/**
 * `AWS::ECS::ExpressGatewayService` (ECS Express Mode) → containers, tasks
 * and services (target `ecs`).
 *
 * An Express service runs one container (`PrimaryContainer`) on Fargate;
 * ECS creates the task definition, load balancer, security groups and a log
 * group of the service's own. The template sets only the image, port,
 * environment, secrets, command, log group, registry credentials, the roles
 * and the network, so every container setting Express does not expose (user,
 * privileged, read-only root filesystem, capabilities) reads as unknown: no
 * rule reports what the user cannot change. Without
 * `NetworkConfiguration.Subnets` the service runs in the default VPC's
 * (public) subnets.
 */
import type { Fix, Span, TextEdit } from '../../core';
import { ContainerSpec, ContainerWriter, EnvVar, Field, known, unknownField } from '../../model/container';
import type { Setting } from '../../model/setting';
import type { ServiceSpec } from '../../model/service';
import type { TaskSpec } from '../../model/task';
import { asMap, asSeq, getPairCI, isIntrinsic, keyText, nodeSpan, readString, Node, Pair, YAMLMap, YAMLSeq } from '../yaml/doc';
import type { Plain } from '../yaml/edit';
import { isEmpty, knownString, readImageString, mapsAt, nodeAt, pairAt, propsState, setAt, setProp, setPropEntries, strField, stringsAt, val } from './props';
import { pairField } from '../yaml/field';
import { freeLogicalId, insertRoleResource, newResourceIdSpan, placeholdersIn, withNewResource } from './edit';
import type { CfnReadContext, CfnReader, CfnResource } from './resource';

export const EXPRESS_TYPE = 'AWS::ECS::ExpressGatewayService';

/** Placeholder ids a network fix writes (the user replaces them with their own). */
export const PLACEHOLDER_SUBNETS = ['<private-subnet-1>', '<private-subnet-2>'];
export const PLACEHOLDER_SG = '<service-security-group>';

/** `${…}` and `<…>` placeholders are values Bulkhead cannot see. */
const TEMPLATED = /\$\{[^}]*\}|^<[^<>]+>$|\{\{.*\}\}/;

function str(p: Pair | undefined): Field<string> | undefined {
  const f = strField(p);
  return f && f.known && TEMPLATED.test(f.value!) ? unknownField(f.span, f.keySpan) : f;
}

function roleSetting(r: CfnResource, opaque: boolean, key: string): { setting: Setting<string>; emptySpan?: Span } {
  if (opaque) return { setting: 'unknown' };
  const f = str(r.props ? getPairCI(r.props, key) : undefined);
  if (!f) return { setting: 'missing' };
  if (f.known && !f.value!.trim()) return { setting: 'missing', emptySpan: f.span };
  return { setting: f };
}

/** Text edits that write `!GetAtt X.Arn` in a short-form template: a sentinel string swapped for the tag. */
const SENTINEL = 'BhExpressRaw0X';
function withTag(edit: TextEdit, raw: string): TextEdit {
  return { ...edit, newText: edit.newText.split(JSON.stringify(SENTINEL)).join(raw).split(SENTINEL).join(raw) };
}


function readExpress(r: CfnResource, cx: CfnReadContext): void {
  const opaque = propsState(r) === 'unknown';
  const props = r.props;
  const name = props ? knownString(val(props, 'ServiceName')) : undefined;
  const label = `Express service ${name?.trim() || r.logicalId}`;
  const span = nodeSpan(r.node);

  // ------------------------------------------------------------ container
  const pcPair = props ? getPairCI(props, 'PrimaryContainer') : undefined;
  const pc = pcPair && !isIntrinsic(pcPair.value) ? asMap(pcPair.value) : undefined;
  const containers: ContainerSpec[] = [];
  if (pc && pcPair) containers.push(readContainer(r, cx, pc, pcPair, name ?? r.logicalId));
  const containersUnknown = opaque || (!!pcPair && !pc && !isEmpty(pcPair.value));

  // ------------------------------------------------------------ task
  const task = roleSetting(r, opaque, 'TaskRoleArn');
  const exec = roleSetting(r, opaque, 'ExecutionRoleArn');
  const spec: TaskSpec = {
    target: 'ecs',
    format: 'express',
    kind: 'express',
    label,
    span,
    anchor: r.anchor,
    taskRole: task.setting,
    emptyTaskRole: task.emptySpan,
    taskRoleKey: 'TaskRoleArn',
    executionRole: exec.setting,
    // Express runs its tasks on Fargate, in awsvpc mode, with no host namespaces or volumes
    launchTypes: ['FARGATE'],
    networkMode: 'unknown',
    pidMode: 'missing',
    ipcMode: 'missing',
    volumes: [],
    containers,
    containersUnknown,
    writer: { addTaskRole: () => addTaskRole(r, cx, task.emptySpan) },
  };
  cx.views.tasks.push(spec);
  cx.views.containers.push(...containers);

  // ------------------------------------------------------------ service
  const nc = opaque ? 'unknown' : nodeAt(props, ['NetworkConfiguration']);
  const ncPair = props ? pairAt(props, ['NetworkConfiguration']) : undefined;
  const subnets = opaque ? { list: 'unknown' as const } : stringsAt(props, ['NetworkConfiguration', 'Subnets']);
  const groups = opaque ? { list: 'unknown' as const } : stringsAt(props, ['NetworkConfiguration', 'SecurityGroups']);
  let defaultVpc: Field<boolean>;
  if (opaque || nc === 'unknown' || (nc && !isEmpty(nc) && (isIntrinsic(nc) || !asMap(nc)))) defaultVpc = unknownField(ncPair ? nodeSpan(ncPair.key as Node) : r.anchor);
  else if (!ncPair || isEmpty(nc)) defaultVpc = known(true, ncPair ? nodeSpan(ncPair.key as Node) : r.anchor);
  else if (subnets.list === 'unknown') defaultVpc = unknownField(subnets.pair ? nodeSpan(subnets.pair.value as Node) : nodeSpan(ncPair.key as Node));
  else if (subnets.list === 'missing' || subnets.list.length === 0) defaultVpc = known(true, subnets.pair ? nodeSpan(subnets.pair.key as Node) : nodeSpan(ncPair.key as Node));
  else defaultVpc = known(false, nodeSpan(subnets.pair!.key as Node));
  const service: ServiceSpec = {
    target: 'ecs',
    format: 'express',
    label,
    span,
    anchor: r.anchor,
    // Express decides whether its tasks get public addresses
    assignPublicIp: 'unknown',
    subnets: subnets.list === 'missing' ? [] : subnets.list,
    securityGroups: groups.list === 'missing' ? [] : groups.list,
    // an Express service has no ECS Exec setting
    enableExecuteCommand: 'missing',
    defaultVpc,
    writer: { useOwnSubnets: () => useOwnSubnets(r, cx, groups.list) },
  };
  cx.views.services.push(service);
}

function readContainer(r: CfnResource, cx: CfnReadContext, pc: YAMLMap, pcPair: Pair, name: string): ContainerSpec {
  const anchor = nodeSpan(pcPair.key as Node);
  const envM = mapsAt(pc, ['Environment']);
  const env: EnvVar[] = [];
  for (const m of envM.maps) {
    const np = getPairCI(m, 'Name');
    const nr = readString(np?.value);
    if (!np || !nr) continue;
    const nameSpan = nodeSpan(np.value as Node);
    const vp = getPairCI(m, 'Value');
    env.push({
      name: nr.known ? known(nr.value, nameSpan) : unknownField(nameSpan),
      value: str(vp),
      span: nodeSpan(m),
    });
  }
  const unseen = unknownField<boolean>(anchor);
  const spec: ContainerSpec = {
    target: 'ecs',
    format: 'cfn',
    kind: 'container',
    span: nodeSpan(pc),
    anchor,
    image: pairField(getPairCI(pc, 'Image'), readImageString),
    // settings Express does not expose: neither known nor missing
    privileged: unseen,
    readOnlyRootFilesystem: unseen,
    identity: { verdict: 'unknown', span: anchor, detail: 'Express Mode sets no user' },
    capAdd: [],
    capsUnknown: true,
    env,
    envUnknown: envM.unknown,
    // without AwsLogsConfiguration Express sends the logs to a log group of its own
    logging: undefined,
    writer: undefined as unknown as ContainerWriter,
  };
  spec.writer = containerWriter(r, cx, pc, envM.seq, envM.pair, name);
  return spec;
}

function indexOf(seq: YAMLSeq<Node | null> | undefined, start: number): number {
  return seq?.items.findIndex((n) => nodeSpan(n as Node).start === start) ?? -1;
}

function containerWriter(r: CfnResource, cx: CfnReadContext, pc: YAMLMap, envSeq: YAMLSeq<Node | null> | undefined, envPair: Pair | undefined, name: string): ContainerWriter {
  const ed = cx.editor;
  const none = (): undefined => undefined;
  return {
    setFlag: none,
    runAsNonRoot: none,
    dropAllCapabilities: none,
    removeAddedCapability: none,
    removeEnv(e) {
      const i = indexOf(envSeq, e.span.start);
      return envSeq && i >= 0 ? [ed.removeItem(envSeq, i, envPair)] : undefined;
    },
    moveEnvToSecret(e): Fix | undefined {
      const i = indexOf(envSeq, e.span.start);
      if (!envSeq || !envPair || i < 0 || !e.name.known) return undefined;
      const secretName = `${name}/${e.name.value}`;
      const sub = `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${secretName}`;
      const valueFrom: Plain = cx.shortTags ? SENTINEL : { 'Fn::Sub': sub };
      const raw = `!Sub ${JSON.stringify(sub)}`;
      const entry: Record<string, Plain> = { Name: e.name.value!, ValueFrom: valueFrom };
      const secrets = getPairCI(pc, 'Secrets');
      const seq = secrets && !isIntrinsic(secrets.value) ? asSeq(secrets.value) : undefined;
      let add: TextEdit | undefined;
      if (seq && seq.items.length) add = ed.appendItems(seq, [entry]);
      else if (secrets && (isEmpty(secrets.value) || seq)) add = setAt(cx, pc, [keyText(secrets)!], [entry]);
      else if (!secrets) add = insertBefore(cx, pc, envPair, 'Secrets', [entry]);
      if (!add) return undefined;
      const edits = [ed.removeItem(envSeq, i, envPair), cx.shortTags ? withTag(add, raw) : add];
      return {
        title: `Move ${e.name.value} to Secrets (Secrets Manager secret ${secretName}; the execution role must be allowed to read it)`,
        safety: 'manual',
        edits,
        placeholders: placeholdersIn(edits, [secretName]),
      };
    },
  };
}

/**
 * `key: value` inserted just before an existing pair of `map`, so that it
 * never overlaps an edit of the mapping's last entry (removing it).
 */
function insertBefore(cx: CfnReadContext, map: YAMLMap, before: Pair, key: string, value: Plain): TextEdit | undefined {
  const ed = cx.editor;
  const lines = ed.lines;
  const at = nodeSpan(before.key as Node).start;
  const line = lines.positionAt(at).line;
  const lineStart = lines.lineStart(line);
  const lead = cx.text.slice(lineStart, at);
  const ownLine = lead.trim() === '';
  if (cx.json || map.flow) {
    const k = cx.json ? JSON.stringify(key) : key;
    return { start: at, end: at, newText: `${k}: ${ed.jsonValue(value, lines.indentOf(line))},${ownLine ? lines.eol + lines.indentOf(line) : ' '}` };
  }
  if (!ownLine) return undefined;
  return { start: lineStart, end: lineStart, newText: lead + ed.blockEntry(key, value, lead) + lines.eol };
}

function addTaskRole(r: CfnResource, cx: CfnReadContext, emptySpan: Span | undefined): Fix | undefined {
  if (propsState(r) === 'unknown') return undefined;
  const roleId = freeLogicalId(cx.byId, `${r.logicalId}TaskRole`);
  const ref: Plain = cx.shortTags ? SENTINEL : { 'Fn::GetAtt': [roleId, 'Arn'] };
  const empty = emptySpan && r.props ? (getPairCI(r.props, 'TaskRoleArn')?.value as Node | undefined) : undefined;
  const set = empty ? cx.editor.setValue(empty, ref) : setProp(cx, r, ['TaskRoleArn'], ref);
  if (!set) return undefined;
  const role = insertRoleResource(cx.editor, cx.resourcesNode, roleId, 'ecs-tasks.amazonaws.com');
  const edits = withNewResource(cx.shortTags ? withTag(set, `!GetAtt ${roleId}.Arn`) : set, role);
  return {
    title: `Add TaskRoleArn and a new role ${roleId} (trusted by ecs-tasks.amazonaws.com, no policies yet)`,
    safety: 'manual',
    edits,
    placeholders: newResourceIdSpan(edits, role, roleId),
  };
}


function useOwnSubnets(r: CfnResource, cx: CfnReadContext, groups: Field<string>[] | 'missing' | 'unknown'): Fix | undefined {
  const entries: Record<string, Plain> = { Subnets: PLACEHOLDER_SUBNETS };
  if (groups === 'missing' || (Array.isArray(groups) && groups.length === 0)) entries.SecurityGroups = [PLACEHOLDER_SG];
  const edits = setPropEntries(cx, r, ['NetworkConfiguration'], entries);
  if (!edits) return undefined;
  const placeholders = [...PLACEHOLDER_SUBNETS, ...(entries.SecurityGroups ? [PLACEHOLDER_SG] : [])].flatMap((p) => placeholdersIn(edits, [p]));
  return {
    title: `Run it in private subnets and a security group of your own (NetworkConfiguration; replace the placeholder ids)`,
    safety: 'manual',
    edits,
    placeholders,
  };
}

export const expressReader: CfnReader = {
  types: [EXPRESS_TYPE],
  read: readExpress,
};
