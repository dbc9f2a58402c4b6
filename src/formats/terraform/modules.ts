/**
 * Calls of the `terraform-aws-modules/ecs` modules, read through their
 * documented inputs: the container-definition module (one container), the
 * service module's `container_definitions` map, and the root module's
 * `services` map of services. Each container becomes a container definition
 * in the register-task-definition JSON shape, ranged at the inputs.
 *
 * Only what the call writes is known. The modules' defaults changed between
 * major versions (v5 reads `readonly_root_filesystem`, v6 `readonlyRootFilesystem`;
 * whether an input left null falls back to the module's default depends on
 * the minor version), so a setting the call leaves out is unknown, never
 * reported: overriding a safe default is reported, relying on it is not.
 * Both spellings of an input are read (a call with the other major's
 * spelling does not pass `terraform validate`).
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { CfnResource } from '../cloudformation/resource';
import { cfnResource } from './cfn';
import type { Node } from '../yaml/doc';
import { HclScope, keyAt, mapAt, RELOCATED, TfBlock, toValue, unknownAt } from './hcl';
import { attributes } from './body';
import { assignPublicIpValue, HCL_BLOCKS, HclNames } from './edit';
import { SERVICE_NAMES } from './names';

/** Which module a `source` names: the registry address, or the GitHub repository (git or https), with its subdirectory. */
export function ecsModuleOf(source: string): 'container-definition' | 'service' | 'root' | undefined {
  const m = /^(?:terraform-aws-modules\/ecs\/aws|(?:git::)?(?:https:\/\/)?github\.com\/terraform-aws-modules\/terraform-aws-ecs(?:\.git)?)(\/\/modules\/([\w-]+))?\/?(?:\?.*)?$/.exec(source.trim());
  if (!m) return undefined;
  if (!m[1]) return 'root';
  return m[2] === 'container-definition' ? 'container-definition' : m[2] === 'service' ? 'service' : undefined;
}

/** Container inputs (v5 snake_case and v6+ camelCase) → their container-definition JSON names. */
const INPUTS: Record<string, string> = {
  name: 'name',
  image: 'image',
  privileged: 'privileged',
  user: 'user',
  environment: 'environment',
  secrets: 'secrets',
  readonly_root_filesystem: 'readonlyRootFilesystem',
  readonlyRootFilesystem: 'readonlyRootFilesystem',
  linux_parameters: 'linuxParameters',
  linuxParameters: 'linuxParameters',
  log_configuration: 'logConfiguration',
  logConfiguration: 'logConfiguration',
  port_mappings: 'portMappings',
  portMappings: 'portMappings',
};

/** Is this cloudposse's container-definition module (registry or GitHub)? */
export function isCloudposseContainerModule(source: string): boolean {
  return /^(?:cloudposse\/ecs-container-definition\/aws|(?:git::)?(?:https:\/\/)?github\.com\/cloudposse\/terraform-aws-ecs-container-definition(?:\.git)?)\/?(?:\?.*)?$/.test(source.trim());
}

/** cloudposse's container inputs that are not spelt as terraform-aws-modules' v5 ones. */
const CLOUDPOSSE_INPUTS: Record<string, string> = { container_name: 'name', container_image: 'image', map_environment: 'environment' };

/**
 * cloudposse's `map_environment` (`{ NAME = "value" }`) as the environment
 * list it becomes; written nowhere as a list, so nothing is added to it.
 */
function environmentOf(v: Node, text: string): Node {
  if (!isMap(v) || !v.range) return v;
  const seq = new YAMLSeq();
  seq.range = v.range;
  for (const p of v.items) {
    const k = p.key as Node;
    if (!isScalar(k) || k.tag || !k.range) return unknownAt(text, v.range[0], v.range[1]);
    const entry = mapAt({ startIndex: k.range[0], endIndex: k.range[1] });
    const name = new Scalar(String(k.value));
    name.range = k.range;
    entry.items.push(new Pair(keyAt('name', { startIndex: k.range[0], endIndex: k.range[1] }), name), new Pair(keyAt('value', { startIndex: k.range[0], endIndex: k.range[1] }), p.value as Node));
    RELOCATED.add(entry);
    seq.items.push(entry);
  }
  RELOCATED.add(seq);
  return seq;
}

