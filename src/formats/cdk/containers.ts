/**
 * The CDK adapter into ContainerSpec / WorkloadSpec: `addContainer(id, props)`,
 * `new ecs.ContainerDefinition(scope, id, props)`, the `taskImageOptions` of
 * the ecs_patterns services and the Batch container definitions.
 */
import type * as TS from 'typescript';
import type { Fix, Span, TextEdit } from '../../core';
import { ContainerSpec, ContainerWriter, EnvVar, Field, Identity, WorkloadSpec, known, overrideUnknown, unknownField } from '../../model/container';
import { bindingOf, CdkFile, keyOf, Prop, Props, unwrap } from './ast';
import { CdkEditor, pascalCase, placeholdersIn } from './edit';
import type { CdkModel, CdkNew } from './model';

const TASK_DEFS = new Set(['ecs.TaskDefinition', 'ecs.FargateTaskDefinition', 'ecs.Ec2TaskDefinition', 'ecs.ExternalTaskDefinition']);
/** the Batch container constructs and the platform each runs on (a Map: a qualified name is a new string per file, which an object's `in` would first look up among V8's interned strings) */
export const BATCH_CONTAINERS: ReadonlyMap<string, string> = new Map([
  ['batch.EcsFargateContainerDefinition', 'FARGATE'],
  ['batch.EcsEc2ContainerDefinition', 'EC2'],
]);
/** `batch.JobDefinition` of CDK v1 (`@aws-cdk/aws-batch`) and of the v2 alpha module (`@aws-cdk/aws-batch-alpha`) */
export const JOB_DEFINITIONS_V1 = new Set(['batch.JobDefinition', 'batch_alpha.JobDefinition']);

export function isTaskDefinition(q: string): boolean {
  return TASK_DEFS.has(q);
}

