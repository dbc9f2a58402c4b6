import { insertRoleResource, newResourceId, newResourceIdSpan, placeholdersIn, withNewResource } from '../cloudformation/edit';
import { boolField, strField } from '../cloudformation/props';
import type { Fix, Span, TextEdit } from '../../core';
import type { Field } from '../../model/container';
import type { Setting } from '../../model/setting';
import type { ServiceSpec } from '../../model/service';
import type { TaskSpec, VolumeSpec } from '../../model/task';
import { asSeq, getPairCI, nodeSpan, readString, Node } from '../yaml/doc';
import type { Plain } from '../yaml/edit';
import type { EcsModel, EcsService, EcsTaskDef } from './types';
import { arnParts, insertBefore, keyName, rawToken, setAt, withRaw } from './writer';

/**
 * Task definitions, Batch job definitions and services of an ECS model, as
 * the shared task and service views (target `ecs`), with their writers.
 */
export function addEcsViews(model: EcsModel): void {
  const tasks = model.taskDefs.map((td) => taskSpecOf(model, td));
  const services = model.services.map((s) => serviceSpecOf(model, s));
  model.views = { ...model.views, tasks: [...(model.views?.tasks ?? []), ...tasks], services: [...(model.views?.services ?? []), ...services] };
}

const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

function setting(f: Field<string> | undefined): Setting<string> {
  if (!f) return 'missing';
  if (f.known && !f.value!.trim()) return 'missing'; // "taskRoleArn": "" sets nothing
  return f;
}

function launchTypesOf(td: EcsTaskDef): string[] | 'unknown' {
  const p = getPairCI(td.node, td.format === 'batch' ? 'platformCapabilities' : 'requiresCompatibilities');
  if (!p || p.value === null) return [];
  const seq = asSeq(p.value);
  if (!seq) return 'unknown';
  const out: string[] = [];
  for (const it of seq.items) {
    const s = readString(it);
    if (!s?.known) return 'unknown';
    out.push(s.value!.toUpperCase());
  }
  return out;
}

function taskSpecOf(model: EcsModel, td: EcsTaskDef): TaskSpec {
  const launchTypes = launchTypesOf(td);
  const volumes: VolumeSpec[] = td.volumes.map((v) => ({
    name: v.name,
    span: nodeSpan(v.node),
    mountedBy: td.containers
      .filter((c) => (asSeq(getPairCI(c.node, 'mountPoints')?.value)?.items ?? []).some((mp) => {
        const r = readString(getPairCI(mp, 'sourceVolume')?.value);
        return r?.known && v.name !== undefined && r.value === v.name;
      }))
      .map((c) => c.spec.name ?? '(unnamed)'),
    hostPath: v.hostPath,
    efs: v.efs
      ? {
          anchor: nodeSpan(v.efs.pair.key as Node),
          transitEncryption: v.efs.transitEncryption ?? 'missing',
          enableTransitEncryption: () => {
            const map = v.efs!.map;
            if (!map) return undefined;
            const te = getPairCI(map, 'transitEncryption')?.value as Node | undefined;
            const e = te ? model.editor.setValue(te, 'ENABLED') : setAt(model, map, ['transitEncryption'], 'ENABLED');
            return e ? { title: 'Set transitEncryption to ENABLED', safety: 'safe', edits: [e] } : undefined;
          },
        }
      : undefined,
  }));
  return {
    target: 'ecs',
    format: td.format,
    kind: td.kind,
    label: td.label,
    span: td.span,
    anchor: td.anchor,
    taskRole: setting(td.role.role),
    emptyTaskRole: td.role.role?.known && !td.role.role.value!.trim() ? td.role.role.span : undefined,
    taskRoleKey: keyName(model, td.role.key),
    executionRole: setting(td.role.executionRole),
    launchTypes,
    networkMode: td.networkMode ?? 'missing',
    pidMode: td.pidMode ?? 'missing',
    ipcMode: td.ipcMode ?? 'missing',
    volumes,
    containers: td.containers.map((c) => c.spec),
    containersUnknown: td.containersUnknown,
    executionRoleNeeds: executionRoleNeeds(td, launchTypes),
    writer: {
      addTaskRole: () => (model.kind === 'cloudformation' ? cfnAddTaskRole(model, td, td.logicalId) : td.owner && model.cfn?.newId ? cfnAddTaskRole(model, td, td.owner) : jsonAddTaskRole(model, td)),
      addExecutionRole: () => (model.kind === 'cloudformation' ? undefined : jsonAddExecutionRole(model, td)),
    },
  };
}

/**
 * What in a task needs an execution role: `secrets` and private-registry
 * credentials on every launch type; the awslogs driver and ECR pulls only on
 * Fargate (on EC2 the container instance role serves them).
 */
function executionRoleNeeds(td: EcsTaskDef, launchTypes: string[] | 'unknown'): { span: Span; why: string } | undefined {
  const fargate = td.fargate;
  for (const c of td.containers) {
    if (c.secretsPair) return { span: nodeSpan(c.secretsPair.key as Node), why: 'its `secrets` are fetched with it' };
    if (c.repositoryCredentials) return { span: nodeSpan(c.repositoryCredentials.key as Node), why: 'the private registry credentials are read with it' };
    if (fargate && c.logDriver?.known && c.logDriver.value === 'awslogs') return { span: c.logDriver.span, why: 'on Fargate the awslogs driver writes to CloudWatch Logs with it' };
    if (fargate && c.spec.image?.known && ECR_IMAGE.test(c.spec.image.value!)) return { span: c.spec.image.span, why: 'Fargate pulls the ECR image with it' };
    if (td.format === 'batch' && fargate) return { span: td.anchor, why: 'Batch jobs on Fargate require it' };
  }
  void launchTypes;
  return undefined;
}

