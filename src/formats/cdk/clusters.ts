/**
 * CDK clusters mapped into the shared cluster views: `eks.Cluster` /
 * `eks.FargateCluster` and the L1 `eks.CfnCluster` into EksClusterSpec,
 * `ecs.Cluster` and the L1 `ecs.CfnCluster` into EcsClusterSpec, each with a
 * writer that sets the props in place (adding a props object, a nested
 * object or an import when needed).
 */
import type * as TS from 'typescript';
import type { Fix, TextEdit } from '../../core';
import { Field, known, unknownField } from '../../model/container';
import { EKS_LOG_TYPES, EcsClusterSpec, EksClusterSpec, ExecLogDestination } from '../../model/cluster';
import type { Setting } from '../../model/setting';
import { Prop, Props, unwrap } from './ast';
import { placeholdersIn } from './edit';
import { absent, absentIn, constructLabel, fixOf, inlineArray, inlineObject, objectProp, propState, scopeText, setConstructPath, setPath, stringIn, boolIn } from './construct';
import type { CdkModel, CdkNew } from './model';
import { member, setConstructProp } from './props';

/** The CIDR the "limit the public endpoint" fix writes, for the user to replace. */
const CIDR_PLACEHOLDER = '203.0.113.0/24';

/** `eks.ClusterLoggingTypes` members, in EKS_LOG_TYPES order. */
const CDK_LOG_TYPES: Record<string, string> = { api: 'API', audit: 'AUDIT', authenticator: 'AUTHENTICATOR', controllerManager: 'CONTROLLER_MANAGER', scheduler: 'SCHEDULER' };

export function buildEksClusters(m: CdkModel): EksClusterSpec[] {
  if (!m.file || !m.editor) return [];
  const out: EksClusterSpec[] = [];
  for (const n of m.news) {
    if (n.q === 'eks.Cluster' || n.q === 'eks.FargateCluster') out.push(eksL2(m, n));
    else if (n.q === 'eks.CfnCluster') out.push(eksL1(m, n));
  }
  return out;
}

export function buildEcsClusters(m: CdkModel): EcsClusterSpec[] {
  if (!m.file || !m.editor) return [];
  const out: EcsClusterSpec[] = [];
  for (const n of m.news) {
    if (n.q === 'ecs.Cluster') out.push(ecsL2(m, n));
    else if (n.q === 'ecs.CfnCluster') out.push(ecsL1(m, n));
  }
  return out;
}

