import { insertRoleResource, newResourceId, newResourceIdSpan, placeholdersIn, withNewResource } from '../cloudformation/edit';
/**
 * CloudFormation `AWS::AppRunner::Service` resources mapped into
 * AppRunnerServiceSpec, with what the rest of the template says about them
 * (VPC connectors, VPC ingress connections, ECR repositories), and the
 * format-preserving fixes.
 */
import type { Fix, TextEdit } from '../../core';
import { EnvVar, Field, known, unknownField } from '../../model/container';
import { asMap, asSeq, getPairCI, isIntrinsic, keyText, nodeSpan, readString, Node, Pair, YAMLMap } from '../yaml/doc';
import type { Plain } from '../yaml/edit';
import type { EcsModel } from './types';
import { cfnSetting, cfnStr } from './ecr';
import { insertBefore, rawToken, setAt, withRaw } from './writer';
import type { AppRunnerServiceSpec, Setting } from '../../model/webservice';
import { readBool } from '../yaml/doc';

function val(map: unknown, key: string): Node | null | undefined {
  return getPairCI(map, key)?.value;
}

function boolP(p: Pair): Field<boolean> | undefined {
  const v = p.value as Node | null;
  const r = readBool(v);
  if (!r) return undefined;
  const keySpan = nodeSpan(p.key as Node);
  return r.known ? known(r.value, nodeSpan(v), keySpan) : unknownField(nodeSpan(v), keySpan);
}

