/**
 * CDK App Runner services mapped into AppRunnerServiceSpec (target cdk):
 * the L1 `apprunner.CfnService` (CloudFormation's properties in camelCase)
 * and the alpha `Service` of `@aws-cdk/aws-apprunner-alpha`
 * (module `apprunner_alpha`). Values behind variables or calls are unknown.
 * No fixes yet: the findings point at the prop or the class name.
 */
import type * as TS from 'typescript';
import { EnvVar, Field, known, unknownField } from '../../model/container';
import type { AppRunnerServiceSpec, Setting } from '../../model/webservice';
import { CdkFile, Prop, Props } from './ast';
import type { CdkModel, CdkNew } from './model';

type Reader<T> = (file: CdkFile, p: Prop) => Field<T>;

const strR: Reader<string> = (file, p) => {
  const s = file.string(p.value);
  return s ? known(s.value, s.span, p.key) : unknownField(file.span(p.value), p.key);
};
const boolR: Reader<boolean> = (file, p) => {
  const b = file.bool(p.value);
  return b === undefined ? unknownField(file.span(p.value), p.key) : known(b, file.span(p.value), p.key);
};

function walk(file: CdkFile, props: Props | undefined, unknownRoot: boolean, path: string[]): { prop?: Prop; state: 'present' | 'missing' | 'unknown'; props?: Props } {
  if (unknownRoot) return { state: 'unknown' };
  if (!props) return { state: 'missing' };
  let cur = props;
  for (let i = 0; i < path.length; i++) {
    const p = cur.get(path[i]);
    if (!p) return { state: cur.state(path[i]) === 'unknown' ? 'unknown' : 'missing' };
    if (i === path.length - 1) return { prop: p, state: 'present', props: cur };
    const obj = file.object(p.value);
    if (!obj) return { state: 'unknown' };
    cur = new Props(file, obj);
  }
  return { state: 'missing' };
}

function setting<T>(file: CdkFile, n: CdkNew, path: string[], read: Reader<T>): Setting<T> {
  const w = walk(file, n.props, n.propsUnknown, path);
  if (w.prop) return read(file, w.prop);
  return w.state === 'unknown' ? 'unknown' : 'missing';
}

export function buildAppRunnerServices(m: CdkModel): AppRunnerServiceSpec[] {
  const file = m.file;
  if (!file) return [];
  let any = false;
  for (const n of m.news) {
    if (!n.q.startsWith('apprunner')) continue;
    any = true;
    break;
  }
  if (!any) return [];
  const out: AppRunnerServiceSpec[] = [];
  const connectors = m.news.filter((n) => n.q === 'apprunner.CfnVpcConnector' || n.q === 'apprunner_alpha.VpcConnector').map((n) => n.id ?? n.bound ?? 'VpcConnector');
  const ingressTargets = new Set<string>();
  for (const n of m.news) {
    if (n.q !== 'apprunner.CfnVpcIngressConnection' && n.q !== 'apprunner_alpha.VpcIngressConnection') continue;
    const p = n.props?.get('serviceArn') ?? n.props?.get('service');
    if (p) ingressTargets.add(file.text.slice(p.value.getStart(file.sf), p.value.getEnd()).split('.')[0].replace(/^this\./, 'this.'));
  }
  for (const n of m.news) {
    if (n.q === 'apprunner.CfnService') out.push(l1(m, file, n, connectors, ingressTargets));
    else if (n.q === 'apprunner_alpha.Service') out.push(alpha(m, file, n, connectors, ingressTargets));
  }
  return out;
}

function internalOf(file: CdkFile, n: CdkNew, ingressTargets: Set<string>, tags: Field<string>[][]): string | undefined {
  if (n.bound && ingressTargets.has(n.bound)) return 'a VPC ingress connection in this stack serves it';
  for (const [k, v] of tags) if (k.known && v.known && /^(internal|visibility|exposure|access|scope|tier|audience)$/i.test(k.value!) && /^(internal|private|true|backend)$/i.test(v.value!)) return `tag ${k.value}: ${v.value}`;
  const name = n.props?.get('serviceName');
  const s = name ? file.string(name.value) : undefined;
  if (s && /(^|[-_.])(internal|private)([-_.]|$)/i.test(s.value)) return `service name ${s.value}`;
  return undefined;
}

