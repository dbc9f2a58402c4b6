/**
 * CDK `ecs.CfnExpressGatewayService` (ECS Express Mode, L1: CloudFormation's
 * properties in camelCase) → containers, tasks and services (target `cdk`).
 *
 * As in the CloudFormation reader, the primary container's settings that
 * Express does not expose (user, privileged, read-only root filesystem,
 * capabilities) read as unknown; logs go to a log group Express creates
 * when `awsLogsConfiguration` is absent; no `networkConfiguration.subnets`
 * means the default VPC. Values behind variables, calls or spreads are
 * unknown.
 */
import type * as TS from 'typescript';
import type { Fix, TextEdit } from '../../core';
import { ContainerSpec, ContainerWriter, EnvVar, Field, known, unknownField } from '../../model/container';
import type { ServiceSpec } from '../../model/service';
import type { Setting } from '../../model/setting';
import type { TaskSpec } from '../../model/task';
import { Prop, Props } from './ast';
import { constructLabel, constructs, fixOf, objectProp, scopeText, stringIn } from './construct';
import { pascalCase, placeholdersIn } from './edit';
import type { CdkModel, CdkNew } from './model';
import { setConstructProp } from './props';

const SUBNETS = ['<private-subnet-1>', '<private-subnet-2>'];
const SECURITY_GROUP = '<service-security-group>';

/** Adds the Express services of a CDK file to its containers, tasks and services. */
export function addExpressServices(m: CdkModel): void {
  const file = m.file;
  if (!file || !m.editor) return;
  const tasks: TaskSpec[] = [];
  const services: ServiceSpec[] = [];
  for (const n of constructs(m, 'ecs.CfnExpressGatewayService')) {
    const label = constructLabel(n);
    const span = file.span(n.node);
    const pc = objectProp(file, n.props, n.propsUnknown, 'primaryContainer');
    const containers = pc.props && pc.prop ? [readContainer(m, n, pc.props, pc.prop)] : [];
    m.containers.push(...containers);

    const role = (key: string): { setting: Setting<string>; prop?: Prop } => {
      const s = stringIn(file, n.props, key);
      const prop = n.props?.get(key);
      if (n.propsUnknown) return { setting: 'unknown' };
      if (typeof s === 'object' && s.known && !s.value!.trim()) return { setting: 'missing', prop };
      return { setting: s, prop };
    };
    const task = role('taskRoleArn');
    tasks.push({
      target: 'cdk',
      format: 'express',
      kind: 'express',
      label,
      span,
      anchor: n.anchor,
      taskRole: task.setting,
      emptyTaskRole: task.setting === 'missing' && task.prop ? file.span(task.prop.value) : undefined,
      taskRoleKey: 'taskRoleArn',
      executionRole: role('executionRoleArn').setting,
      // Fargate, awsvpc, no host namespaces or volumes
      launchTypes: ['FARGATE'],
      networkMode: 'unknown',
      pidMode: 'missing',
      ipcMode: 'missing',
      volumes: [],
      containers,
      containersUnknown: pc.state === 'unknown',
      writer: {
        addTaskRole: (): Fix | undefined => {
          const imp = m.editor!.imports();
          const ed = m.editor!;
          const text = `new ${imp.ref('iam', 'Role')}(${scopeText(m, n)}, ${ed.str(`${n.id ?? 'Express'}TaskRole`)}, { assumedBy: new ${imp.ref('iam', 'ServicePrincipal')}(${ed.str('ecs-tasks.amazonaws.com')}) }).roleArn`;
          const e = setConstructProp(m, n, task.prop, 'taskRoleArn', text);
          return fixOf('Add a dedicated task role (trusted by ecs-tasks.amazonaws.com, no policies yet)', 'manual', e && e.length ? [...e, ...imp.edits] : undefined);
        },
      },
    });

    // networkConfiguration: { subnets, securityGroups }
    const nc = objectProp(file, n.props, n.propsUnknown, 'networkConfiguration');
    const list = (key: string): { prop?: Prop; arr?: TS.ArrayLiteralExpression; fields: Field<string>[] | 'unknown' | 'missing' } => {
      if (nc.state === 'unknown') return { fields: 'unknown' };
      if (!nc.props) return { fields: 'missing' };
      const prop = nc.props.get(key);
      if (!prop) return { fields: nc.props.state(key) === 'unknown' ? 'unknown' : 'missing' };
      const arr = file.array(prop.value);
      if (!arr || arr.elements.some((e) => file.ts.isSpreadElement(e))) return { prop, fields: 'unknown' };
      return {
        prop,
        arr,
        fields: arr.elements.map((e) => {
          const s = file.string(e);
          return s ? known(s.value, s.span) : unknownField<string>(file.span(e));
        }),
      };
    };
    const subnets = list('subnets');
    const groups = list('securityGroups');
    let defaultVpc: Field<boolean>;
    if (nc.state === 'unknown' || subnets.fields === 'unknown') defaultVpc = unknownField(nc.prop?.key ?? n.anchor);
    else if (nc.state === 'missing') defaultVpc = known(true, n.anchor);
    else if (subnets.fields === 'missing' || subnets.fields.length === 0) defaultVpc = known(true, subnets.prop?.key ?? nc.prop!.key);
    else defaultVpc = known(false, subnets.prop!.key);
    services.push({
      target: 'cdk',
      format: 'express',
      label,
      span,
      anchor: n.anchor,
      assignPublicIp: 'unknown',
      subnets: Array.isArray(subnets.fields) ? subnets.fields : subnets.fields === 'missing' ? [] : 'unknown',
      securityGroups: Array.isArray(groups.fields) ? groups.fields : groups.fields === 'missing' ? [] : 'unknown',
      enableExecuteCommand: 'missing',
      defaultVpc,
      writer: {
        useOwnSubnets: (): Fix | undefined => {
          const ed = m.editor!;
          const arr = (xs: string[]): string => `[${xs.map((x) => ed.str(x)).join(', ')}]`;
          const needGroups = groups.fields === 'missing' || (Array.isArray(groups.fields) && groups.fields.length === 0);
          let edits: TextEdit[] | undefined;
          if (nc.state === 'missing') {
            edits = setConstructProp(m, n, undefined, 'networkConfiguration', `{ subnets: ${arr(SUBNETS)}, securityGroups: ${arr([SECURITY_GROUP])} }`);
          } else if (nc.props) {
            const obj = nc.props.node;
            edits = [...ed.setProp(obj, subnets.prop, 'subnets', arr(SUBNETS))];
            if (needGroups) {
              // both in one insertion when neither is there (two inserts at one offset would collide)
              if (!subnets.prop && !groups.prop) edits = ed.insertProp(obj, `subnets: ${arr(SUBNETS)}, securityGroups: ${arr([SECURITY_GROUP])}`);
              else edits.push(...ed.setProp(obj, groups.prop, 'securityGroups', arr([SECURITY_GROUP])));
            }
          }
          if (!edits?.length) return undefined;
          const ph = [...SUBNETS, ...(nc.state === 'missing' || needGroups ? [SECURITY_GROUP] : [])].flatMap((p) => placeholdersIn(edits!, p).slice(0, 1));
          return fixOf('Run it in private subnets and a security group of your own (networkConfiguration; replace the placeholder ids)', 'manual', edits, ph);
        },
      },
    });
  }
  if (tasks.length || services.length) {
    m.views = { ...m.views, tasks: [...(m.views?.tasks ?? []), ...tasks], services: [...(m.views?.services ?? []), ...services] };
  }
}