function eksL2(m: CdkModel, n: CdkNew): EksClusterSpec {
  const file = m.file!;
  const ts = file.ts;
  const ed = m.editor!;
  const label = constructLabel(n);

  // endpointAccess: PUBLIC, PUBLIC_AND_PRIVATE (default), PRIVATE, or `.onlyFrom(…cidrs)` of a public one
  const ep = n.props?.get('endpointAccess');
  let publicAccess: Setting<boolean>;
  let privateAccess: Setting<boolean>;
  let publicAccessCidrs: EksClusterSpec['publicAccessCidrs'];
  if (!ep) {
    publicAccess = privateAccess = publicAccessCidrs = absent(n, 'endpointAccess');
  } else {
    const span = file.span(ep.value);
    const v = file.deref(ep.value);
    const call = ts.isCallExpression(v) ? v : undefined;
    const q = file.resolve(call ? call.expression : v);
    const base = q?.replace(/\.onlyFrom$/, '');
    if (base === 'eks.EndpointAccess.PUBLIC' || base === 'eks.EndpointAccess.PUBLIC_AND_PRIVATE' || base === 'eks.EndpointAccess.PRIVATE') {
      publicAccess = known(base !== 'eks.EndpointAccess.PRIVATE', span, ep.key);
      privateAccess = known(base !== 'eks.EndpointAccess.PUBLIC', span, ep.key);
      if (q!.endsWith('.onlyFrom') && call) {
        publicAccessCidrs = call.arguments.map((a): Field<string> => {
          const s = file.string(a);
          return s ? known(s.value, s.span) : unknownField(file.span(a));
        });
      } else publicAccessCidrs = q!.endsWith('.onlyFrom') ? 'unknown' : 'missing';
    } else {
      publicAccess = privateAccess = unknownField(span, ep.key);
      publicAccessCidrs = 'unknown';
    }
  }

  const keyP = n.props?.get('secretsEncryptionKey');
  const secretsEncryption: Setting<string> = keyP ? unknownField(file.span(keyP.value), keyP.key) : absent(n, 'secretsEncryptionKey');

  // clusterLogging: [eks.ClusterLoggingTypes.API, …]
  const lp = n.props?.get('clusterLogging');
  let logTypes: EksClusterSpec['logTypes'];
  let logArray: TS.ArrayLiteralExpression | undefined;
  if (!lp) logTypes = absent(n, 'clusterLogging');
  else {
    logArray = file.array(lp.value);
    if (!logArray || logArray.elements.some((el) => ts.isSpreadElement(el))) logTypes = 'unknown';
    else {
      const byMember = Object.fromEntries(Object.entries(CDK_LOG_TYPES).map(([k, v]) => [v, k]));
      logTypes = logArray.elements.map((el): Field<string> => {
        const t = byMember[member(m, el, 'eks.ClusterLoggingTypes') ?? ''];
        return t ? known(t, file.span(el)) : unknownField(file.span(el));
      });
    }
  }
  const have = new Set(Array.isArray(logTypes) ? logTypes.map((f) => f.value) : []);

  const endpoint = (text: (ref: string) => string): { edits: TextEdit[]; text: string } | undefined => {
    const imp = ed.imports();
    const t = text(imp.ref('eks', 'EndpointAccess'));
    const e = setConstructProp(m, n, ep, 'endpointAccess', t);
    return e ? { edits: [...e, ...imp.edits], text: t } : undefined;
  };

  return {
    target: 'cdk',
    format: 'cdk',
    label,
    span: file.span(n.node),
    anchor: n.anchor,
    publicAccess,
    privateAccess,
    publicAccessCidrs,
    secretsEncryption,
    logTypes,
    loggingAnchor: lp ? file.span(lp.value) : undefined,
    authenticationMode: authenticationModeL2(m, n),
    wording: { endpointDefault: 'endpointAccess defaults to PUBLIC_AND_PRIVATE', secretsKey: 'secretsEncryptionKey', loggingKey: 'clusterLogging', logType: (t) => CDK_LOG_TYPES[t] ?? t },
    writer: {
      makeEndpointPrivate: () => fixOf('Make the endpoint private', 'unsafe', endpoint((r) => `${r}.PRIVATE`)?.edits),
      restrictPublicAccess: () => {
        if (Array.isArray(publicAccessCidrs)) return undefined; // already limited to CIDRs: which to keep is the user's call
        const e = endpoint((r) => `${r}.PUBLIC_AND_PRIVATE.onlyFrom(${ed.str(CIDR_PLACEHOLDER)})`);
        return e ? fixOf('Limit the public endpoint to a CIDR', 'manual', e.edits, placeholdersIn(e.edits, CIDR_PLACEHOLDER)) : undefined;
      },
      enableSecretsEncryption: () => {
        const imp = ed.imports();
        const e = setConstructProp(m, n, undefined, 'secretsEncryptionKey', `new ${imp.ref('kms', 'Key')}(this, ${ed.str(`${n.id ?? 'Cluster'}SecretsKey`)}, { enableKeyRotation: true })`);
        return fixOf('Add a KMS key for secrets encryption', 'unsafe', e ? [...e, ...imp.edits] : undefined);
      },
      enableAllLogs: () => {
        const imp = ed.imports();
        const t = imp.ref('eks', 'ClusterLoggingTypes');
        if (!lp) {
          const e = setConstructProp(m, n, undefined, 'clusterLogging', `[${EKS_LOG_TYPES.map((x) => `${t}.${CDK_LOG_TYPES[x]}`).join(', ')}]`);
          return fixOf('Enable all control-plane log types', 'safe', e ? [...e, ...imp.edits] : undefined);
        }
        // only an array written in place (not a const shared with other code)
        if (!logArray || logArray !== lp.value) return undefined;
        const lacking = EKS_LOG_TYPES.filter((x) => !have.has(x));
        if (!lacking.length) return undefined;
        const e = ed.insertElement(logArray.elements, logArray, lacking.map((x) => `${t}.${CDK_LOG_TYPES[x]}`).join(', '));
        return fixOf('Enable the missing log types', 'safe', e.length ? [...e, ...imp.edits] : undefined);
      },
    },
  };
}