export function buildContainers(model: CdkModel, file: CdkFile, ed: CdkEditor, bound: Map<string, CdkNew>): void {
  const ts = file.ts;
  const workloads = new Map<CdkNew, WorkloadSpec>();
  const workloadOf = (e: TS.Expression | undefined): WorkloadSpec | undefined => {
    if (!e) return undefined;
    const n = newOf(file, bound, e);
    return n ? workloads.get(n) : undefined;
  };
  for (const n of model.news) {
    if (!TASK_DEFS.has(n.q)) continue;
    const w = taskWorkload(file, ed, n);
    workloads.set(n, w);
    model.workloads.push(w);
  }
  const overridden = new Set([...workloads].filter(([n]) => n.overridden).map(([, w]) => w));
  const add = (c: ContainerSpec | undefined) => {
    if (!c) return;
    // the task definition's resource is changed through an escape hatch (`ContainerDefinitions.0.Privileged` …)
    if (c.workload && overridden.has(c.workload)) overrideUnknown(c);
    model.containers.push(c);
    c.workload?.containers.push(c);
  };
  const unreadable = (n: { span: Span }, what: string) => {
    if (model.notes!.some((x) => x.message.includes('props that are not literals'))) return;
    model.notes!.push({ span: n.span, message: `Partly not analysed: ${what} has props that are not literals in this file.` });
  };
  const byBinding = new Map<string, ContainerSpec>();
  const containerOf = new Map<CdkNew, ContainerSpec>();
  for (const n of model.news) {
    if (n.q === 'ecs.ContainerDefinition') {
      if (n.props) {
        const c = container(file, ed, n.props, 'ecs', n.id, n.node.arguments?.[1], n.anchor, workloadOf(n.props.get('taskDefinition')?.value));
        containerOf.set(n, c);
        add(c);
      }
      else if (n.propsUnknown) unreadable({ span: n.anchor }, 'a container definition');
    } else if (BATCH_CONTAINERS.has(n.q)) {
      if (n.props) add(container(file, ed, n.props, 'batch', n.id, n.node.arguments?.[1], n.anchor, undefined));
      else if (n.propsUnknown) unreadable({ span: n.anchor }, 'a Batch container definition');
    } else if (JOB_DEFINITIONS_V1.has(n.q) && n.props) {
      // CDK v1 (and the v2 alpha): new batch.JobDefinition(scope, id, { container: { image, privileged, readOnly … } })
      const cp = n.props.get('container');
      const obj = cp && file.object(cp.value);
      if (obj) add(container(file, ed, new Props(file, obj), 'batchV1', n.id, n.node.arguments?.[1], n.anchor, undefined));
      else if (cp) unreadable({ span: n.anchor }, 'a Batch job definition');
    } else if (n.q.startsWith('ecs_patterns.') && n.props) {
      const tio = n.props.get('taskImageOptions');
      const obj = tio && file.object(tio.value);
      if (tio && obj) add(container(file, ed, new Props(file, obj), 'patterns', n.id, undefined, tio.key, undefined));
    }
  }
  // L1 resources: CloudFormation's own shapes in camelCase
  for (const n of model.news) {
    if (n.q === 'ecs.CfnTaskDefinition' && n.props) {
      const w = l1Workload(file, n);
      model.workloads.push(w);
      const defs = n.props.get('containerDefinitions');
      const arr = defs && file.array(defs.value);
      if (defs && !arr) unreadable({ span: file.span(defs.value) }, 'a CfnTaskDefinition');
      for (const el of arr?.elements ?? []) {
        const o = file.object(el);
        if (o) add(l1Container(file, ed, new Props(file, o), 'ecs', w));
      }
    } else if (n.q === 'batch.CfnJobDefinition' && n.props) {
      const cp = n.props.get('containerProperties');
      const o = cp && file.object(cp.value);
      if (o) add(l1Container(file, ed, new Props(file, o), 'batch', undefined, cp.key, n.id));
    }
  }
  for (const call of model.calls) {
    if (call.method !== 'addContainer' || call.via) continue;
    if (call.target && !TASK_DEFS.has(call.target.q)) continue;
    const [idArg, propsArg] = call.node.arguments;
    if (!propsArg) continue;
    const obj = file.object(propsArg);
    if (!obj) {
      unreadable({ span: file.span(call.node.expression) }, 'an addContainer call');
      continue;
    }
    const props = new Props(file, obj);
    if (!call.target && props.state('image') === 'missing') continue; // not a container
    const idLit = file.string(idArg);
    const anchor = idLit ? idLit.span : file.span((call.node.expression as TS.PropertyAccessExpression).name);
    const c = container(file, ed, props, 'ecs', idLit?.value, idArg, anchor, call.target ? workloads.get(call.target) : undefined);
    add(c);
    const b = bindingOf(ts, call.node);
    if (b) byBinding.set(b, c);
  }
  // `container.addPortMappings({ containerPort: 22 })` on a container bound to a name
  for (const n of model.news) if (n.q === 'ecs.ContainerDefinition' && n.bound && containerOf.has(n)) byBinding.set(n.bound, containerOf.get(n)!);
  for (const call of model.calls) {
    if (call.method !== 'addPortMappings' || call.via) continue;
    const k = keyOf(ts, unwrap(ts, call.receiver));
    const c = k ? byBinding.get(k) : undefined;
    if (!c) continue;
    // a spread or a variable: the ports are not all known
    if (call.node.arguments.some((a) => !file.object(a))) c.ports = undefined;
    else c.ports?.push(...portsOf(file, call.node.arguments));
  }
  void ts;
}

/** The construct an expression is (`new …` inline, or a bound name). */
export function newOf(file: CdkFile, bound: Map<string, CdkNew>, e: TS.Expression): CdkNew | undefined {
  const key = keyOf(file.ts, file.deref(e));
  return key === undefined ? undefined : bound.get(key);
}

/** `ecs.NetworkMode.HOST` …: the member of a task definition's mode enum */
const MODE_VALUE = { NetworkMode: /^ecs\.NetworkMode\.([A-Z_]+)$/, PidMode: /^ecs\.PidMode\.([A-Z_]+)$/, IpcMode: /^ecs\.IpcMode\.([A-Z_]+)$/ };