/** Logical ids an intrinsic refers to (`!Ref X`, `!GetAtt X.Arn`, `{"Fn::GetAtt": ["X", "Arn"]}`, `!Sub "${X}"`). */
export function refsIn(n: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (!n || typeof n !== 'object' || depth > 20) return out;
  const node = n as Node & { value?: unknown; items?: unknown[] };
  if (node.tag === '!Ref' || node.tag === '!GetAtt') {
    const r = readString({ ...node, tag: undefined } as unknown);
    const s = typeof node.value === 'string' ? node.value : r?.known ? r.value : undefined;
    if (s) out.add(s.split('.')[0]);
  }
  // `${Repo.RepositoryUri}` in a `!Sub`; `${aws_ecr_repository.repo.repository_url}` in a Terraform template
  if (typeof node.value === 'string') for (const m of node.value.matchAll(/\$\{([A-Za-z0-9]+|[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(\.[A-Za-z_.]+)?\}/g)) out.add(m[1]);
  const m = asMap(n);
  if (m) {
    for (const p of m.items) {
      const k = keyText(p);
      if (k === 'Ref' || k === 'Fn::GetAtt') {
        const v = p.value as Node & { value?: unknown };
        if (typeof v?.value === 'string') out.add(v.value.split('.')[0]);
        const first = asSeq(v)?.items[0] as { value?: unknown } | undefined;
        if (typeof first?.value === 'string') out.add(first.value);
      }
      refsIn(p.value, out, depth + 1);
    }
  }
  for (const it of asSeq(n)?.items ?? []) refsIn(it, out, depth + 1);
  return out;
}

const INTERNAL_TAG_KEY = /^(internal|visibility|exposure|access|network[-_ ]?access|scope|tier|audience)$/i;
const INTERNAL_TAG_VALUE = /^(internal|private|true|backend|intranet)$/i;

function internalReason(logicalId: string, props: YAMLMap, ingressFor: Set<string>): string | undefined {
  if (ingressFor.has(logicalId)) return 'a VPC ingress connection in this template serves it';
  for (const t of asSeq(val(props, 'Tags'))?.items ?? []) {
    const k = readString(val(t, 'Key'));
    const v = readString(val(t, 'Value'));
    if (k?.known && v?.known && INTERNAL_TAG_KEY.test(k.value) && INTERNAL_TAG_VALUE.test(v.value)) return `tag ${k.value}: ${v.value}`;
  }
  const name = readString(val(props, 'ServiceName'));
  if (name?.known && /(^|[-_.])(internal|private)([-_.]|$)/i.test(name.value)) return `service name ${name.value}`;
  return undefined;
}

/** Reads every App Runner service of the template (after the resources are known). */
export function readAppRunnerServices(model: EcsModel): void {
  const cfn = model.cfn;
  if (!cfn) return;
  const connectors: string[] = [];
  const ingressFor = new Set<string>();
  const immutableRepos = new Set<string>();
  const services: { id: string; pair: Pair; res: YAMLMap; props: YAMLMap }[] = [];
  for (const p of cfn.resources.items) {
    const id = keyText(p);
    const res = asMap(p.value);
    if (!id || !res) continue;
    const t = readString(val(res, 'Type'));
    if (!t?.known) continue;
    const props = asMap(val(res, 'Properties'));
    if (t.value === 'AWS::AppRunner::VpcConnector') connectors.push(id);
    else if (t.value === 'AWS::AppRunner::VpcIngressConnection') for (const r of refsIn(val(props, 'ServiceArn'))) ingressFor.add(r);
    else if (t.value === 'AWS::ECR::Repository') {
      const m = readString(val(props, 'ImageTagMutability'));
      if (m?.known && /^IMMUTABLE/i.test(m.value)) immutableRepos.add(id);
    } else if (t.value === 'AWS::AppRunner::Service' && props && !isIntrinsic(val(res, 'Properties'))) services.push({ id, pair: p as Pair, res, props });
  }
  for (const s of services) readService(model, s.id, s.pair, s.props, { connectors, ingressFor, immutableRepos });
}

/** The template string of `!Sub "…"` or `{"Fn::Sub": "…"}`, else undefined. */
function subText(n: unknown): string | undefined {
  const node = n as { tag?: string; value?: unknown } | undefined;
  if (node?.tag === '!Sub' && typeof node.value === 'string') return node.value;
  const m = asMap(n);
  if (m && m.items.length === 1 && keyText(m.items[0]) === 'Fn::Sub') {
    const v = m.items[0].value as { value?: unknown } | null;
    if (typeof v?.value === 'string') return v.value;
  }
  return undefined;
}

interface TemplateFacts {
  connectors: string[];
  ingressFor: Set<string>;
  immutableRepos: Set<string>;
}

function readService(model: EcsModel, id: string, idPair: Pair, props: YAMLMap, facts: TemplateFacts): void {
  const sc = asMap(val(props, 'SourceConfiguration'));
  const imgRepo = asMap(val(sc, 'ImageRepository'));
  const codeRepo = asMap(val(sc, 'CodeRepository'));
  // where the runtime configuration lives: ImageConfiguration or CodeConfigurationValues
  const confPath = imgRepo ? ['SourceConfiguration', 'ImageRepository', 'ImageConfiguration'] : codeRepo ? ['SourceConfiguration', 'CodeRepository', 'CodeConfiguration', 'CodeConfigurationValues'] : undefined;
  let conf: YAMLMap | undefined;
  let confOpaque = !sc || isIntrinsic(val(props, 'SourceConfiguration'));
  if (confPath) {
    let cur: unknown = props;
    for (const k of confPath) {
      const v = val(cur, k);
      if (v && isIntrinsic(v)) confOpaque = true;
      cur = v;
    }
    conf = asMap(cur);
  }
  const envPair = getPairCI(conf, 'RuntimeEnvironmentVariables');
  const env: EnvVar[] = [];
  let envUnknown = confOpaque || (!!envPair?.value && (isIntrinsic(envPair.value) || !asSeq(envPair.value)));
  for (const it of asSeq(envPair?.value)?.items ?? []) {
    const m = asMap(it);
    if (!m || isIntrinsic(it)) {
      envUnknown = true;
      continue;
    }
    const np = getPairCI(m, 'Name');
    const name = cfnStr(np);
    if (!np || !name) continue;
    env.push({ name, value: cfnStr(getPairCI(m, 'Value')), span: nodeSpan(m) });
  }
  const secretsNode = val(conf, 'RuntimeEnvironmentSecrets');
  const secretCount = asSeq(secretsNode)?.items.length ?? (secretsNode ? 1 : 0);

  let image = imgRepo ? cfnStr(getPairCI(imgRepo, 'ImageIdentifier')) : undefined;
  if (image && !image.known) {
    // !Sub "${Repo.RepositoryUri}:latest": the literal tail still tells the tag
    const sub = subText(val(imgRepo, 'ImageIdentifier'));
    const tail = sub && /(:[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[0-9a-f]{64})$/.exec(sub);
    if (tail && !/\$\{[^}]*$/.test(sub.slice(0, sub.length - tail[0].length + 1))) image = known(`image${tail[0]}`, image.span, image.keySpan);
  }
  const repoType = readString(val(imgRepo, 'ImageRepositoryType'));
  const imageRefs = refsIn(val(imgRepo, 'ImageIdentifier'));
  const autoDeploy = sc ? cfnSetting(sc, ['AutoDeploymentsEnabled'], boolP) : 'missing';
  const nameR = readString(val(props, 'ServiceName'));
  const roleSetting = cfnSetting(props, ['InstanceConfiguration', 'InstanceRoleArn'], cfnStr);

  const spec: AppRunnerServiceSpec = {
    target: 'apprunner',
    format: 'cfn',
    label: `service ${id}`,
    span: nodeSpan(props),
    anchor: nodeSpan(idPair.key as Node),
    instanceRole: roleSetting,
    env,
    envUnknown,
    secretCount,
    otherStrings: [],
    kmsKey: cfnSetting(props, ['EncryptionConfiguration', 'KmsKey'], cfnStr),
    publicIngress: cfnSetting(props, ['NetworkConfiguration', 'IngressConfiguration', 'IsPubliclyAccessible'], boolP),
    internal: internalReason(id, props, facts.ingressFor),
    egressType: cfnSetting(props, ['NetworkConfiguration', 'EgressConfiguration', 'EgressType'], cfnStr),
    vpcConnectors: facts.connectors,
    healthProtocol: cfnSetting(props, ['HealthCheckConfiguration', 'Protocol'], cfnStr),
    image,
    imageRepositoryType: repoType?.known ? repoType.value : undefined,
    autoDeploy: typeof autoDeploy === 'object' ? autoDeploy : undefined,
    imageTagsImmutable: [...imageRefs].some((r) => facts.immutableRepos.has(r)),
    writer: undefined as unknown as AppRunnerServiceSpec['writer'],
  };
  const serviceName = nameR?.known ? nameR.value : id;
  spec.writer = cfnWriter(model, id, props, conf, envPair, serviceName, facts);
  model.appRunnerServices ??= [];
  model.appRunnerServices.push(spec);
}

function raw(model: EcsModel, short: string, long: Plain, raws: string[]): Plain {
  if (model.cfn?.shortTags) {
    raws.push(short);
    return rawToken(raws.length - 1);
  }
  return long;
}

function cfnWriter(model: EcsModel, id: string, props: YAMLMap, conf: YAMLMap | undefined, envPair: Pair | undefined, serviceName: string, facts: TemplateFacts): AppRunnerServiceSpec['writer'] {
  const ed = model.editor;
  const cfn = model.cfn!;
  return {
    addInstanceRole(): Fix | undefined {
      const roleId = newResourceId(cfn, id, 'InstanceRole', 'AWS::IAM::Role');
      const raws: string[] = [];
      const ref = raw(model, `!GetAtt ${roleId}.Arn`, { 'Fn::GetAtt': [roleId, 'Arn'] }, raws);
      const set = setAt(model, props, ['instanceConfiguration', 'instanceRoleArn'], ref);
      if (!set) return undefined;
      const role = insertRoleResource(ed, cfn.resources, roleId, 'tasks.apprunner.amazonaws.com');
      const edits = withNewResource(withRaw(set, raws), role);
      return {
        title: `Add InstanceConfiguration.InstanceRoleArn and a new role ${roleId} (trusted by tasks.apprunner.amazonaws.com, no policies yet)`,
        safety: 'manual',
        edits,
        placeholders: newResourceIdSpan(edits, role, roleId),
      };
    },
    moveEnvToSecret(env: EnvVar): Fix | undefined {
      const seq = asSeq(envPair?.value);
      if (!conf || !seq || !envPair || !env.name.known) return undefined;
      const i = seq.items.findIndex((n) => nodeSpan(n as Node).start === env.span.start);
      if (i < 0) return undefined;
      const name = env.name.value!;
      const secretName = `${serviceName}/${name}`;
      const raws: string[] = [];
      const sub = `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${secretName}`;
      const valueFrom = raw(model, `!Sub ${JSON.stringify(sub)}`, { 'Fn::Sub': sub }, raws);
      const entry: Record<string, Plain> = { Name: name, Value: valueFrom };
      const edits: TextEdit[] = [ed.removeItem(seq, i, envPair)];
      const secPair = getPairCI(conf, 'RuntimeEnvironmentSecrets');
      const secSeq = asSeq(secPair?.value);
      if (secPair && (!secSeq || isIntrinsic(secPair.value)) && secPair.value != null && (secPair.value as { value?: unknown }).value !== null) return undefined;
      if (secSeq && secSeq.items.length > 0) edits.push(withRaw(ed.appendItems(secSeq, [entry]), raws));
      else if (secPair) edits.push(withRaw(ed.setPath(conf, [keyText(secPair)!], [entry]), raws));
      else {
        const ins = insertBefore(model, conf, envPair, 'RuntimeEnvironmentSecrets', [entry]);
        edits.push(withRaw(ins ?? ed.insertEntries(conf, { RuntimeEnvironmentSecrets: [entry] }), raws));
      }
      return {
        title: `Move ${name} to RuntimeEnvironmentSecrets (Secrets Manager secret ${secretName}; the instance role must be allowed to read it)`,
        safety: 'manual',
        edits,
        placeholders: placeholdersIn(edits, [secretName]),
      };
    },
    removeEnv(env: EnvVar): Fix | undefined {
      const seq = asSeq(envPair?.value);
      const i = seq?.items.findIndex((n) => nodeSpan(n as Node).start === env.span.start) ?? -1;
      if (!seq || i < 0) return undefined;
      return { title: `Remove ${env.name.value ?? 'the variable'} (give the service an instance role instead)`, safety: 'unsafe', edits: [ed.removeItem(seq, i, envPair)] };
    },
    addEncryption(): Fix | undefined {
      const placeholder = 'arn:aws:kms:<region>:<account>:key/<key-id>';
      const e = setAt(model, props, ['encryptionConfiguration', 'kmsKey'], placeholder);
      return e ? { title: 'Encrypt with a customer-managed KMS key (fill in its ARN; replaces the service)', safety: 'manual', edits: [e], placeholders: placeholdersIn([e], [placeholder]) } : undefined;
    },
    makePrivate(): Fix | undefined {
      const e = setAt(model, props, ['networkConfiguration', 'ingressConfiguration', 'isPubliclyAccessible'], false);
      return e ? { title: 'Make the service private (reachable only through a VPC interface endpoint)', safety: 'unsafe', edits: [e] } : undefined;
    },
    egressThroughConnector(): Fix | undefined {
      if (facts.connectors.length !== 1) return undefined;
      const conn = facts.connectors[0];
      const raws: string[] = [];
      const ref = raw(model, `!GetAtt ${conn}.VpcConnectorArn`, { 'Fn::GetAtt': [conn, 'VpcConnectorArn'] }, raws);
      const nc = asMap(val(props, 'NetworkConfiguration'));
      const egPair = getPairCI(nc, 'EgressConfiguration');
      const eg = asMap(egPair?.value);
      if (egPair && (!eg || isIntrinsic(egPair.value))) return undefined;
      if (eg) {
        const typePair = getPairCI(eg, 'EgressType');
        const edits: TextEdit[] = [];
        if (typePair?.value) edits.push(ed.setValue(typePair.value as Node, 'VPC'));
        const arnPair = getPairCI(eg, 'VpcConnectorArn');
        const rest: Record<string, Plain> = {};
        if (!typePair?.value) rest.EgressType = 'VPC';
        if (!arnPair) rest.VpcConnectorArn = ref;
        if (Object.keys(rest).length) edits.push(withRaw(ed.insertEntries(eg, rest), raws));
        return { title: `Send outbound traffic through the VPC connector ${conn}`, safety: 'unsafe', edits };
      }
      const e = setAt(model, props, ['networkConfiguration', 'egressConfiguration'], { EgressType: 'VPC', VpcConnectorArn: ref });
      return e ? { title: `Send outbound traffic through the VPC connector ${conn}`, safety: 'unsafe', edits: [withRaw(e, raws)] } : undefined;
    },
    httpHealthCheck(): Fix | undefined {
      const hcPair = getPairCI(props, 'HealthCheckConfiguration');
      const hcm = asMap(hcPair?.value);
      if (hcPair && (!hcm || isIntrinsic(hcPair.value))) return undefined;
      const edits: TextEdit[] = [];
      if (hcm) {
        const proto = getPairCI(hcm, 'Protocol');
        const hasPath = !!getPairCI(hcm, 'Path');
        if (proto?.value) {
          edits.push(ed.setValue(proto.value as Node, 'HTTP'));
          if (!hasPath) edits.push(ed.insertEntries(hcm, { Path: '/' }));
        } else edits.push(ed.insertEntries(hcm, hasPath ? { Protocol: 'HTTP' } : { Protocol: 'HTTP', Path: '/' }));
      } else {
        const e = setAt(model, props, ['healthCheckConfiguration'], { Protocol: 'HTTP', Path: '/' });
        if (!e) return undefined;
        edits.push(e);
      }
      return { title: 'Check health over HTTP (path /: point it at your health endpoint)', safety: 'unsafe', edits };
    },
  };
}

export type { Setting };