function authenticationModeL2(m: CdkModel, n: CdkNew): Setting<string> {
  const file = m.file!;
  const p = n.props?.get('authenticationMode');
  if (!p) return absent(n, 'authenticationMode');
  const v = member(m, p.value, 'eks.AuthenticationMode');
  return v ? known(v, file.span(p.value), p.key) : unknownField(file.span(p.value), p.key);
}

function eksL1(m: CdkModel, n: CdkNew): EksClusterSpec {
  const file = m.file!;
  const ts = file.ts;
  const ed = m.editor!;

  // resourcesVpcConfig: { endpointPublicAccess (default true), endpointPrivateAccess (default false), publicAccessCidrs (default 0.0.0.0/0) }
  const vpc = objectProp(file, n.props, n.propsUnknown, 'resourcesVpcConfig');
  const vpcAbsent = vpc.state === 'missing' ? 'missing' : 'unknown';
  const publicAccess = vpc.props ? boolIn(file, vpc.props, 'endpointPublicAccess') : vpcAbsent;
  const privateAccess = vpc.props ? boolIn(file, vpc.props, 'endpointPrivateAccess') : vpcAbsent;
  let publicAccessCidrs: EksClusterSpec['publicAccessCidrs'] = vpcAbsent;
  if (vpc.props) {
    const cp = vpc.props.get('publicAccessCidrs');
    const arr = cp && file.array(cp.value);
    if (!cp) publicAccessCidrs = absentIn(vpc.props, 'publicAccessCidrs');
    else if (!arr || arr.elements.some((el) => ts.isSpreadElement(el))) publicAccessCidrs = 'unknown';
    else
      publicAccessCidrs = arr.elements.map((el): Field<string> => {
        const s = file.string(el);
        return s ? known(s.value, s.span) : unknownField(file.span(el));
      });
  }
  const vpcObj = inlineObject(file, vpc.prop);

  // encryptionConfig: [{ provider: { keyArn }, resources: ['secrets'] }]
  const encP = n.props?.get('encryptionConfig');
  let secretsEncryption: Setting<string>;
  const encArr = encP && file.array(encP.value);
  if (!encP) secretsEncryption = absent(n, 'encryptionConfig');
  else if (!encArr) secretsEncryption = unknownField(file.span(encP.value), encP.key);
  else {
    secretsEncryption = 'missing';
    for (const el of encArr.elements) {
      const o = ts.isSpreadElement(el) ? undefined : file.object(el);
      const rs = o && file.array(new Props(file, o).get('resources')?.value);
      const values = rs?.elements.map((r) => file.string(r)?.value);
      if (!o || !rs || !values || values.some((v) => v === undefined) || new Props(file, o).hasSpread) {
        secretsEncryption = 'unknown';
        break;
      }
      if (values.includes('secrets')) {
        secretsEncryption = unknownField(file.span(el), file.span(el));
        break;
      }
    }
  }

  // logging: { clusterLogging: { enabledTypes: [{ type: 'api' }, …] } }
  const logging = objectProp(file, n.props, n.propsUnknown, 'logging');
  const cl = objectProp(file, logging.props, logging.state === 'unknown', 'clusterLogging');
  let logTypes: EksClusterSpec['logTypes'];
  let typesArray: TS.ArrayLiteralExpression | undefined;
  let typesProp: Prop | undefined;
  if (logging.state === 'missing' || (logging.props && cl.state === 'missing')) logTypes = 'missing';
  else if (!cl.props) logTypes = 'unknown';
  else {
    typesProp = cl.props.get('enabledTypes');
    typesArray = typesProp && file.array(typesProp.value);
    if (!typesProp) logTypes = absentIn(cl.props, 'enabledTypes');
    else if (!typesArray || typesArray.elements.some((el) => ts.isSpreadElement(el))) logTypes = 'unknown';
    else
      logTypes = typesArray.elements.map((el): Field<string> => {
        const o = file.object(el);
        const t = o ? stringIn(file, new Props(file, o), 'type') : 'unknown';
        return typeof t === 'object' && t.known ? known(t.value!, t.span) : unknownField(file.span(el));
      });
  }
  const have = new Set(Array.isArray(logTypes) ? logTypes.map((f) => f.value) : []);
  const typeEntry = (t: string) => `{ type: ${ed.str(t)} }`;

  const accessConfig = objectProp(file, n.props, n.propsUnknown, 'accessConfig');
  const authenticationMode: Setting<string> = accessConfig.props ? stringIn(file, accessConfig.props, 'authenticationMode') : accessConfig.state === 'missing' ? 'missing' : 'unknown';

  return {
    target: 'cdk',
    format: 'cdk-l1',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    publicAccess,
    privateAccess,
    publicAccessCidrs,
    secretsEncryption,
    logTypes,
    loggingAnchor: typesProp ? file.span(typesProp.value) : undefined,
    authenticationMode,
    wording: { endpointDefault: 'endpointPublicAccess defaults to true', secretsKey: 'encryptionConfig', loggingKey: 'logging.clusterLogging.enabledTypes', logType: (t) => t },
    writer: {
      makeEndpointPrivate: () => {
        if (!vpcObj) return undefined;
        const p = new Props(file, vpcObj);
        const pub = p.get('endpointPublicAccess');
        const priv = p.get('endpointPrivateAccess');
        if ((!pub && p.state('endpointPublicAccess') !== 'missing') || (!priv && p.state('endpointPrivateAccess') !== 'missing')) return undefined;
        const edits: TextEdit[] = [];
        if (pub) edits.push(...ed.setProp(vpcObj, pub, 'endpointPublicAccess', 'false'));
        if (priv) edits.push(...ed.setProp(vpcObj, priv, 'endpointPrivateAccess', 'true'));
        const add = [!pub && 'endpointPublicAccess: false', !priv && 'endpointPrivateAccess: true'].filter(Boolean);
        if (add.length) edits.push(...ed.insertProp(vpcObj, add.join(', ')));
        return fixOf('Make the endpoint private', 'unsafe', edits);
      },
      restrictPublicAccess: () => {
        if (!vpcObj) return undefined;
        const e = setPath(m, vpcObj, ['publicAccessCidrs'], `[${ed.str(CIDR_PLACEHOLDER)}]`);
        return e ? fixOf('Limit the public endpoint to a CIDR', 'manual', e, placeholdersIn(e, CIDR_PLACEHOLDER)) : undefined;
      },
      enableSecretsEncryption: () => {
        const imp = ed.imports();
        const key = `new ${imp.ref('kms', 'Key')}(${scopeText(m, n)}, ${ed.str(`${n.id ?? 'Cluster'}SecretsKey`)}, { enableKeyRotation: true }).keyArn`;
        const entry = `{ provider: { keyArn: ${key} }, resources: [${ed.str('secrets')}] }`;
        const inPlace = inlineArray(file, encP);
        const e = encP ? (inPlace ? ed.insertElement(inPlace.elements, inPlace, entry) : undefined) : setConstructProp(m, n, undefined, 'encryptionConfig', `[${entry}]`);
        return fixOf('Add a KMS key for secrets encryption', 'unsafe', e && e.length ? [...e, ...imp.edits] : undefined);
      },
      enableAllLogs: () => {
        const lacking = EKS_LOG_TYPES.filter((x) => !have.has(x));
        if (!lacking.length) return undefined;
        if (typesProp) {
          if (!typesArray || typesArray !== unwrap(ts, typesProp.value)) return undefined;
          return fixOf('Enable the missing log types', 'safe', ed.insertElement(typesArray.elements, typesArray, lacking.map(typeEntry).join(', ')));
        }
        const e = setConstructPath(m, n, ['logging', 'clusterLogging', 'enabledTypes'], `[${lacking.map(typeEntry).join(', ')}]`);
        return fixOf('Enable all control-plane log types', 'safe', e);
      },
    },
  };
}