/** Insert the role key before executionRoleArn when there is one (the order AWS itself uses), else right after family, else at the end. */
function insertRole(model: EcsModel, td: EcsTaskDef, value: Plain): TextEdit {
  // `"taskRoleArn": ""` reads as missing: fill the empty value rather than add a second key
  const empty = getPairCI(td.role.map, td.role.key)?.value as Node | null | undefined;
  if (empty) return model.editor.setValue(empty, value);
  const key = keyName(model, td.role.key);
  const items = td.role.map.items;
  const family = getPairCI(td.role.map, 'family');
  const at = getPairCI(td.role.map, 'executionRoleArn') ?? (family ? items[items.indexOf(family as never) + 1] : undefined);
  const before = at ? insertBefore(model, td.role.map, at, key, value) : undefined;
  return before ?? model.editor.insertEntries(td.role.map, { [key]: value });
}

function jsonAddTaskRole(model: EcsModel, td: EcsTaskDef): Fix {
  const parts = arnParts(td.role.executionRole);
  const family = (td.family ?? 'app').replace(/[^\w+=,.@-]/g, '-');
  const roleName = `${family}-${td.role.key === 'jobRoleArn' ? 'job' : 'task'}-role`;
  const account = parts?.account ?? '<account>';
  const arn = `arn:${parts?.partition ?? 'aws'}:iam::${account}:role/${roleName}`;
  const e = insertRole(model, td, arn);
  return {
    title: `Add ${td.role.key} (role ${roleName}; create it with no policies, trusted by ecs-tasks.amazonaws.com)`,
    safety: 'manual',
    edits: [e],
    placeholders: placeholdersIn([e], parts ? [roleName] : [roleName, '<account>']),
  };
}

/** A new role resource and the task's role key pointing at it (CloudFormation, or a format whose editor writes resources: Terraform). */
function cfnAddTaskRole(model: EcsModel, td: EcsTaskDef, owner: string | undefined): Fix | undefined {
  const cfn = model.cfn;
  if (!cfn || !owner) return undefined;
  const roleId = newResourceId(cfn, owner, td.role.key === 'jobRoleArn' ? 'JobRole' : 'TaskRole', 'AWS::IAM::Role');
  const raws: string[] = [];
  let ref: Plain;
  if (cfn.shortTags) {
    raws.push(`!GetAtt ${roleId}.Arn`);
    ref = rawToken(0);
  } else ref = { 'Fn::GetAtt': [roleId, 'Arn'] };
  const set = withRaw(insertRole(model, td, ref), raws);
  const role = insertRoleResource(model.editor, cfn.resources, roleId, 'ecs-tasks.amazonaws.com');
  const edits = withNewResource(set, role);
  return {
    title: `Add ${keyName(model, td.role.key)} and a new role ${roleId} (trusted by ecs-tasks.amazonaws.com, no policies yet)`,
    safety: 'manual',
    edits,
    placeholders: newResourceIdSpan(edits, role, roleId),
  };
}

function jsonAddExecutionRole(model: EcsModel, td: EcsTaskDef): Fix {
  const parts = arnParts(td.role.role);
  const account = parts?.account ?? '<account>';
  const arn = `arn:${parts?.partition ?? 'aws'}:iam::${account}:role/ecsTaskExecutionRole`;
  const key = keyName(model, 'executionRoleArn');
  const task = getPairCI(td.role.map, td.role.key);
  // right after the task role when there is one (AWS's own order), else at the end
  const next = task ? td.role.map.items[td.role.map.items.indexOf(task as never) + 1] : undefined;
  const e = (next ? insertBefore(model, td.role.map, next, key, arn) : undefined) ?? model.editor.insertEntries(td.role.map, { [key]: arn });
  return { title: 'Add executionRoleArn (ecsTaskExecutionRole)', safety: 'manual', edits: [e], placeholders: placeholdersIn([e], parts ? ['ecsTaskExecutionRole'] : ['<account>', 'ecsTaskExecutionRole']) };
}

function serviceSpecOf(model: EcsModel, s: EcsService): ServiceSpec {
  const nc = getPairCI(s.node, 'networkConfiguration')?.value;
  const avpc = getPairCI(nc, 'awsvpcConfiguration')?.value;
  const ipNode = getPairCI(avpc, 'assignPublicIp')?.value as Node | undefined;
  const span = nodeSpan(s.node);
  // a service the file describes whole: an absent key is ECS's default (off)
  const execPair = getPairCI(s.node, 'enableExecuteCommand');
  const execSetting: Setting<boolean> = execPair ? boolField(execPair) ?? 'missing' : 'missing';
  return {
    target: 'ecs',
    format: s.format,
    label: s.label,
    span,
    anchor: span,
    assignPublicIp: s.assignPublicIp ?? 'missing',
    subnets: 'unknown',
    securityGroups: 'unknown',
    enableExecuteCommand: execSetting,
    platformVersion: strField(getPairCI(s.node, 'platformVersion')) ?? 'missing',
    writer: {
      disableExecuteCommand: () =>
        execPair?.value && typeof execSetting === 'object' && execSetting.known
          ? { title: 'Turn ECS Exec off (enableExecuteCommand: false)', safety: 'unsafe', edits: [model.editor.setValue(execPair.value as Node, false)] }
          : undefined,
      disablePublicIp: () =>
        ipNode && s.assignPublicIp?.known && ipNode.range?.[0] === s.assignPublicIp.span.start
          ? { title: 'Set assignPublicIp to DISABLED (tasks then need a NAT gateway or VPC endpoints to reach out)', safety: 'unsafe', edits: [model.editor.setValue(ipNode, 'DISABLED')] }
          : undefined,
    },
  };
}