function taskWorkload(file: CdkFile, ed: CdkEditor, n: CdkNew): WorkloadSpec {
  const p = n.props;
  const mode = (key: string, enumName: keyof typeof MODE_VALUE): Field<boolean> | undefined => {
    if (!p) return n.propsUnknown ? unknownField(n.anchor) : undefined;
    const prop = p.get(key);
    if (!prop) return p.state(key) === 'unknown' ? unknownField(n.anchor) : undefined;
    const q = file.resolve(prop.value);
    const m = q && MODE_VALUE[enumName].exec(q);
    return m ? known(m[1] === 'HOST', file.span(prop.value), prop.key) : unknownField(file.span(prop.value), prop.key);
  };
  const w: WorkloadSpec = {
    target: 'cdk',
    format: 'cdk',
    label: `${n.q.split('.').pop()} ${n.id ?? ''}`.trim(),
    span: file.span(n.node),
    anchor: n.anchor,
    hostNetwork: mode('networkMode', 'NetworkMode'),
    hostPID: mode('pidMode', 'PidMode'),
    hostIPC: mode('ipcMode', 'IpcMode'),
    containers: [],
    writer: {
      disableHost(ns) {
        const key = ns === 'hostNetwork' ? 'networkMode' : ns === 'hostPID' ? 'pidMode' : 'ipcMode';
        const prop = p?.get(key);
        if (!p || !prop) return undefined;
        return ed.removeElement(p.node.properties, prop.node);
      },
    },
  };
  return w;
}

/** `batchV1`: the container of a CDK v1 (or alpha) `batch.JobDefinition`, whose keys are `readOnly` and `linuxParams` */
type Kind = 'ecs' | 'batch' | 'batchV1' | 'patterns';

/** The names a container's props use for the read-only root filesystem and the Linux parameters. */
function keysOf(kind: Kind): { readOnly: string; linux: string } {
  return kind === 'batchV1' ? { readOnly: 'readOnly', linux: 'linuxParams' } : { readOnly: 'readonlyRootFilesystem', linux: 'linuxParameters' };
}

const ROOT_USER = /^(0|root)(:.*)?$/;