/**
 * ECS Exec's `logConfiguration`: the destinations it names (L2: a log group or
 * bucket construct; L1: their names), each with its encryption flag; the
 * writer sets a flag to true.
 */
function execLogDestinations(m: CdkModel, exec: Props | undefined, execState: 'present' | 'missing' | 'unknown', l1: boolean): { list: ExecLogDestination[] | 'unknown'; encrypt: (d: ExecLogDestination) => Fix | undefined } {
  const file = m.file!;
  const lc = objectProp(file, exec, execState === 'unknown', 'logConfiguration');
  const none = { list: [] as ExecLogDestination[], encrypt: () => undefined };
  if (lc.state === 'missing') return none;
  if (!lc.props || lc.props.hasSpread || lc.props.hasOpaque) return { list: 'unknown', encrypt: () => undefined };
  const list: ExecLogDestination[] = [];
  const kinds = [
    ['CloudWatch', l1 ? 'cloudWatchLogGroupName' : 'cloudWatchLogGroup', 'cloudWatchEncryptionEnabled'],
    ['S3', l1 ? 's3BucketName' : 's3Bucket', 's3EncryptionEnabled'],
  ] as const;
  for (const [kind, nameKey, flagName] of kinds) {
    const p = lc.props.get(nameKey);
    if (p) list.push({ kind, span: p.key, encrypted: boolIn(file, lc.props, flagName), flagName });
  }
  const obj = lc.props.node;
  return { list, encrypt: (d) => fixOf(`Encrypt the ECS Exec logs (${d.flagName}: true)`, 'unsafe', setPath(m, obj, [d.flagName], 'true')) };
}

