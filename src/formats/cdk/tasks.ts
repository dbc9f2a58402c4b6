/**
 * CDK tasks mapped into TaskSpec: the L1 `ecs.CfnTaskDefinition`, the Batch
 * container definitions (`batch.EcsEc2ContainerDefinition`,
 * `EcsFargateContainerDefinition`) and the L1 `batch.CfnJobDefinition`.
 * An L2 `ecs.TaskDefinition` is not a TaskSpec here: CDK always gives it a
 * task role of its own.
 */
import type * as TS from 'typescript';
import { ContainerSpec, known, unknownField } from '../../model/container';
import type { VolumeSpec } from '../../model/task';
import type { TextEdit } from '../../core';
import type { Setting } from '../../model/setting';
import type { TaskSpec } from '../../model/task';
import { Props } from './ast';
import { absent, constructLabel, fixOf, objectProp, propState, scopeText, setPath, stringIn } from './construct';
import { BATCH_CONTAINERS, isTaskDefinition, JOB_DEFINITIONS_V1 } from './containers';
import type { CdkModel, CdkNew } from './model';
import { setConstructProp } from './props';

export function buildTasks(m: CdkModel): TaskSpec[] {
  if (!m.file || !m.editor) return [];
  const out: TaskSpec[] = [];
  let l2: L2Index | undefined;
  for (const n of m.news) {
    if (n.q === 'ecs.CfnTaskDefinition') out.push(cfnTaskDefinition(m, n));
    else if (isTaskDefinition(n.q)) out.push(l2TaskDefinition(m, n, (l2 ??= l2Index(m))));
    else if (JOB_DEFINITIONS_V1.has(n.q)) {
      const t = jobDefinitionV1(m, n);
      if (t) out.push(t);
    }
    else if (BATCH_CONTAINERS.has(n.q)) out.push(batchContainer(m, n));
    else if (n.q === 'batch.CfnJobDefinition') {
      const t = cfnJobDefinition(m, n);
      if (t) out.push(t);
    }
  }
  return out;
}

/** A role ARN: an empty literal reads as 'missing' (with the span where the finding points). */
function role(s: Setting<string>): { role: Setting<string>; empty?: TaskSpec['emptyTaskRole'] } {
  if (typeof s === 'object' && s.known && !s.value!.trim()) return { role: 'missing', empty: s.span };
  return { role: s };
}

/** The literal strings of an array prop (`requiresCompatibilities: ['EC2']`); 'unknown' when any is not readable. */
function strings(m: CdkModel, p: Props | undefined, key: string): string[] | 'unknown' {
  const file = m.file!;
  if (!p) return 'unknown';
  const prop = p.get(key);
  if (!prop) return p.state(key) === 'missing' ? [] : 'unknown';
  const arr = file.array(prop.value);
  if (!arr) return 'unknown';
  const out: string[] = [];
  for (const el of arr.elements) {
    const s = file.string(el);
    if (!s) return 'unknown';
    out.push(s.value);
  }
  return out;
}

function newRole(m: CdkModel, scope: string, id: string): { text: string; edits: () => TextEdit[] } {
  const ed = m.editor!;
  const imp = ed.imports();
  const sp = imp.ref('iam', 'ServicePrincipal');
  const text = `new ${imp.ref('iam', 'Role')}(${scope}, ${ed.str(id)}, { assumedBy: new ${sp}(${ed.str('ecs-tasks.amazonaws.com')}) }).roleArn`;
  return { text, edits: () => imp.edits };
}

function cfnTaskDefinition(m: CdkModel, n: CdkNew): TaskSpec {
  const file = m.file!;
  const p = n.props;
  const str = (k: string): Setting<string> => (p ? stringIn(file, p, k) : absent(n, k));
  const tr = role(str('taskRoleArn'));
  const er = role(str('executionRoleArn'));
  return {
    target: 'cdk',
    format: 'cdk',
    kind: 'task',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    taskRole: tr.role,
    emptyTaskRole: tr.empty,
    taskRoleKey: 'taskRoleArn',
    executionRole: er.role,
    launchTypes: p ? strings(m, p, 'requiresCompatibilities') : n.propsUnknown ? 'unknown' : [],
    networkMode: str('networkMode'),
    pidMode: str('pidMode'),
    ipcMode: str('ipcMode'),
    volumes: volumesIn(m, file.array(p?.get('volumes')?.value)?.elements ?? []),
    // the L1 container definitions are not read into the containers view
    containers: [],
    containersUnknown: true,
    writer: {
      addTaskRole: () => {
        const r = newRole(m, 'this', `${n.id ?? ''}TaskRole`);
        const e = setConstructProp(m, n, p?.get('taskRoleArn'), 'taskRoleArn', r.text);
        return fixOf('Add a dedicated, empty task role', 'unsafe', e ? [...e, ...r.edits()] : undefined);
      },
    },
  };
}