function container(file: CdkFile, ed: CdkEditor, p: Props, kind: Kind, id: string | undefined, idArg: TS.Expression | undefined, anchor: Span, workload: WorkloadSpec | undefined): ContainerSpec {
  const ts = file.ts;
  const nameProp = p.get('containerName');
  const name = (nameProp && file.string(nameProp.value)?.value) ?? id;
  void idArg;
  const bool = (key: string, missing: 'undefined' | 'unknown' = 'undefined'): Field<boolean> | undefined => {
    const prop = p.get(key);
    if (!prop) return p.state(key) === 'unknown' || missing === 'unknown' ? unknownField(anchor) : undefined;
    const b = file.bool(prop.value);
    return b === undefined ? unknownField(file.span(prop.value), prop.key) : known(b, file.span(prop.value), prop.key);
  };

  // image
  let image: Field<string> | undefined;
  const ip = p.get('image');
  if (ip) {
    const v = file.deref(ip.value);
    const q = v.kind === file.K.CallExpression ? file.resolve((v as TS.CallExpression).expression) : undefined;
    const s = q && q.endsWith('.ContainerImage.fromRegistry') ? file.string((v as TS.CallExpression).arguments[0]) : undefined;
    image = s ? known(s.value, s.span, ip.key) : unknownField(file.span(ip.value), ip.key);
  }

  // user
  let identity: Identity;
  if (kind === 'patterns') identity = { verdict: 'unknown', span: anchor };
  else {
    const up = p.get('user');
    if (!up) identity = p.state('user') === 'unknown' ? { verdict: 'unknown', span: anchor } : { verdict: 'unset', span: anchor };
    else {
      const s = file.string(up.value);
      if (!s) identity = { verdict: 'unknown', span: file.span(up.value) };
      else if (ROOT_USER.test(s.value.trim())) identity = { verdict: 'root', span: s.span, detail: `user: ${JSON.stringify(s.value)}` };
      else identity = { verdict: 'nonroot', span: s.span };
    }
  }

  // capabilities (ecs.LinuxParameters / batch.LinuxParameters: addCapabilities / dropCapabilities calls)
  const capAdd: Field<string>[] = [];
  let capDrop: Field<string>[] | undefined;
  let capsUnknown = false;
  const capArgs = new Map<Field<string>, { call: TS.CallExpression; arg: TS.Expression }>();
  const lpProp = p.get(keysOf(kind).linux);
  if (lpProp) {
    const v = file.deref(lpProp.value);
    let boundName: string | undefined;
    const u = lpProp.value;
    if (ts.isIdentifier(u)) boundName = u.text;
    else if (ts.isPropertyAccessExpression(u) && u.expression.kind === ts.SyntaxKind.ThisKeyword) boundName = `this.${u.name.text}`;
    const isLp = ts.isNewExpression(v) && /\.LinuxParameters$/.test(file.resolve(v.expression) ?? '');
    if (!isLp || !boundName) capsUnknown = !isLp;
    else {
      for (const n of file.calls) {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
          const m = n.expression.name.text;
          const r = n.expression.expression;
          const rk = ts.isIdentifier(r) ? r.text : ts.isPropertyAccessExpression(r) && r.expression.kind === ts.SyntaxKind.ThisKeyword ? `this.${r.name.text}` : undefined;
          if (rk === boundName && (m === 'addCapabilities' || m === 'dropCapabilities')) {
            for (const a of n.arguments) {
              if (ts.isSpreadElement(a)) {
                capsUnknown = true;
                continue;
              }
              const q = file.resolve(a);
              const mm = q && /\.Capability\.([A-Z_]+)$/.exec(q);
              if (!mm) {
                capsUnknown = true;
                continue;
              }
              const f = known(mm[1], file.span(a));
              if (m === 'addCapabilities') {
                capAdd.push(f);
                capArgs.set(f, { call: n, arg: a });
              } else (capDrop ??= []).push(f);
            }
          }
        }
      }
    }
  } else if (p.state(keysOf(kind).linux) === 'unknown') capsUnknown = true;

  // environment
  const env: EnvVar[] = [];
  let envUnknown = false;
  let envObj: TS.ObjectLiteralExpression | undefined;
  const envProps = new Map<EnvVar, Prop>();
  const ep = p.get('environment');
  if (ep) {
    envObj = file.object(ep.value);
    if (!envObj) envUnknown = true;
    else {
      const eps = new Props(file, envObj);
      envUnknown = eps.hasSpread || eps.hasOpaque;
      for (const e of eps.all()) {
        const s = file.string(e.value);
        const v: EnvVar = { name: known(e.name, e.key), value: s ? known(s.value, s.span) : unknownField(file.span(e.value)), span: file.span(e.node) };
        env.push(v);
        envProps.set(v, e);
      }
    }
  } else if (p.state('environment') === 'unknown') envUnknown = true;

  // logging
  let logging: Field<boolean> | undefined;
  if (kind === 'ecs') {
    const lp = p.get('logging');
    // `ecs.LogDrivers.none()` (or `new ecs.NoneLogDriver()`) keeps no logs
    if (lp) logging = known(!/^ecs\.(LogDrivers\.none|NoneLogDriver)$/.test(file.callee(lp.value) ?? ''), file.span(lp.value), lp.key);
    else logging = p.state('logging') === 'unknown' ? unknownField(anchor) : known(false, anchor);
  } else if (kind === 'patterns') {
    const el = p.get('enableLogging');
    const b = el ? file.bool(el.value) : true;
    logging = el ? (b === undefined ? unknownField(file.span(el.value), el.key) : known(b, file.span(el.value), el.key)) : known(true, anchor);
  }

  const spec: ContainerSpec = {
    target: 'cdk',
    format: 'cdk',
    kind: 'container',
    name,
    span: file.span(p.node),
    anchor,
    image,
    privileged: kind === 'patterns' ? undefined : bool('privileged'),
    readOnlyRootFilesystem: kind === 'patterns' ? unknownField(anchor) : bool(keysOf(kind).readOnly),
    identity,
    capAdd,
    capDrop,
    capsUnknown,
    env,
    envUnknown,
    logging,
    ports: portsOf(file, file.array(p.get('portMappings')?.value)?.elements ?? []),
    workload,
    writer: writer(file, ed, p, kind, name ?? id ?? 'app', envObj, envProps, capArgs),
  };
  return spec;
}