/** Container Insights of `ecs.Cluster`: `containerInsightsV2` (an enum) wins over the older `containerInsights` (a boolean). */
function ecsL2(m: CdkModel, n: CdkNew): EcsClusterSpec {
  const file = m.file!;
  const ed = m.editor!;
  const v1 = n.props?.get('containerInsights');
  const v2 = n.props?.get('containerInsightsV2');
  let containerInsights: Setting<string>;
  if (v2) {
    const mem = member(m, v2.value, 'ecs.ContainerInsights');
    containerInsights = mem ? known(mem.toLowerCase(), file.span(v2.value), v2.key) : unknownField(file.span(v2.value), v2.key);
  } else if (v1) {
    const b = file.bool(v1.value);
    containerInsights = b === undefined ? unknownField(file.span(v1.value), v1.key) : known(b ? 'enabled' : 'disabled', file.span(v1.value), v1.key);
  } else containerInsights = propState(n, 'containerInsights') === 'missing' && propState(n, 'containerInsightsV2') === 'missing' ? 'missing' : 'unknown';

  const exec = objectProp(file, n.props, n.propsUnknown, 'executeCommandConfiguration');
  let execLogging: Setting<string> = exec.state === 'missing' ? 'missing' : 'unknown';
  let execKmsKey: Setting<string> = execLogging;
  if (exec.props) {
    const lg = exec.props.get('logging');
    const mem = lg && member(m, lg.value, 'ecs.ExecuteCommandLogging');
    execLogging = lg ? (mem ? known(mem, file.span(lg.value), lg.key) : unknownField(file.span(lg.value), lg.key)) : absentIn(exec.props, 'logging');
    const kp = exec.props.get('kmsKey');
    execKmsKey = kp ? unknownField(file.span(kp.value), kp.key) : absentIn(exec.props, 'kmsKey');
  }
  const logs = execLogDestinations(m, exec.props, exec.state, false);

  return {
    target: 'cdk',
    format: 'cdk',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    containerInsights,
    execLogging,
    execKmsKey,
    execConfig: exec.prop ? exec.prop.key : undefined,
    execLogDestinations: logs.list,
    writer: {
      encryptExecLogs: logs.encrypt,
      enableContainerInsights: () => {
        if (!v2 && v1) return fixOf('Enable Container Insights', 'safe', setConstructProp(m, n, v1, 'containerInsights', 'true'));
        const imp = ed.imports();
        const e = setConstructProp(m, n, v2, 'containerInsightsV2', `${imp.ref('ecs', 'ContainerInsights')}.ENABLED`);
        return fixOf('Enable Container Insights', 'safe', e ? [...e, ...imp.edits] : undefined);
      },
    },
  };
}

