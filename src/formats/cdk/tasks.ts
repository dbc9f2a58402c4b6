/**
 * CDK tasks mapped into TaskSpec: the L1 `ecs.CfnTaskDefinition`, the Batch
 * container definitions (`batch.EcsEc2ContainerDefinition`,
 * `EcsFargateContainerDefinition`) and the L1 `batch.CfnJobDefinition`.
 * An L2 `ecs.TaskDefinition` is not a TaskSpec here: CDK always gives it a
 * task role of its own.
 */
import { ContainerSpec, unknownField } from '../../model/container';
import type { TextEdit } from '../../core';
import type { Setting } from '../../model/setting';
import type { TaskSpec } from '../../model/task';
import { Props } from './ast';
import { absent, constructLabel, fixOf, objectProp, propState, scopeText, setPath, stringIn } from './construct';
import type { CdkModel, CdkNew } from './model';
import { setConstructProp } from './props';

const BATCH_CONTAINERS: Record<string, string> = { 'batch.EcsEc2ContainerDefinition': 'EC2', 'batch.EcsFargateContainerDefinition': 'FARGATE' };

export function buildTasks(m: CdkModel): TaskSpec[] {
  if (!m.file || !m.editor) return [];
  const out: TaskSpec[] = [];
  for (const n of m.news) {
    if (n.q === 'ecs.CfnTaskDefinition') out.push(cfnTaskDefinition(m, n));
    else if (n.q in BATCH_CONTAINERS) out.push(batchContainer(m, n));
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
    volumes: [],
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
  const containers: ContainerSpec[] = m.containers.filter((c) => c.anchor.start === n.anchor.start && c.anchor.end === n.anchor.end);
  return {
    target: 'cdk',
    format: 'cdk',
    kind: 'job',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    taskRole: jr ? unknownField(file.span(jr.value), jr.key) : absent(n, 'jobRole'),
    taskRoleKey: 'jobRole',
    // CDK creates an execution role when none is given
    executionRole: xr ? unknownField(file.span(xr.value), xr.key) : propState(n, 'executionRole') === 'missing' ? unknownField(n.anchor) : 'unknown',
    launchTypes: [BATCH_CONTAINERS[n.q]],
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