function base(n: CdkNew, file: CdkFile, format: AppRunnerServiceSpec['format'], label: string): Omit<AppRunnerServiceSpec, 'instanceRole' | 'kmsKey' | 'publicIngress' | 'egressType' | 'healthProtocol' | 'vpcConnectors'> {
  return { target: 'cdk', format, label, span: file.span(n.node), anchor: n.anchor, env: [], envUnknown: false, secretCount: 0, otherStrings: [], writer: {} };
}

function l1(m: CdkModel, file: CdkFile, n: CdkNew, connectors: string[], ingressTargets: Set<string>): AppRunnerServiceSpec {
  const ts = file.ts;
  const s: AppRunnerServiceSpec = {
    ...base(n, file, 'cdk-l1', `CfnService${n.id ? ` "${n.id}"` : ''}`),
    instanceRole: setting(file, n, ['instanceConfiguration', 'instanceRoleArn'], strR),
    kmsKey: setting(file, n, ['encryptionConfiguration', 'kmsKey'], strR),
    publicIngress: setting(file, n, ['networkConfiguration', 'ingressConfiguration', 'isPubliclyAccessible'], boolR),
    egressType: setting(file, n, ['networkConfiguration', 'egressConfiguration', 'egressType'], strR),
    healthProtocol: setting(file, n, ['healthCheckConfiguration', 'protocol'], strR),
    vpcConnectors: connectors,
  };
  const image = setting(file, n, ['sourceConfiguration', 'imageRepository', 'imageIdentifier'], strR);
  if (typeof image === 'object') s.image = image;
  const type = setting(file, n, ['sourceConfiguration', 'imageRepository', 'imageRepositoryType'], strR);
  if (typeof type === 'object' && type.known) s.imageRepositoryType = type.value;
  const auto = setting(file, n, ['sourceConfiguration', 'autoDeploymentsEnabled'], boolR);
  if (typeof auto === 'object') s.autoDeploy = auto;
  for (const confPath of [['sourceConfiguration', 'imageRepository', 'imageConfiguration'], ['sourceConfiguration', 'codeRepository', 'codeConfiguration', 'codeConfigurationValues']]) {
    const w = walk(file, n.props, n.propsUnknown, [...confPath, 'runtimeEnvironmentVariables']);
    if (w.state === 'unknown') s.envUnknown = true;
    if (w.prop) {
      const arr = file.array(w.prop.value);
      if (!arr) s.envUnknown = true;
      for (const el of arr?.elements ?? []) {
        const obj = file.object(el);
        if (!obj) {
          s.envUnknown = true;
          continue;
        }
        const p = new Props(file, obj);
        const np = p.get('name');
        const vp = p.get('value');
        if (!np) continue;
        s.env.push({ name: strR(file, np), value: vp ? strR(file, vp) : undefined, span: file.span(el) });
      }
    }
    const sec = walk(file, n.props, n.propsUnknown, [...confPath, 'runtimeEnvironmentSecrets']);
    if (sec.prop) s.secretCount += file.array(sec.prop.value)?.elements.length ?? 1;
  }
  const tags: Field<string>[][] = [];
  const tagsP = n.props?.get('tags');
  for (const el of (tagsP ? file.array(tagsP.value)?.elements : undefined) ?? []) {
    const obj = file.object(el);
    if (!obj) continue;
    const p = new Props(file, obj);
    const k = p.get('key');
    const v = p.get('value');
    if (k && v) tags.push([strR(file, k), strR(file, v)]);
  }
  s.internal = internalOf(file, n, ingressTargets, tags);
  void ts;
  void m;
  return s;
}