/** A module's container, and which of its settings the call writes. */
export interface ModuleContainer {
  /** `{ containerDefinitions: [ … ] }`, ready for the ECS reader */
  taskDefinition: YAMLMap;
  label: string;
  anchor: { start: number; end: number };
  /** the container-definition JSON keys the call sets */
  given: Set<string>;
  /** where the call writes the container's inputs, and the JSON keys it spells otherwise (v5: `readonly_root_filesystem`) */
  at: { start: number; end: number };
  spelling: Record<string, string>;
}

/** A container from an object of inputs (an HCL object, or a module block's attributes). */
function container(
  inputs: Iterable<[string, Pair['key'], () => Node]>,
  at: { startIndex: number; endIndex: number },
  defaultName: string | undefined,
  moreInputs: Record<string, string> = {},
): { map: YAMLMap; given: Set<string>; at: { start: number; end: number }; spelling: Record<string, string> } {
  const map = mapAt(at);
  const given = new Set<string>();
  // for the writers: each input under the spelling the call uses (a value replaced where it is written)
  const names: HclNames = {};
  for (const [k, key, value] of inputs) {
    const json = INPUTS[k] ?? moreInputs[k];
    if (!json || given.has(json)) continue;
    given.add(json);
    names[json] = { attr: k };
    const r = (key as Node).range!;
    map.items.push(new Pair(keyAt(json, { startIndex: r[0], endIndex: r[1] }), value()));
  }
  HCL_BLOCKS.set(map, { at: { start: at.startIndex, end: at.endIndex }, names });
  if (!given.has('name') && defaultName) {
    const n = new Scalar(defaultName);
    n.range = [at.startIndex, at.startIndex, at.startIndex];
    map.items.push(new Pair(keyAt('name', at), n));
  }
  const spelling: Record<string, string> = {};
  for (const [json, n] of Object.entries(names)) if ('attr' in n && n.attr && n.attr !== json) spelling[json] = n.attr;
  return { map, given, at: { start: at.startIndex, end: at.endIndex }, spelling };
}

/** The entries of an object value: its key text, key node and value. */
function entries(v: Node): [string, Pair['key'], () => Node][] {
  if (!isMap(v)) return [];
  return v.items.map((p) => [String((p.key as Scalar | null)?.value ?? ''), p.key, () => p.value as Node]);
}

function taskDefinitionOf(containers: YAMLMap[], at: { startIndex: number; endIndex: number }): YAMLMap {
  const td = mapAt(at);
  const seq = new YAMLSeq();
  seq.range = [at.startIndex, at.endIndex, at.endIndex];
  seq.items.push(...containers);
  td.items.push(new Pair(keyAt('containerDefinitions', at), seq));
  return td;
}

/**
 * `count = 0`, or `for_each` over an empty literal: the block (a resource, a
 * module call) creates nothing, so nothing in it is deployed; a count or
 * collection that is not known (`var.enabled ? 1 : 0`) may create it.
 */
export function createsNothing(value: (meta: 'count' | 'for_each') => Node | undefined): boolean {
  const c = value('count');
  if (c instanceof Scalar && !c.tag && c.value === 0) return true;
  const e = value('for_each');
  return !!e && !e.tag && (isMap(e) || isSeq(e)) && e.items.length === 0;
}

/** The file's module calls that create something, with their inputs and literal `source`. */
function* moduleCalls(blocks: TfBlock[], scope: HclScope): Generator<{ b: TfBlock; attrs: ReturnType<typeof attributes>; source: string }> {
  for (const b of blocks) {
    if (b.type !== 'module' || !b.labels[0]) continue;
    const attrs = attributes(b.body, scope.text);
    if (createsNothing((m) => {
      const a = attrs.get(m);
      return a && toValue(a.value, scope);
    }))
      continue;
    const source = moduleSource(attrs, scope);
    if (source !== undefined) yield { b, attrs, source };
  }
}

/** A module block's `source`, when it is a literal string. */
function moduleSource(attrs: ReturnType<typeof attributes>, scope: HclScope): string | undefined {
  const src = attrs.get('source');
  const v = src && toValue(src.value, scope);
  return v instanceof Scalar && typeof v.value === 'string' ? v.value : undefined;
}