/** An L1 task definition's network, PID and IPC modes (`networkMode: 'host'`). */
function l1Workload(file: CdkFile, n: CdkNew): WorkloadSpec {
  const p = n.props!;
  const mode = (key: string): Field<boolean> | undefined => {
    const prop = p.get(key);
    if (!prop) return p.state(key) === 'unknown' ? unknownField(n.anchor) : undefined;
    const s = file.string(prop.value);
    return s ? known(s.value === 'host', s.span, prop.key) : unknownField(file.span(prop.value), prop.key);
  };
  return {
    target: 'cdk',
    format: 'cdk',
    label: `CfnTaskDefinition ${n.id ?? ''}`.trim(),
    span: file.span(n.node),
    anchor: n.anchor,
    hostNetwork: mode('networkMode'),
    hostPID: mode('pidMode'),
    hostIPC: mode('ipcMode'),
    containers: [],
    l1: true,
  };
}

/**
 * A container of an L1 resource: `ecs.CfnTaskDefinition` `containerDefinitions`
 * items and `batch.CfnJobDefinition` `containerProperties`, in CloudFormation's
 * shape (image a string, environment a list of name/value pairs,
 * `linuxParameters.capabilities` lists, `logConfiguration`). Fixes set the
 * flags and the user; the rest is edited by hand.
 */
function l1Container(file: CdkFile, ed: CdkEditor, p: Props, kind: 'ecs' | 'batch', workload: WorkloadSpec | undefined, anchorAt?: Span, id?: string): ContainerSpec {
  const nameProp = p.get('name');
  const nameLit = nameProp ? file.string(nameProp.value) : undefined;
  const anchor = nameLit?.span ?? anchorAt ?? file.span(p.node);
  const field = <T>(key: string, read: (e: TS.Node) => T | undefined, missing?: Field<T>): Field<T> | undefined => {
    const prop = p.get(key);
    if (!prop) return p.state(key) === 'unknown' ? unknownField(anchor) : missing;
    const v = read(prop.value);
    return v === undefined ? unknownField(file.span(prop.value), prop.key) : known(v, file.span(prop.value), prop.key);
  };
  const imageLit = p.get('image') && file.string(p.get('image')!.value);
  let identity: Identity;
  const up = p.get('user');
  const user = up && file.string(up.value);
  if (!up) identity = p.state('user') === 'unknown' ? { verdict: 'unknown', span: anchor } : { verdict: 'unset', span: anchor };
  else if (!user) identity = { verdict: 'unknown', span: file.span(up.value) };
  else if (ROOT_USER.test(user.value.trim())) identity = { verdict: 'root', span: user.span, detail: `user: ${JSON.stringify(user.value)}` };
  else identity = { verdict: 'nonroot', span: user.span };

  // linuxParameters: { capabilities: { add: [...], drop: [...] } }
  let capsUnknown = false;
  const caps = (list: 'add' | 'drop'): Field<string>[] | undefined => {
    const lp = p.get('linuxParameters');
    if (!lp) {
      if (p.state('linuxParameters') === 'unknown') capsUnknown = true;
      return undefined;
    }
    const lpo = file.object(lp.value);
    const cp = lpo && new Props(file, lpo).get('capabilities');
    const cpo = cp && file.object(cp.value);
    if (!lpo || (cp && !cpo)) {
      capsUnknown = true;
      return undefined;
    }
    const lst = cpo && new Props(file, cpo).get(list);
    if (!lst) return undefined;
    const arr = file.array(lst.value);
    if (!arr) {
      capsUnknown = true;
      return undefined;
    }
    return arr.elements.map((e) => {
      const s = file.string(e);
      if (!s) capsUnknown = true;
      return s ? known(s.value, s.span) : unknownField<string>(file.span(e));
    });
  };
  const capAdd = caps('add') ?? [];
  const capDrop = caps('drop');

  // environment: [{ name, value }]
  const env: EnvVar[] = [];
  let envUnknown = false;
  const ep = p.get('environment');
  if (ep) {
    const arr = file.array(ep.value);
    if (!arr) envUnknown = true;
    for (const el of arr?.elements ?? []) {
      const o = file.object(el);
      if (!o) {
        envUnknown = true;
        continue;
      }
      const ps = new Props(file, o);
      const nm = ps.get('name') && file.string(ps.get('name')!.value);
      const vp = ps.get('value');
      const v = vp && file.string(vp.value);
      if (!nm) {
        envUnknown = true;
        continue;
      }
      env.push({ name: known(nm.value, nm.span), value: vp ? (v ? known(v.value, v.span) : unknownField(file.span(vp.value))) : undefined, span: file.span(el) });
    }
  } else if (p.state('environment') === 'unknown') envUnknown = true;

  const obj = p.node;
  return {
    target: 'cdk',
    format: 'cdk',
    kind: 'container',
    name: nameLit?.value ?? id,
    span: file.span(obj),
    anchor,
    image: p.get('image') ? (imageLit ? known(imageLit.value, imageLit.span, p.get('image')!.key) : unknownField(file.span(p.get('image')!.value), p.get('image')!.key)) : undefined,
    privileged: field('privileged', (e) => file.bool(e)),
    readOnlyRootFilesystem: field('readonlyRootFilesystem', (e) => file.bool(e)),
    identity,
    capAdd,
    capDrop,
    capsUnknown,
    env,
    envUnknown,
    // Batch sends container output to CloudWatch Logs by default; an ECS container without logConfiguration keeps none
    logging: kind === 'ecs' ? (p.get('logConfiguration') ? known(true, file.span(p.get('logConfiguration')!.value)) : p.state('logConfiguration') === 'unknown' ? unknownField(anchor) : known(false, anchor)) : undefined,
    ports: portsOf(file, file.array(p.get('portMappings')?.value)?.elements ?? []),
    workload,
    writer: {
      setFlag(flag, value) {
        const key = flag === 'privileged' ? 'privileged' : flag === 'readOnlyRootFilesystem' ? 'readonlyRootFilesystem' : undefined;
        return key ? ed.setProp(obj, p.get(key), key, String(value)) : undefined;
      },
      runAsNonRoot() {
        const edits = ed.setProp(obj, p.get('user'), 'user', ed.str('1000'));
        return { title: 'Run as a non-root user (set user)', safety: 'manual', edits, placeholders: placeholdersIn(edits, '1000') };
      },
      dropAllCapabilities: () => undefined,
      removeAddedCapability: () => undefined,
      removeEnv: () => undefined,
      moveEnvToSecret: () => undefined,
    },
  };
}