/** A Batch job's container (`jobRole`, no default: without it the job has no identity of its own). */
function batchContainer(m: CdkModel, n: CdkNew): TaskSpec {
  const file = m.file!;
  const jr = n.props?.get('jobRole');
  const xr = n.props?.get('executionRole');
  return jobSpec(m, n, {
    taskRole: jr ? unknownField(file.span(jr.value), jr.key) : absent(n, 'jobRole'),
    // CDK creates an execution role when none is given
    executionRole: xr ? unknownField(file.span(xr.value), xr.key) : propState(n, 'executionRole') === 'missing' ? unknownField(n.anchor) : 'unknown',
    launchTypes: [BATCH_CONTAINERS.get(n.q)!],
  });
}

/** A CDK Batch job's TaskSpec: its container is the one the containers view holds at the construct's anchor. */
function jobSpec(m: CdkModel, n: CdkNew, roles: Pick<TaskSpec, 'taskRole' | 'executionRole' | 'launchTypes'>): TaskSpec {
  const file = m.file!;
  const containers: ContainerSpec[] = m.containers.filter((c) => c.anchor.start === n.anchor.start && c.anchor.end === n.anchor.end);
  return {
    target: 'cdk',
    format: 'cdk',
    kind: 'job',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    ...roles,
    taskRoleKey: 'jobRole',
    networkMode: 'missing',
    pidMode: 'missing',
    ipcMode: 'missing',
    volumes: [],
    containers,
    containersUnknown: containers.length === 0,
    writer: {},
  };
}

/** `batch.CfnJobDefinition` of a single container: `containerProperties.jobRoleArn`. */
function cfnJobDefinition(m: CdkModel, n: CdkNew): TaskSpec | undefined {
  const file = m.file!;
  const cp = objectProp(file, n.props, n.propsUnknown, 'containerProperties');
  if (cp.state !== 'present') return undefined; // multi-node or EKS jobs, or props that cannot be read
  const c = cp.props;
  const str = (k: string): Setting<string> => (c ? stringIn(file, c, k) : 'unknown');
  const jr = role(str('jobRoleArn'));
  const er = role(str('executionRoleArn'));
  return {
    target: 'cdk',
    format: 'cdk',
    kind: 'job',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    taskRole: jr.role,
    emptyTaskRole: jr.empty,
    taskRoleKey: 'jobRoleArn',
    executionRole: er.role,
    launchTypes: n.props ? strings(m, n.props, 'platformCapabilities') : 'unknown',
    networkMode: 'missing',
    pidMode: 'missing',
    ipcMode: 'missing',
    volumes: [],
    // containerProperties is not read into the containers view
    containers: [],
    containersUnknown: true,
    writer: {
      addTaskRole: () => {
        const obj = c?.node;
        if (!obj) return undefined;
        const r = newRole(m, scopeText(m, n), `${n.id ?? ''}JobRole`);
        const e = setPath(m, obj, ['jobRoleArn'], r.text);
        return fixOf('Add a dedicated, empty job role', 'unsafe', e ? [...e, ...r.edits()] : undefined);
      },
    },
  };
}

const NETWORK_MODES: Record<string, string> = { AWS_VPC: 'awsvpc', BRIDGE: 'bridge', HOST: 'host', NONE: 'none', NAT: 'nat', DEFAULT: 'default' };

/** What the L2 task definitions of a file gather from all of it, read once rather than once per task. */
interface L2Index {
  /** the containers by where their workload starts */
  containers: Map<number, ContainerSpec[]>;
  /** the volumes `addVolume` calls add, by construct */
  volumes: Map<CdkNew, TS.Expression[]>;
}

function l2Index(m: CdkModel): L2Index {
  const containers = new Map<number, ContainerSpec[]>();
  for (const c of m.containers) {
    if (!c.workload) continue;
    const list = containers.get(c.workload.span.start);
    if (list) list.push(c);
    else containers.set(c.workload.span.start, [c]);
  }
  const volumes = new Map<CdkNew, TS.Expression[]>();
  for (const c of m.calls) {
    if (c.method !== 'addVolume' || !c.target || c.via || !c.node.arguments[0]) continue;
    const list = volumes.get(c.target);
    if (list) list.push(c.node.arguments[0]);
    else volumes.set(c.target, [c.node.arguments[0]]);
  }
  return { containers, volumes };
}