/** The containers of the file's calls of the ECS modules. */
export function moduleContainers(blocks: TfBlock[], scope: HclScope): ModuleContainer[] {
  const text = scope.text;
  const out: ModuleContainer[] = [];
  for (const { b, attrs, source } of moduleCalls(blocks, scope)) {
    const kind = ecsModuleOf(source) ?? (isCloudposseContainerModule(source) ? 'cloudposse' : undefined);
    if (!kind) continue;
    const call = `module.${b.labels[0].value}`;
    const anchor = b.labels[0].span;
    const at = b.node;
    if (kind === 'cloudposse') {
      // `container_definition` overrides any key of the result: nothing is known
      if (attrs.has('container_definition')) continue;
      const inputs: [string, Pair['key'], () => Node][] = [...attrs].map(([k, a]) => [k, keyAt(k, a.key), () => (k === 'map_environment' ? environmentOf(toValue(a.value, scope), text) : toValue(a.value, scope))]);
      // `map_environment` wins over `environment` when both are given
      inputs.sort((x, y) => Number(y[0] === 'map_environment') - Number(x[0] === 'map_environment'));
      const c = container(inputs, at, undefined, CLOUDPOSSE_INPUTS);
      // words the messages use as plain words (an environment variable's name, "the environment") stay so
      for (const w of ['name', 'image', 'environment']) delete c.spelling[w];
      out.push({ taskDefinition: taskDefinitionOf([c.map], at), label: call, anchor, given: c.given, at: c.at, spelling: c.spelling });
      continue;
    }
    if (kind === 'container-definition') {
      const inputs: [string, Pair['key'], () => Node][] = [...attrs].map(([k, a]) => [k, keyAt(k, a.key), () => toValue(a.value, scope)]);
      const c = container(inputs, at, undefined);
      out.push({ taskDefinition: taskDefinitionOf([c.map], at), label: call, anchor, given: c.given, at: c.at, spelling: c.spelling });
      continue;
    }
    // service: container_definitions = { name = { …inputs } }; root: services = { svc = { container_definitions = { … } } }
    const services: { label: string; defs: Node }[] = [];
    if (kind === 'service') {
      const cd = attrs.get('container_definitions');
      if (cd) services.push({ label: call, defs: toValue(cd.value, scope) });
    } else {
      const s = attrs.get('services');
      const v = s && toValue(s.value, scope);
      for (const [name, , value] of v ? entries(v) : []) {
        const cd = entries(value()).find(([k]) => k === 'container_definitions');
        if (cd) services.push({ label: `${call} service ${name}`, defs: cd[2]() });
      }
    }
    for (const s of services) {
      for (const [name, key, value] of entries(s.defs)) {
        const v = value();
        if (!isMap(v) || !v.range) continue;
        const r = (key as Node).range!;
        const c = container(entries(v), { startIndex: v.range[0], endIndex: v.range[1] }, name);
        out.push({ taskDefinition: taskDefinitionOf([c.map], { startIndex: v.range[0], endIndex: v.range[1] }), label: `${s.label} container ${name}`, anchor: { start: r[0], end: r[1] }, given: c.given, at: c.at, spelling: c.spelling });
      }
    }
  }
  return out;
}

/** Is this the `terraform-aws-modules/eks` root module (registry or GitHub)? */
export function isEksModule(source: string): boolean {
  return /^(?:terraform-aws-modules\/eks\/aws|(?:git::)?(?:https:\/\/)?github\.com\/terraform-aws-modules\/terraform-aws-eks(?:\.git)?)\/?(?:\?.*)?$/.test(source.trim());
}

/**
 * Calls of the `terraform-aws-modules/eks` module as the EKS clusters they
 * create, in CloudFormation's shape for the EKS reader: the endpoint inputs
 * (v20 `cluster_endpoint_public_access…`, v21 `endpoint_public_access…`)
 * as `ResourcesVpcConfig`. The module's public-access CIDRs default to
 * 0.0.0.0/0 in every version, so public access without CIDRs is open to the
 * internet; public access itself, encryption, logging and access settings
 * the call leaves out are unknown (their defaults changed between versions).
 * Its managed node groups with `remote_access` become node groups.
 */