/** `ecs.CfnCluster`: `clusterSettings: [{ name: 'containerInsights', value: 'enabled' }]`. */
function ecsL1(m: CdkModel, n: CdkNew): EcsClusterSpec {
  const file = m.file!;
  const ts = file.ts;
  const ed = m.editor!;
  const sp = n.props?.get('clusterSettings');
  const arr = sp && file.array(sp.value);
  let containerInsights: Setting<string>;
  let valueProp: Prop | undefined;
  let setting: TS.ObjectLiteralExpression | undefined;
  if (!sp) containerInsights = absent(n, 'clusterSettings');
  else if (!arr) containerInsights = 'unknown';
  else {
    containerInsights = 'missing';
    for (const el of arr.elements) {
      const o = ts.isSpreadElement(el) ? undefined : file.object(el);
      const p = o && new Props(file, o);
      const name = p && stringIn(file, p, 'name');
      if (!p || !name || typeof name !== 'object' || !name.known) {
        if (containerInsights === 'missing') containerInsights = 'unknown';
        continue;
      }
      if (name.value !== 'containerInsights') continue;
      setting = o;
      valueProp = p.get('value');
      containerInsights = stringIn(file, p, 'value');
      break;
    }
  }

  const conf = objectProp(file, n.props, n.propsUnknown, 'configuration');
  const exec = objectProp(file, conf.props, conf.state === 'unknown', 'executeCommandConfiguration');
  const execAbsent = conf.state === 'missing' || exec.state === 'missing' ? 'missing' : 'unknown';
  const execLogging = exec.props ? stringIn(file, exec.props, 'logging') : execAbsent;
  const execKmsKey = exec.props ? stringIn(file, exec.props, 'kmsKeyId') : execAbsent;
  const logs = execLogDestinations(m, exec.props, exec.props ? 'present' : execAbsent, true);
  const entry = `{ name: ${ed.str('containerInsights')}, value: ${ed.str('enabled')} }`;

  return {
    target: 'cdk',
    format: 'cdk-l1',
    label: constructLabel(n),
    span: file.span(n.node),
    anchor: n.anchor,
    containerInsights,
    execLogging,
    execKmsKey,
    execConfig: exec.prop ? exec.prop.key : undefined,
    execLogDestinations: logs.list,
    writer: {
      encryptExecLogs: logs.encrypt,
      enableContainerInsights: () => {
        if (valueProp) return fixOf('Enable Container Insights', 'safe', ed.replace(valueProp.value, ed.str('enabled')));
        if (setting) return containerInsights === 'missing' ? fixOf('Enable Container Insights', 'safe', setPath(m, setting, ['value'], ed.str('enabled'))) : undefined;
        if (!sp) return fixOf('Enable Container Insights', 'safe', setConstructProp(m, n, undefined, 'clusterSettings', `[${entry}]`));
        const inPlace = inlineArray(file, sp);
        return inPlace && containerInsights === 'missing' ? fixOf('Enable Container Insights', 'safe', ed.insertElement(inPlace.elements, inPlace, entry)) : undefined;
      },
    },
  };
}