/**
 * An L2 task definition (`ecs.FargateTaskDefinition` …): CDK creates its task
 * and execution roles when none are given, so both are present but unseen;
 * what it adds here is its volumes (`volumes` props and `addVolume` calls).
 */
function l2TaskDefinition(m: CdkModel, n: CdkNew, index: L2Index): TaskSpec {
  const file = m.file!;
  const p = n.props;
  const els: TS.Expression[] = [...(file.array(p?.get('volumes')?.value)?.elements ?? []), ...(index.volumes.get(n) ?? [])];
  const nm = p?.get('networkMode');
  const q = nm && file.resolve(nm.value);
  const mode = q && /^ecs\.NetworkMode\.([A-Z_]+)$/.exec(q);
  const at = file.span(n.node);
  const containers = (index.containers.get(at.start) ?? []).filter((c) => c.workload!.span.end === at.end);
  return {
    target: 'cdk',
    format: 'cdk',
    kind: 'task',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    taskRole: 'unknown',
    taskRoleKey: 'taskRole',
    executionRole: 'unknown',
    launchTypes: n.q === 'ecs.FargateTaskDefinition' ? ['FARGATE'] : n.q === 'ecs.Ec2TaskDefinition' ? ['EC2'] : n.q === 'ecs.ExternalTaskDefinition' ? ['EXTERNAL'] : 'unknown',
    networkMode: !nm ? absent(n, 'networkMode') : mode && NETWORK_MODES[mode[1]] ? known(NETWORK_MODES[mode[1]], file.span(nm.value), nm.key) : unknownField(file.span(nm.value), nm.key),
    pidMode: 'unknown',
    ipcMode: 'unknown',
    volumes: volumesIn(m, els),
    containers,
    containersUnknown: !!n.propsUnknown,
    writer: {},
  };
}

/** Volumes written as object literals, in the L2 (`fileSystemId`) or L1 (`filesystemId`) shape: host paths and EFS transit encryption. */
function volumesIn(m: CdkModel, els: readonly TS.Expression[]): VolumeSpec[] {
  const file = m.file!;
  const out: VolumeSpec[] = [];
  for (const el of els) {
    const o = file.object(el);
    if (!o) continue;
    const v = new Props(file, o);
    const name = v.get('name') && file.string(v.get('name')!.value);
    const host = v.get('host') && file.object(v.get('host')!.value);
    const sp = host && new Props(file, host).get('sourcePath');
    const src = sp && file.string(sp.value);
    const efsProp = v.get('efsVolumeConfiguration');
    const efs = efsProp && file.object(efsProp.value);
    const vol: VolumeSpec = { name: name?.value, span: file.span(o), mountedBy: [] };
    if (sp) vol.hostPath = src ? known(src.value, src.span, sp.key) : unknownField(file.span(sp.value), sp.key);
    if (efsProp && efs) {
      const ep = new Props(file, efs);
      const te = ep.get('transitEncryption');
      const ts = te && file.string(te.value);
      vol.efs = {
        anchor: efsProp.key,
        transitEncryption: te ? (ts ? known(ts.value, ts.span, te.key) : unknownField(file.span(te.value), te.key)) : ep.state('transitEncryption') === 'missing' ? 'missing' : 'unknown',
        enableTransitEncryption: () => fixOf('Enable transit encryption', 'safe', setPath(m, efs, ['transitEncryption'], m.editor!.str('ENABLED'))),
      };
    }
    out.push(vol);
  }
  return out;
}

/** CDK v1 / alpha `batch.JobDefinition`: the job role is `container.jobRole` (none by default). */
function jobDefinitionV1(m: CdkModel, n: CdkNew): TaskSpec | undefined {
  const file = m.file!;
  const cp = objectProp(file, n.props, n.propsUnknown, 'container');
  if (cp.state !== 'present' || !cp.props) return undefined;
  const jr = cp.props.get('jobRole');
  return jobSpec(m, n, {
    taskRole: jr ? unknownField(file.span(jr.value), jr.key) : cp.props.state('jobRole') === 'missing' ? 'missing' : 'unknown',
    // CDK creates an execution role when one is needed
    executionRole: 'unknown',
    launchTypes: 'unknown',
  });
}