export function eksModuleClusters(blocks: TfBlock[], scope: HclScope): CfnResource[] {
  const text = scope.text;
  const out: CfnResource[] = [];
  for (const { b, attrs, source } of moduleCalls(blocks, scope)) {
    if (!isEksModule(source)) continue;
    const input = (...names: string[]) => names.map((n) => attrs.get(n)).find((a) => a);
    const at = b.node;
    const unknown = () => unknownAt(text, at.startIndex, at.endIndex);
    const props = mapAt(at);
    const vpc = mapAt(at);
    const pub = input('cluster_endpoint_public_access', 'endpoint_public_access');
    const priv = input('cluster_endpoint_private_access', 'endpoint_private_access');
    const cidrs = input('cluster_endpoint_public_access_cidrs', 'endpoint_public_access_cidrs');
    vpc.items.push(pub ? new Pair(keyAt('EndpointPublicAccess', pub.key), toValue(pub.value, scope)) : new Pair(keyAt('EndpointPublicAccess', at), unknown()));
    vpc.items.push(priv ? new Pair(keyAt('EndpointPrivateAccess', priv.key), toValue(priv.value, scope)) : new Pair(keyAt('EndpointPrivateAccess', at), unknown()));
    if (cidrs) vpc.items.push(new Pair(keyAt('PublicAccessCidrs', cidrs.key), toValue(cidrs.value, scope)));
    else if (pub) {
      // the module's default: the whole internet, reported on the input that opens the endpoint
      const seq = new YAMLSeq();
      seq.range = [pub.value.startIndex, pub.value.endIndex, pub.value.endIndex];
      const open = new Scalar('0.0.0.0/0');
      open.range = seq.range;
      seq.items.push(open);
      // ranged at the input, written nowhere: no edit is computed from it
      RELOCATED.add(seq);
      RELOCATED.add(open);
      vpc.items.push(new Pair(keyAt('PublicAccessCidrs', pub.key), seq));
    }
    const name = input('cluster_name', 'name');
    if (name) props.items.push(new Pair(keyAt('Name', name.key), toValue(name.value, scope)));
    props.items.push(new Pair(keyAt('ResourcesVpcConfig', at), vpc));
    for (const k of ['EncryptionConfig', 'Logging', 'AccessConfig']) props.items.push(new Pair(keyAt(k, at), unknown()));
    const logicalId = `module.${b.labels[0].value}`;
    const label = { startIndex: b.labels[0].span.start, endIndex: b.labels[0].span.end };
    out.push(cfnResource(logicalId, 'AWS::EKS::Cluster', props, { at, typeAt: { startIndex: at.startIndex, endIndex: at.startIndex }, idAt: label }));
    out.push(...moduleNodegroups(attrs, scope, logicalId));
  }
  return out;
}

/**
 * The module's `eks_managed_node_groups` that turn SSH on: an entry's
 * `remote_access` (or the v20 `eks_managed_node_group_defaults` one), passed
 * through to the node group as written in every version.
 */
function moduleNodegroups(attrs: ReturnType<typeof attributes>, scope: HclScope, cluster: string): CfnResource[] {
  const groups = attrs.get('eks_managed_node_groups');
  if (!groups) return [];
  const defaults = attrs.get('eks_managed_node_group_defaults');
  const fallback = defaults ? entries(toValue(defaults.value, scope)).find(([k]) => k === 'remote_access') : undefined;
  const out: CfnResource[] = [];
  for (const [name, key, value] of entries(toValue(groups.value, scope))) {
    const g = value();
    const ra = entries(g).find(([k]) => k === 'remote_access') ?? (isMap(g) ? fallback : undefined);
    const raValue = ra?.[2]();
    if (!ra || !isMap(raValue) || !raValue.range) continue;
    const at = { startIndex: raValue.range[0], endIndex: raValue.range[1] };
    const remote = mapAt(at);
    for (const [k, kn, v] of entries(raValue)) {
      const cfn = k === 'ec2_ssh_key' ? 'Ec2SshKey' : k === 'source_security_group_ids' ? 'SourceSecurityGroups' : undefined;
      const r = (kn as Node).range!;
      if (cfn) remote.items.push(new Pair(keyAt(cfn, { startIndex: r[0], endIndex: r[1] }), v()));
    }
    const props = mapAt(at);
    const ref = mapAt(at);
    const refKey = new Scalar('Ref');
    const refValue = new Scalar(cluster);
    refKey.range = refValue.range = [at.startIndex, at.startIndex, at.startIndex];
    ref.items.push(new Pair(refKey, refValue));
    props.items.push(new Pair(keyAt('ClusterName', at), ref), new Pair(keyAt('RemoteAccess', at), remote));
    const kr = (key as Node).range!;
    const logicalId = `${cluster}.eks_managed_node_groups["${name}"]`;
    out.push(cfnResource(logicalId, 'AWS::EKS::Nodegroup', props, { at, typeAt: { startIndex: at.startIndex, endIndex: at.startIndex }, idAt: { startIndex: kr[0], endIndex: kr[1] } }));
  }
  return out;
}