function alpha(m: CdkModel, file: CdkFile, n: CdkNew, connectors: string[], ingressTargets: Set<string>): AppRunnerServiceSpec {
  const ts = file.ts;
  const has = (k: string): Setting<string> => {
    const w = walk(file, n.props, n.propsUnknown, [k]);
    return w.prop ? unknownField(file.span(w.prop.value), w.prop.key) : w.state === 'unknown' ? 'unknown' : 'missing';
  };
  const vpc = walk(file, n.props, n.propsUnknown, ['vpcConnector']);
  const hc = walk(file, n.props, n.propsUnknown, ['healthCheck']);
  let healthProtocol: Setting<string> = hc.state === 'unknown' ? 'unknown' : 'missing';
  if (hc.prop) {
    const q = file.callee(hc.prop.value);
    const kind = q === 'apprunner_alpha.HealthCheck.tcp' ? 'TCP' : q === 'apprunner_alpha.HealthCheck.http' ? 'HTTP' : undefined;
    healthProtocol = kind ? known(kind, file.span(hc.prop.value), hc.prop.key) : unknownField(file.span(hc.prop.value), hc.prop.key);
  }
  const s: AppRunnerServiceSpec = {
    ...base(n, file, 'cdk-alpha', `Service${n.id ? ` "${n.id}"` : ''}`),
    instanceRole: has('instanceRole'),
    kmsKey: has('kmsKey'),
    publicIngress: setting(file, n, ['isPubliclyAccessible'], boolR),
    egressType: vpc.prop ? known('VPC', file.span(vpc.prop.value), vpc.prop.key) : vpc.state === 'unknown' ? 'unknown' : 'missing',
    healthProtocol,
    vpcConnectors: connectors,
  };
  const auto = setting(file, n, ['autoDeploymentsEnabled'], boolR);
  if (typeof auto === 'object') s.autoDeploy = auto;
  // source: apprunner.Source.fromEcr({ imageConfiguration, repository, tagOrDigest }) / fromEcrPublic({ imageConfiguration, imageIdentifier })
  const src = n.props?.get('source');
  const call = src ? file.deref(src.value) : undefined;
  if (src && !n.propsUnknown) {
    if (!call || !ts.isCallExpression(call)) s.envUnknown = true;
    else {
      const q = file.callee(call);
      const arg = file.object(call.arguments[0]);
      if (!arg) s.envUnknown = true;
      else {
        const ap = new Props(file, arg);
        if (q === 'apprunner_alpha.Source.fromEcrPublic') {
          const ip = ap.get('imageIdentifier');
          if (ip) s.image = strR(file, ip);
          s.imageRepositoryType = 'ECR_PUBLIC';
        } else if (q === 'apprunner_alpha.Source.fromEcr') {
          s.imageRepositoryType = 'ECR';
          const tp = ap.get('tagOrDigest') ?? ap.get('tag');
          if (tp) {
            const t = file.string(tp.value);
            s.image = t ? known(`repository${t.value.startsWith('sha256:') ? '@' : ':'}${t.value}`, t.span, tp.key) : unknownField(file.span(tp.value), tp.key);
          } else if (ap.state('tagOrDigest') === 'missing' && ap.state('tag') === 'missing') s.image = known('repository:latest', file.span(call.expression), file.span(call.expression));
        }
        const ic = ap.get('imageConfiguration') ?? ap.get('codeConfigurationValues');
        const icObj = ic ? file.object(ic.value) : undefined;
        if (ic && !icObj) s.envUnknown = true;
        if (icObj) readAlphaEnv(file, new Props(file, icObj), s);
      }
    }
  }
  s.internal = internalOf(file, n, ingressTargets, []);
  void m;
  return s;
}

function readAlphaEnv(file: CdkFile, ic: Props, s: AppRunnerServiceSpec): void {
  const ts = file.ts;
  for (const key of ['environmentVariables', 'environment']) {
    const p = ic.get(key);
    if (!p) {
      if (ic.state(key) === 'unknown') s.envUnknown = true;
      continue;
    }
    const obj = file.object(p.value);
    if (!obj) {
      s.envUnknown = true;
      continue;
    }
    const env = new Props(file, obj);
    if (env.hasSpread || env.hasOpaque) s.envUnknown = true;
    for (const e of env.all()) {
      const v = ts.isShorthandPropertyAssignment(e.node) ? undefined : file.string(e.value);
      const ev: EnvVar = {
        name: known(e.name, e.key),
        value: v ? known(v.value, v.span, e.key) : unknownField(file.span(e.value as TS.Node), e.key),
        span: file.span(e.node),
      };
      s.env.push(ev);
    }
  }
  const sec = ic.get('environmentSecrets');
  if (sec) s.secretCount += file.object(sec.value)?.properties.length ?? 1;
}