function writer(
  file: CdkFile,
  ed: CdkEditor,
  p: Props,
  kind: Kind,
  name: string,
  envObj: TS.ObjectLiteralExpression | undefined,
  envProps: Map<EnvVar, Prop>,
  capArgs: Map<Field<string>, { call: TS.CallExpression; arg: TS.Expression }>,
): ContainerWriter {
  const obj = p.node;
  const mod = kind === 'batch' ? 'batch' : 'ecs';
  return {
    setFlag(flag, value) {
      if (kind === 'patterns') return undefined;
      const key = flag === 'privileged' ? 'privileged' : flag === 'readOnlyRootFilesystem' ? keysOf(kind).readOnly : undefined;
      if (!key) return undefined;
      return ed.setProp(obj, p.get(key), key, String(value));
    },
    runAsNonRoot(): Fix | undefined {
      if (kind === 'patterns') return undefined;
      const edits = ed.setProp(obj, p.get('user'), 'user', ed.str('1000'));
      return { title: 'Run as a non-root user (set user)', safety: 'manual', edits, placeholders: placeholdersIn(edits, '1000') };
    },
    dropAllCapabilities() {
      // linuxParameters bound to a const: add `lp.dropCapabilities(ecs.Capability.ALL);` after its declaration
      const lpv = p.get(keysOf(kind).linux)?.value;
      if (!lpv || !file.ts.isIdentifier(lpv)) return undefined;
      const init = file.constOf(lpv.text);
      const decl = init?.parent;
      const st = decl?.parent?.parent;
      if (!init || !st || !file.ts.isVariableStatement(st)) return undefined;
      const imp = ed.imports();
      const line = ed.lines.positionAt(st.getStart(file.sf)).line;
      const at = st.getEnd();
      const call = `${ed.lines.eol}${ed.lines.indentOf(line)}${lpv.text}.dropCapabilities(${imp.ref(mod, 'Capability')}.ALL)${file.semi ? ';' : ''}`;
      return [{ start: at, end: at, newText: call }, ...imp.edits];
    },
    removeAddedCapability(cap) {
      const c = capArgs.get(cap);
      if (!c) return undefined;
      if (c.call.arguments.length > 1) return ed.removeElement(c.call.arguments, c.arg);
      // the only argument: remove the whole statement when it is one
      const st = c.call.parent;
      if (st && file.ts.isExpressionStatement(st)) {
        const sl = ed.lines.positionAt(st.getStart(file.sf)).line;
        const el = ed.lines.positionAt(st.getEnd()).line;
        const before = file.text.slice(ed.lines.lineStart(sl), st.getStart(file.sf));
        const rest = file.text.slice(st.getEnd(), ed.lines.lineEnd(el));
        if (before.trim() === '' && /^\s*(\/\/.*)?$/.test(rest) && el + 1 < ed.lines.lineCount) return [{ start: ed.lines.lineStart(sl), end: ed.lines.lineStart(el + 1), newText: '' }];
        return [{ start: st.getStart(file.sf), end: st.getEnd(), newText: '' }];
      }
      return undefined;
    },
    removeEnv(env) {
      const prop = envProps.get(env);
      if (!prop || !envObj) return undefined;
      return ed.removeElement(envObj.properties, prop.node);
    },
    moveEnvToSecret(env): Fix | undefined {
      const prop = envProps.get(env);
      if (!prop || !envObj || kind === 'patterns' && false) return undefined;
      const sp = p.get('secrets');
      const secretsObj = sp ? file.object(sp.value) : undefined;
      if (sp && !secretsObj) return undefined;
      if (!sp && p.state('secrets') === 'unknown') return undefined;
      const imp = ed.imports();
      const secretName = `${env.name.value ?? 'SECRET'}`;
      const placeholder = `my-app/${secretName.toLowerCase().replace(/_/g, '-')}`;
      const sm = imp.ref('secretsmanager', 'Secret');
      const value = `${imp.ref(mod, 'Secret')}.fromSecretsManager(${sm}.fromSecretNameV2(this, ${ed.str(`${pascalCase(secretName)}Secret`)}, ${ed.str(placeholder)}))`;
      const entry = `${ed.key(secretName)}: ${value}`;
      const edits: TextEdit[] = [...ed.removeElement(envObj.properties, prop.node)];
      if (secretsObj) edits.push(...ed.insertProp(secretsObj, entry));
      else edits.push(...ed.insertProp(obj, `secrets: { ${entry} }`));
      edits.push(...imp.edits);
      return { title: `Move ${secretName} to a Secrets Manager secret`, safety: 'manual', edits, placeholders: placeholdersIn(edits, placeholder) };
    },
    addLogging(): Fix | undefined {
      if (kind === 'patterns') {
        const el = p.get('enableLogging');
        if (!el) return undefined;
        return { title: 'Enable logging', safety: 'safe', edits: ed.setProp(obj, el, 'enableLogging', 'true') };
      }
      if (kind !== 'ecs') return undefined;
      const imp = ed.imports();
      const text = `${imp.ref('ecs', 'LogDrivers')}.awsLogs({ streamPrefix: ${ed.str(name)} })`;
      const edits = [...ed.setProp(obj, p.get('logging'), 'logging', text), ...imp.edits];
      return { title: 'Send logs to CloudWatch Logs (awslogs)', safety: 'safe', edits };
    },
  };
}

/** The `containerPort` of each port mapping written as an object literal. */
function portsOf(file: CdkFile, mappings: readonly TS.Node[]): Field<number>[] {
  const ports: Field<number>[] = [];
  for (const el of mappings) {
    const o = file.object(el);
    const cp = o ? new Props(file, o).get('containerPort') : undefined;
    if (!cp) continue;
    const n = file.number(cp.value);
    ports.push(n === undefined ? unknownField<number>(file.span(cp.value), cp.key) : known(n, file.span(cp.value), cp.key));
  }
  return ports;
}