const UNKNOWN = Symbol('unknown');

/** Is this the `terraform-aws-modules/ecr` root module (registry or GitHub)? */
export function isEcrModule(source: string): boolean {
  return /^(?:terraform-aws-modules\/ecr\/aws|(?:git::)?(?:https:\/\/)?github\.com\/terraform-aws-modules\/terraform-aws-ecr(?:\.git)?)\/?(?:\?.*)?$/.test(source.trim());
}

/** The `terraform-aws-modules/ecr` inputs, as the repository settings the findings name. */
export const ECR_MODULE_SPELLING: Record<string, string> = {
  scan_on_push: 'repository_image_scan_on_push',
  image_tag_mutability: 'repository_image_tag_mutability',
  encryption_type: 'repository_encryption_type',
  kms_key: 'repository_kms_key',
};

/**
 * Calls of the `terraform-aws-modules/ecr` module as the private repositories
 * they create, in CloudFormation's shape for the ECR reader: tag mutability,
 * scan on push and encryption from the call's inputs. As with the ECS
 * modules, a setting the call leaves to the module is unknown, never
 * reported: overriding a safe default (`repository_image_tag_mutability =
 * "MUTABLE"`, `repository_image_scan_on_push = false`) is reported, relying
 * on it is not. The policy the module builds from its access lists is
 * unknown; one the call writes itself (`create_repository_policy = false`
 * with `repository_policy`) is read. A call that creates nothing
 * (`create = false`) or a public repository is not read.
 */
export function ecrModuleRepositories(blocks: TfBlock[], scope: HclScope): { resources: CfnResource[]; spelt: { start: number; end: number }[] } {
  const text = scope.text;
  const resources: CfnResource[] = [];
  const spelt: { start: number; end: number }[] = [];
  for (const { b, attrs, source } of moduleCalls(blocks, scope)) {
    if (!isEcrModule(source)) continue;
    // an input's literal value; UNKNOWN when it is written but not known
    const literal = (name: string): unknown => {
      const a = attrs.get(name);
      if (!a) return undefined;
      const v = toValue(a.value, scope);
      return v instanceof Scalar && !v.tag ? v.value : UNKNOWN;
    };
    if (literal('create') === false || literal('create_repository') === false) continue;
    const type = literal('repository_type');
    if (type !== undefined && type !== 'private') continue;
    const at = b.node;
    const unknown = () => unknownAt(text, at.startIndex, at.endIndex);
    const fromInput = (key: string, input: string): Pair => {
      const a = attrs.get(input);
      return a ? new Pair(keyAt(key, a.key), toValue(a.value, scope)) : new Pair(keyAt(key, at), unknown());
    };
    const props = mapAt(at);
    const name = attrs.get('repository_name');
    if (name) props.items.push(new Pair(keyAt('RepositoryName', name.key), toValue(name.value, scope)));
    props.items.push(fromInput('ImageTagMutability', 'repository_image_tag_mutability'));
    const scanning = mapAt(at);
    scanning.items.push(fromInput('ScanOnPush', 'repository_image_scan_on_push'));
    props.items.push(new Pair(keyAt('ImageScanningConfiguration', at), scanning));
    const encryption = mapAt(at);
    encryption.items.push(fromInput('EncryptionType', 'repository_encryption_type'));
    if (attrs.get('repository_kms_key')) encryption.items.push(fromInput('KmsKey', 'repository_kms_key'));
    props.items.push(new Pair(keyAt('EncryptionConfiguration', at), encryption));
    const ownPolicy = literal('create_repository_policy') === false && literal('attach_repository_policy') !== false && attrs.get('repository_policy');
    props.items.push(ownPolicy ? fromInput('RepositoryPolicyText', 'repository_policy') : new Pair(keyAt('RepositoryPolicyText', at), unknown()));
    props.items.push(new Pair(keyAt('LifecyclePolicy', at), unknown()));
    // the call's inputs are edited where they are written; nothing is added to the call
    for (const m of [props, scanning, encryption]) RELOCATED.add(m);
    const label = { startIndex: b.labels[0].span.start, endIndex: b.labels[0].span.end };
    resources.push(cfnResource(`module.${b.labels[0].value}`, 'AWS::ECR::Repository', props, { at, typeAt: { startIndex: at.startIndex, endIndex: at.startIndex }, idAt: label }));
    spelt.push({ start: at.startIndex, end: at.endIndex });
  }
  return { resources, spelt };
}

