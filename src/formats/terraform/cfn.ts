/**
 * Terraform resources that have a CloudFormation twin, rewritten into that
 * twin's `Properties` shape (nodes ranged in the .tf text) so the
 * CloudFormation readers of formats/cloudformation read them: ECS clusters,
 * ECR repositories (with their `aws_ecr_repository_policy`), registry scanning
 * configurations and repository creation templates, EKS clusters and node
 * groups. A shape names, for each HCL attribute or nested block, the
 * CloudFormation property it becomes; what it does not name is not read.
 */
import { isScalar, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../../core';
import type { CfnResource } from '../cloudformation/resource';
import type { Node } from '../yaml/doc';
import { At, HCL_OBJECTS, keyAt, mapAt } from './hcl';
import { TfAttribute, TfBody, TfResource, unknownValue } from './body';
import { HCL_BLOCK_LISTS, HCL_BLOCKS, HCL_ENTRIES, HCL_WRAPPED, HclNames } from './edit';

/**
 * attribute → property name; nested block → map (`block`) or list of maps
 * (`list`); `wrapList`: a list of strings as `[{ <itemKey>: s }]` under a
 * path; `entries`: an HCL map (`{ KEY = "v" }`) as CloudFormation's list of
 * `{ <key>: KEY, <value>: "v" }` (environment variables, tags).
 */
export type Shape = Record<
  string,
  string | { block: string; props: Shape } | { list: string; props: Shape } | { wrapList: string[]; itemKey: string } | { entries: string; key: string; value: string }
>;

/** An App Runner image or code configuration: its environment is an HCL map, CloudFormation's a list of name/value pairs. */
const APPRUNNER_RUNTIME: Shape = {
  port: 'Port',
  start_command: 'StartCommand',
  runtime_environment_variables: { entries: 'RuntimeEnvironmentVariables', key: 'Name', value: 'Value' },
  runtime_environment_secrets: { entries: 'RuntimeEnvironmentSecrets', key: 'Name', value: 'Value' },
};

export const CFN_SHAPES: Record<string, { type: string; props: Shape }> = {
  aws_ecs_cluster: {
    type: 'AWS::ECS::Cluster',
    props: {
      name: 'ClusterName',
      setting: { list: 'ClusterSettings', props: { name: 'Name', value: 'Value' } },
      configuration: {
        block: 'Configuration',
        props: {
          execute_command_configuration: {
            block: 'ExecuteCommandConfiguration',
            props: {
              kms_key_id: 'KmsKeyId',
              logging: 'Logging',
              log_configuration: {
                block: 'LogConfiguration',
                props: {
                  cloud_watch_log_group_name: 'CloudWatchLogGroupName',
                  cloud_watch_encryption_enabled: 'CloudWatchEncryptionEnabled',
                  s3_bucket_name: 'S3BucketName',
                  s3_bucket_encryption_enabled: 'S3EncryptionEnabled',
                },
              },
            },
          },
        },
      },
    },
  },
  aws_ecr_repository: {
    type: 'AWS::ECR::Repository',
    props: {
      name: 'RepositoryName',
      image_tag_mutability: 'ImageTagMutability',
      image_scanning_configuration: { block: 'ImageScanningConfiguration', props: { scan_on_push: 'ScanOnPush' } },
      encryption_configuration: { block: 'EncryptionConfiguration', props: { encryption_type: 'EncryptionType', kms_key: 'KmsKey' } },
    },
  },
  aws_ecr_registry_scanning_configuration: {
    type: 'AWS::ECR::RegistryScanningConfiguration',
    props: {
      scan_type: 'ScanType',
      rule: { list: 'Rules', props: { scan_frequency: 'ScanFrequency', repository_filter: { list: 'RepositoryFilters', props: { filter: 'Filter', filter_type: 'FilterType' } } } },
    },
  },
  aws_ecr_repository_creation_template: {
    type: 'AWS::ECR::RepositoryCreationTemplate',
    props: {
      prefix: 'Prefix',
      applied_for: 'AppliedFor',
      image_tag_mutability: 'ImageTagMutability',
      repository_policy: 'RepositoryPolicy',
      encryption_configuration: { block: 'EncryptionConfiguration', props: { encryption_type: 'EncryptionType', kms_key: 'KmsKey' } },
    },
  },
  aws_eks_cluster: {
    type: 'AWS::EKS::Cluster',
    props: {
      name: 'Name',
      vpc_config: { block: 'ResourcesVpcConfig', props: { endpoint_public_access: 'EndpointPublicAccess', endpoint_private_access: 'EndpointPrivateAccess', public_access_cidrs: 'PublicAccessCidrs' } },
      encryption_config: { list: 'EncryptionConfig', props: { resources: 'Resources', provider: { block: 'Provider', props: { key_arn: 'KeyArn' } } } },
      enabled_cluster_log_types: { wrapList: ['Logging', 'ClusterLogging', 'EnabledTypes'], itemKey: 'Type' },
    },
  },
  aws_ecs_express_gateway_service: {
    type: 'AWS::ECS::ExpressGatewayService',
    props: {
      service_name: 'ServiceName',
      task_role_arn: 'TaskRoleArn',
      execution_role_arn: 'ExecutionRoleArn',
      primary_container: {
        block: 'PrimaryContainer',
        props: {
          image: 'Image',
          container_port: 'ContainerPort',
          command: 'Command',
          environment: { list: 'Environment', props: { name: 'Name', value: 'Value' } },
          // the provider's docs name the block both ways
          secret: { list: 'Secrets', props: { name: 'Name', value_from: 'ValueFrom' } },
          secrets: { list: 'Secrets', props: { name: 'Name', value_from: 'ValueFrom' } },
          aws_logs_configuration: { block: 'AwsLogsConfiguration', props: { log_group: 'LogGroup', log_stream_prefix: 'LogStreamPrefix' } },
        },
      },
      network_configuration: { block: 'NetworkConfiguration', props: { subnets: 'Subnets', security_groups: 'SecurityGroups' } },
    },
  },
  aws_apprunner_service: {
    type: 'AWS::AppRunner::Service',
    props: {
      service_name: 'ServiceName',
      source_configuration: {
        block: 'SourceConfiguration',
        props: {
          auto_deployments_enabled: 'AutoDeploymentsEnabled',
          image_repository: {
            block: 'ImageRepository',
            props: {
              image_identifier: 'ImageIdentifier',
              image_repository_type: 'ImageRepositoryType',
              image_configuration: { block: 'ImageConfiguration', props: APPRUNNER_RUNTIME },
            },
          },
          code_repository: {
            block: 'CodeRepository',
            props: { code_configuration: { block: 'CodeConfiguration', props: { code_configuration_values: { block: 'CodeConfigurationValues', props: APPRUNNER_RUNTIME } } } },
          },
        },
      },
      instance_configuration: { block: 'InstanceConfiguration', props: { instance_role_arn: 'InstanceRoleArn' } },
      network_configuration: {
        block: 'NetworkConfiguration',
        props: {
          egress_configuration: { block: 'EgressConfiguration', props: { egress_type: 'EgressType', vpc_connector_arn: 'VpcConnectorArn' } },
          ingress_configuration: { block: 'IngressConfiguration', props: { is_publicly_accessible: 'IsPubliclyAccessible' } },
        },
      },
      encryption_configuration: { block: 'EncryptionConfiguration', props: { kms_key: 'KmsKey' } },
      health_check_configuration: { block: 'HealthCheckConfiguration', props: { protocol: 'Protocol', path: 'Path' } },
      tags: { entries: 'Tags', key: 'Key', value: 'Value' },
    },
  },
  aws_apprunner_vpc_connector: { type: 'AWS::AppRunner::VpcConnector', props: { vpc_connector_name: 'VpcConnectorName' } },
  aws_apprunner_vpc_ingress_connection: { type: 'AWS::AppRunner::VpcIngressConnection', props: { service_arn: 'ServiceArn' } },
  // task definitions are read by the ECS reader; as CloudFormation resources they only tell the IAM reader which roles tasks run as
  aws_ecs_task_definition: { type: 'AWS::ECS::TaskDefinition', props: { task_role_arn: 'TaskRoleArn' } },
  aws_iam_role: {
    type: 'AWS::IAM::Role',
    props: {
      name: 'RoleName',
      assume_role_policy: 'AssumeRolePolicyDocument',
      inline_policy: { list: 'Policies', props: { name: 'PolicyName', policy: 'PolicyDocument' } },
      managed_policy_arns: 'ManagedPolicyArns',
    },
  },
  aws_eks_pod_identity_association: { type: 'AWS::EKS::PodIdentityAssociation', props: { namespace: 'Namespace', service_account: 'ServiceAccount', role_arn: 'RoleArn' } },
  aws_iam_role_policy: { type: 'AWS::IAM::RolePolicy', props: { name: 'PolicyName', role: 'RoleName', policy: 'PolicyDocument' } },
  aws_iam_policy: { type: 'AWS::IAM::ManagedPolicy', props: { name: 'ManagedPolicyName', policy: 'PolicyDocument' } },
  aws_eks_node_group: {
    type: 'AWS::EKS::Nodegroup',
    props: {
      node_group_name: 'NodegroupName',
      remote_access: { block: 'RemoteAccess', props: { ec2_ssh_key: 'Ec2SshKey', source_security_group_ids: 'SourceSecurityGroups' } },
    },
  },
};


/**
 * A reference to a resource of the file, as CloudFormation writes it, so
 * the readers follow it: `aws_x.name.arn` → `Fn::GetAtt: [address, Arn]`,
 * `aws_x.name.name`/`.id` → `Ref: address` (an IAM policy's ARN is its
 * `Ref`, as in CloudFormation); `data.aws_iam_policy_document.x.json` → the
 * policy document that data source builds, ranged in its block.
 */
/**
 * A reference to an attribute of a resource: `aws_iam_role.task.arn`, or in
 * a plan's child module `module.svc.aws_iam_role.task[0].arn` (the address
 * as the plan writes it, instance key included).
 */
export function parseReference(source: string): { address: string; type: string; attr: string } | undefined {
  const m = /^((?:module\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?\.)*)([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?\.([A-Za-z_]\w*)$/.exec(source);
  return m ? { address: `${m[1]}${m[2]}.${m[3]}${m[4] ?? ''}`, type: m[2], attr: m[5] } : undefined;
}

function reference(a: TfAttribute, cx: ConvertContext): Node | undefined {
  if (a.source === undefined) return undefined;
  const doc = /^data\.aws_iam_policy_document\.([\w-]+)\.json$/.exec(a.source);
  if (doc) {
    const d = cx.policyDocuments.get(doc[1]);
    return d ? policyDocument(d, cx.text) : undefined;
  }
  const ref = parseReference(a.source);
  const address = ref?.address;
  if (!ref || !address || !cx.addresses.has(address)) return undefined;
  const v = a.value();
  const range = v.range ?? [a.key.startIndex, a.key.endIndex, a.key.endIndex];
  const at = (x: string): Scalar => {
    const sc = new Scalar(x);
    sc.range = range;
    return sc;
  };
  const map = new YAMLMap();
  map.range = range;
  const attr = ref.attr;
  if (attr === 'name' || attr === 'id' || (ref.type === 'aws_iam_policy' && attr === 'arn')) {
    map.items.push(new Pair(at('Ref'), at(address)));
    return map;
  }
  const args = new YAMLSeq();
  args.range = range;
  args.items.push(at(address), at(attr === 'arn' ? 'Arn' : attr));
  map.items.push(new Pair(at('Fn::GetAtt'), args));
  return map;
}

/**
 * `data "aws_iam_policy_document"` as the IAM policy JSON it renders:
 * `statement` blocks (effect Allow unless said), actions, resources,
 * conditions. `override_policy_documents` may replace any statement: then
 * the document is unknown.
 */
function policyDocument(d: TfBody, text: string): Node {
  if (d.attr('override_policy_documents')) return unknownValue(text, d.at);
  const doc = mapAt(d.at);
  const sts = d.blocks('statement');
  if (sts.unknown) {
    doc.items.push(new Pair(keyAt('Statement', sts.unknown), unknownValue(text, sts.unknown)));
    return doc;
  }
  const seq = new YAMLSeq();
  seq.range = [d.at.startIndex, d.at.endIndex, d.at.endIndex];
  for (const st of sts.items) {
    const m = mapAt(st.at);
    const effect = st.attr('effect');
    if (effect) m.items.push(new Pair(keyAt('Effect', effect.key), effect.value()));
    for (const [hcl, json] of [['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']]) {
      const x = st.attr(hcl);
      if (x) m.items.push(new Pair(keyAt(json, x.key), x.value()));
    }
    // principals { type, identifiers } → Principal: { <type>: identifiers } (a trust policy names who may assume the role)
    const principals = st.blocks('principals');
    if (principals.unknown) m.items.push(new Pair(keyAt('Principal', principals.unknown), unknownValue(text, principals.unknown)));
    else if (principals.items.length) m.items.push(new Pair(keyAt('Principal', principals.items[0].typeAt), keyedBlocks(principals.items, 'type', 'identifiers', text)));
    // condition { test, variable, values } → Condition: { <test>: { <variable>: values } }
    const conditions = st.blocks('condition');
    if (conditions.unknown) m.items.push(new Pair(keyAt('Condition', conditions.unknown), unknownValue(text, conditions.unknown)));
    else if (conditions.items.length) {
      const byTest = mapAt(conditions.items[0].at);
      for (const c of conditions.items) {
        const test = c.attr('test')?.value();
        const key = test instanceof Scalar && typeof test.value === 'string' && !test.tag ? test.value : undefined;
        if (!key) continue;
        let entry = byTest.items.find((p) => (p.key as Scalar).value === key);
        if (!entry) {
          entry = new Pair(keyAt(key, c.typeAt), mapAt(c.at));
          byTest.items.push(entry);
        }
        (entry.value as YAMLMap).items.push(...keyedBlocks([c], 'variable', 'values', text).items);
      }
      m.items.push(new Pair(keyAt('Condition', conditions.items[0].typeAt), byTest));
    }
    seq.items.push(m);
  }
  doc.items.push(new Pair(keyAt('Statement', d.typeAt), seq));
  return doc;
}

/** Blocks of `{ <keyAttr> = "k", <valueAttr> = v }` as one map `{ k: v }`; a key that is not a literal is left out. */
function keyedBlocks(blocks: TfBody[], keyAttr: string, valueAttr: string, text: string): YAMLMap {
  const map = mapAt(blocks[0].at);
  for (const b of blocks) {
    const k = b.attr(keyAttr);
    const v = b.attr(valueAttr);
    const kv = k?.value();
    if (!k || !(kv instanceof Scalar) || kv.tag || typeof kv.value !== 'string') continue;
    map.items.push(new Pair(keyAt(kv.value, k.key), v ? v.value() : unknownValue(text, b.at)));
  }
  return map;
}

interface ConvertContext {
  text: string;
  /** addresses of the resources read (references to them are followed) */
  addresses: ReadonlySet<string>;
  /** `data "aws_iam_policy_document"` blocks by name */
  policyDocuments: ReadonlyMap<string, TfBody>;
}

/** The Terraform resource type of a CloudFormation type, and how its properties are written (for a resource a writer adds). */
export function hclResourceOf(cfnType: string): { type: string; names: HclNames } | undefined {
  for (const [type, s] of Object.entries(CFN_SHAPES)) if (s.type === cfnType) return { type, names: namesOf(s.props) };
  return undefined;
}

/** How Terraform writes each CloudFormation property of a shape (what a writer needs); entries and wrapped lists are not written. */
function namesOf(shape: Shape): HclNames {
  const out: HclNames = {};
  for (const [name, s] of Object.entries(shape)) {
    if (typeof s === 'string') out[s] = s.endsWith('PolicyDocument') ? { attr: name, json: true } : { attr: name };
    else if ('wrapList' in s) out[s.wrapList[0]] = { wrap: name, path: s.wrapList.slice(1), itemKey: s.itemKey };
    else if ('entries' in s) out[s.entries] = { entries: name, key: s.key, value: s.value };
    else if ('block' in s) out[s.block] = { block: name, names: namesOf(s.props) };
    else if ('list' in s) out[s.list] = { blocks: name, names: namesOf(s.props) };
  }
  return out;
}

/** The body's attributes and nested blocks under their CloudFormation names. */
function convert(body: TfBody, shape: Shape, cx: ConvertContext, into: YAMLMap): void {
  const text = cx.text;
  if (body.hcl) HCL_BLOCKS.set(into, { at: { start: body.at.startIndex, end: body.at.endIndex }, names: namesOf(shape) });
  for (const [name, s] of Object.entries(shape)) {
    if (typeof s === 'string' || 'entries' in s || 'wrapList' in s) {
      const a = body.attr(name);
      if (!a) continue;
      const id = a.key;
      if (typeof s === 'string') {
        into.items.push(new Pair(keyAt(s, id), reference(a, cx) ?? a.value()));
        continue;
      }
      const v = a.value();
      if ('entries' in s) {
        // { KEY = "v" } → [{ Name: KEY, Value: "v" }]; anything but an object stays unknown
        if (!(v instanceof YAMLMap)) {
          into.items.push(new Pair(keyAt(s.entries, id), v));
          continue;
        }
        const seq = new YAMLSeq();
        seq.range = v.range;
        for (const p of v.items) {
          const m = new YAMLMap();
          const k = p.key as Node;
          const val = p.value as Node;
          m.range = [k.range![0], (val ?? k).range![1], (val ?? k).range![1]];
          m.items.push(new Pair(keyAt(s.key, id), k), new Pair(keyAt(s.value, id), val));
          seq.items.push(m);
        }
        if (HCL_OBJECTS.has(v)) HCL_ENTRIES.set(seq, { object: v, key: s.key, value: s.value });
        into.items.push(new Pair(keyAt(s.entries, id), seq));
        continue;
      }
      // enabled_cluster_log_types = ["api", "audit"] → Logging.ClusterLogging.EnabledTypes: [{ Type: "api" } …]
      let inner: Node;
      if (v instanceof YAMLSeq) {
        const seq = new YAMLSeq();
        seq.range = v.range;
        for (const it of v.items) {
          const m = new YAMLMap();
          m.range = (it as Node).range;
          m.items.push(new Pair(keyAt(s.itemKey, id), it));
          seq.items.push(m);
        }
        HCL_WRAPPED.set(seq, { itemKey: s.itemKey, tuple: v });
        inner = seq;
      } else inner = v;
      let cur = into;
      s.wrapList.forEach((k, i) => {
        if (i === s.wrapList.length - 1) cur.items.push(new Pair(keyAt(k, id), inner));
        else {
          const m = mapAt({ startIndex: id.startIndex, endIndex: v.range?.[1] ?? id.endIndex });
          cur.items.push(new Pair(keyAt(k, id), m));
          cur = m;
        }
      });
      continue;
    }
    const blocks = body.blocks(name);
    const key = 'block' in s ? s.block : s.list;
    // a `dynamic` block: what it generates is unknown
    if (blocks.unknown) {
      into.items.push(new Pair(keyAt(key, blocks.unknown), unknownValue(text, blocks.unknown)));
      continue;
    }
    if (!blocks.items.length) continue;
    const maps = blocks.items.map((b) => {
      const m = mapAt(b.at);
      convert(b, s.props, cx, m);
      return m;
    });
    const id = blocks.items[0].typeAt;
    if ('block' in s) into.items.push(new Pair(keyAt(key, id), maps[0]));
    else {
      const first = blocks.items[0].at;
      const last = blocks.items[blocks.items.length - 1].at;
      const seq = new YAMLSeq();
      seq.range = [first.startIndex, last.endIndex, last.endIndex];
      seq.items.push(...maps);
      if (blocks.items[0].hcl) HCL_BLOCK_LISTS.set(seq, { block: name, names: namesOf(s.props), last: { start: last.startIndex, end: last.endIndex } });
      into.items.push(new Pair(keyAt(key, id), seq));
    }
  }
}

/**
 * A CloudFormation resource (`{ Type, Properties }` under its logical id)
 * built from a Terraform resource or module call, every node ranged in the
 * .tf text: `at` the whole of it, `typeAt` where its type is written,
 * `idAt` where "missing X" findings point.
 */
export function cfnResource(logicalId: string, type: string, props: YAMLMap, where: { at: At; typeAt: At; idAt: At }): CfnResource {
  const node = mapAt(where.at);
  const typeNode = new Scalar(type);
  typeNode.range = [where.typeAt.startIndex, where.typeAt.endIndex, where.typeAt.endIndex];
  node.items.push(new Pair(keyAt('Type', where.at), typeNode), new Pair(keyAt('Properties', where.at), props));
  const id = new Scalar(logicalId);
  id.range = [where.idAt.startIndex, where.idAt.endIndex, where.idAt.endIndex];
  return { logicalId, type, pair: new Pair(id, node), node, props, anchor: { start: where.idAt.startIndex, end: where.idAt.endIndex } };
}

/** An `aws_ecr_repository_policy` whose repository is not one of the module's resources (a literal name, a variable, a data source). */
export interface DetachedRepositoryPolicy {
  /** `repository "shared"`, `repository var.repo`: for messages */
  label: string;
  /** the policy resource's name */
  anchor: Span;
  span: Span;
  policy: Node;
}

/**
 * The resources that have a CloudFormation twin, as CloudFormation
 * resources (logical id `type.name`). Resources that only attach things
 * in Terraform are folded into what they attach to: an
 * `aws_ecr_repository_policy` becomes its repository's
 * `RepositoryPolicyText`, an `aws_iam_role_policy_attachment` (or
 * `aws_iam_policy_attachment`) one of its role's `ManagedPolicyArns`.
 * `data "aws_iam_policy_document"` sources (type
 * `data.aws_iam_policy_document` in `resources`) are the policies they render.
 */
export function cfnResources(resources: TfResource[], text: string, detached?: DetachedRepositoryPolicy[]): CfnResource[] {
  const out: CfnResource[] = [];
  const byAddress = new Map<string, CfnResource>();
  const addressOf = (r: TfResource): string => r.address ?? `${r.type}.${r.name}`;
  const cx: ConvertContext = {
    text,
    addresses: new Set(resources.filter((r) => CFN_SHAPES[r.type]).map(addressOf)),
    policyDocuments: new Map(resources.filter((r) => r.type === 'data.aws_iam_policy_document').map((r) => [r.name, r.body])),
  };
  for (const r of resources) {
    const shape = CFN_SHAPES[r.type];
    if (!shape) continue;
    const props = mapAt(r.body.at);
    convert(r.body, shape.props, cx, props);
    const res = cfnResource(addressOf(r), shape.type, props, { at: r.body.at, typeAt: r.typeAt, idAt: r.nameAt });
    out.push(res);
    byAddress.set(res.logicalId, res);
  }
  const target = (a: TfAttribute | undefined, type: string, attrs: string): CfnResource | undefined => {
    const ref = a?.source !== undefined ? parseReference(a.source) : undefined;
    return ref && ref.type === type && attrs.split('|').includes(ref.attr) ? byAddress.get(ref.address) : undefined;
  };
  for (const r of resources) {
    if (r.type === 'aws_ecr_repository_policy') {
      // repository policies are resources of their own in Terraform
      const name = r.body.attr('repository');
      const repo = target(name, 'aws_ecr_repository', 'name|id|repository_url');
      const policy = r.body.attr('policy');
      if (repo && policy) repo.props!.items.push(new Pair(keyAt('RepositoryPolicyText', policy.key), reference(policy, cx) ?? policy.value()));
      else if (policy && name && !(name.source !== undefined && parseReference(name.source)?.type === 'aws_ecr_repository')) {
        // the policy still opens whatever repository it names: what the repository itself sets is unknown here
        const v = name.value();
        const written = isScalar(v) && !v.tag && typeof v.value === 'string' ? JSON.stringify(v.value) : (name.source ?? text.slice(v.range?.[0] ?? 0, v.range?.[1] ?? 0));
        detached?.push({ label: `repository ${written}`, anchor: { start: r.nameAt.startIndex, end: r.nameAt.endIndex }, span: { start: r.body.at.startIndex, end: r.body.at.endIndex }, policy: reference(policy, cx) ?? policy.value() });
      }
    } else if (r.type === 'aws_iam_role_policy_attachment' || r.type === 'aws_iam_policy_attachment') {
      const arn = r.body.attr('policy_arn');
      if (!arn) continue;
      const one = r.body.attr('role');
      const many = r.body.attr('roles');
      const roles = one ? [target(one, 'aws_iam_role', 'name|id')] : many?.source ? [...many.source.matchAll(/aws_iam_role\.([\w-]+)\.(?:name|id)\b/g)].map((m) => byAddress.get(`aws_iam_role.${m[1]}`)) : [];
      for (const role of roles) {
        if (!role?.props) continue;
        let list = role.props.items.find((p) => (p.key as Scalar).value === 'ManagedPolicyArns');
        if (!list) {
          const seq = new YAMLSeq();
          seq.range = [arn.key.startIndex, arn.key.endIndex, arn.key.endIndex];
          list = new Pair(keyAt('ManagedPolicyArns', arn.key), seq);
          role.props.items.push(list);
        }
        // a list written as an expression (unknown) stays so
        if (list.value instanceof YAMLSeq) list.value.items.push(reference(arn, cx) ?? arn.value());
      }
    }
  }
  return out;
}