function readContainer(m: CdkModel, n: CdkNew, pc: Props, pcProp: Prop): ContainerSpec {
  const file = m.file!;
  const ts = file.ts;
  const anchor = pcProp.key;
  const env: EnvVar[] = [];
  const envEls = new Map<EnvVar, TS.Expression>();
  let envUnknown = pc.state('environment') === 'unknown';
  const envProp = pc.get('environment');
  const envArr = envProp ? file.array(envProp.value) : undefined;
  if (envProp && !envArr) envUnknown = true;
  for (const el of envArr?.elements ?? []) {
    const obj = ts.isSpreadElement(el) ? undefined : file.object(el);
    if (!obj) {
      envUnknown = true;
      continue;
    }
    const p = new Props(file, obj);
    const np = p.get('name');
    if (!np) {
      if (p.state('name') === 'unknown') envUnknown = true;
      continue;
    }
    const ns = file.string(np.value);
    const vp = p.get('value');
    const vs = vp ? file.string(vp.value) : undefined;
    const ev: EnvVar = {
      name: ns ? known(ns.value, ns.span) : unknownField(file.span(np.value)),
      value: vp ? (vs ? known(vs.value, vs.span, vp.key) : unknownField(file.span(vp.value), vp.key)) : undefined,
      span: file.span(el),
    };
    env.push(ev);
    envEls.set(ev, el);
  }
  const imageS = stringIn(file, pc, 'image');
  const unseen = unknownField<boolean>(anchor);
  const spec: ContainerSpec = {
    target: 'cdk',
    format: 'cdk',
    kind: 'container',
    span: file.span(pcProp.value),
    anchor,
    image: typeof imageS === 'object' ? imageS : undefined,
    // settings Express does not expose: neither known nor missing
    privileged: unseen,
    readOnlyRootFilesystem: unseen,
    identity: { verdict: 'unknown', span: anchor, detail: 'Express Mode sets no user' },
    capAdd: [],
    capsUnknown: true,
    env,
    envUnknown,
    logging: undefined,
    writer: undefined as unknown as ContainerWriter,
  };
  const none = (): undefined => undefined;
  const ed = m.editor!;
  const owner = n.id ?? 'app';
  spec.writer = {
    setFlag: none,
    runAsNonRoot: none,
    dropAllCapabilities: none,
    removeAddedCapability: none,
    removeEnv(e) {
      const el = envEls.get(e);
      return el && envArr ? ed.removeElement(envArr.elements, el) : undefined;
    },
    moveEnvToSecret(e): Fix | undefined {
      const el = envEls.get(e);
      if (!el || !envArr || !e.name.known) return undefined;
      const sp = pc.get('secrets');
      const secArr = sp ? file.array(sp.value) : undefined;
      if ((sp && !secArr) || (!sp && pc.state('secrets') === 'unknown')) return undefined;
      const secretName = `${owner}/${e.name.value}`;
      const imp = ed.imports();
      const lookup = `${imp.ref('secretsmanager', 'Secret')}.fromSecretNameV2(${scopeText(m, n)}, ${ed.str(`${pascalCase(e.name.value!)}Secret`)}, ${ed.str(secretName)}).secretArn`;
      const entry = `{ name: ${ed.str(e.name.value!)}, valueFrom: ${lookup} }`;
      const add = secArr ? ed.insertElement(secArr.elements, secArr, entry) : ed.insertProp(pc.node, `secrets: [${entry}]`);
      const edits = [...ed.removeElement(envArr.elements, el), ...add, ...imp.edits];
      return fixOf(
        `Move ${e.name.value} to secrets (Secrets Manager secret ${secretName}; the execution role must be allowed to read it)`,
        'manual',
        add.length ? edits : undefined,
        placeholdersIn(edits, secretName).slice(0, 1),
      );
    },
  };
  return spec;
}