/** A service a terraform-aws-modules/ecs call creates, in the ECS API's shape for the service reader. */
export interface ModuleService {
  map: YAMLMap;
  /** `module.api`, `module.ecs.module.service["api"]` */
  label: string;
}

/**
 * The services of the file's calls of the ECS service module (and of the
 * root module's `services` entries), from the inputs it shares with
 * `aws_ecs_service`, read as that resource's are: `assign_public_ip` and
 * `enable_execute_command` (both false by default in the module, as in the
 * API), `platform_version`, `launch_type`. Only what the call
 * writes is read; the module's defaults are the API's, so a service the
 * call leaves alone is reported as the API would run it: not at all.
 */
export function moduleServices(blocks: TfBlock[], scope: HclScope): ModuleService[] {
  const text = scope.text;
  const out: ModuleService[] = [];
  const read = (inputs: [string, Pair['key'], () => Node][], at: { startIndex: number; endIndex: number }, label: string): void => {
    const get = (name: string) => inputs.find(([k]) => k === name);
    const map = mapAt(at);
    const ip = get('assign_public_ip');
    if (ip) {
      const r = (ip[1] as Node).range!;
      const val = assignPublicIpValue(ip[2](), [r[0], r[1]], text);
      const avpc = mapAt(at);
      avpc.items.push(new Pair(keyAt('assignPublicIp', { startIndex: val.range![0], endIndex: val.range![1] }), val));
      const nc = mapAt(at);
      nc.items.push(new Pair(keyAt('awsvpcConfiguration', at), avpc));
      map.items.push(new Pair(keyAt('networkConfiguration', at), nc));
      // written in a module call: not edited
      for (const m of [avpc, nc, val]) RELOCATED.add(m);
    }
    // the other inputs the service module shares with aws_ecs_service, under the same names
    for (const [input, key] of Object.entries(SERVICE_NAMES)) {
      const e = get(input);
      const r = (e?.[1] as Node | undefined)?.range;
      if (e && r) map.items.push(new Pair(keyAt(key, { startIndex: r[0], endIndex: r[1] }), e[2]()));
    }
    RELOCATED.add(map);
    out.push({ map, label });
  };
  for (const { b, attrs, source } of moduleCalls(blocks, scope)) {
    const kind = ecsModuleOf(source);
    const call = `module.${b.labels[0].value}`;
    if (kind === 'service') read([...attrs].map(([k, a]) => [k, keyAt(k, a.key), () => toValue(a.value, scope)]), b.node, call);
    else if (kind === 'root') {
      const s = attrs.get('services');
      const v = s && toValue(s.value, scope);
      for (const [name, , value] of v ? entries(v) : []) {
        const svc = value();
        if (isMap(svc) && svc.range) read(entries(svc), { startIndex: svc.range[0], endIndex: svc.range[1] }, `${call}.module.service[${JSON.stringify(name)}]`);
      }
    }
  }
  return out;
}
