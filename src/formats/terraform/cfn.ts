/**
 * Terraform resources that have a CloudFormation twin, rewritten into that
 * twin's `Properties` shape (nodes ranged in the .tf text) so the
 * CloudFormation readers of formats/cloudformation read them: ECS clusters,
 * ECR repositories (with their `aws_ecr_repository_policy`), registry scanning
 * configurations and repository creation templates, EKS clusters and node
 * groups. A shape names, for each HCL attribute or nested block, the
 * CloudFormation property it becomes; what it does not name is not read.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { CfnResource } from '../cloudformation/resource';
import type { Node } from '../yaml/doc';
import { keyAt, mapAt } from './hcl';
import { TfAttribute, TfBody, TfResource, unknownValue } from './body';

/**
 * attribute → property name; nested block → map (`block`) or list of maps
 * (`list`); `wrapList`: a list of strings as `[{ <itemKey>: s }]` under a
 * path; `entries`: an HCL map (`{ KEY = "v" }`) as CloudFormation's list of
 * `{ <key>: KEY, <value>: "v" }` (environment variables, tags).
 */
type Shape = Record<
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
        props: { execute_command_configuration: { block: 'ExecuteCommandConfiguration', props: { kms_key_id: 'KmsKeyId', logging: 'Logging' } } },
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
      health_check_configuration: { block: 'HealthCheckConfiguration', props: { protocol: 'Protocol' } },
      tags: { entries: 'Tags', key: 'Key', value: 'Value' },
    },
  },
  aws_apprunner_vpc_connector: { type: 'AWS::AppRunner::VpcConnector', props: { vpc_connector_name: 'VpcConnectorName' } },
  aws_apprunner_vpc_ingress_connection: { type: 'AWS::AppRunner::VpcIngressConnection', props: { service_arn: 'ServiceArn' } },
  aws_eks_node_group: {
    type: 'AWS::EKS::Nodegroup',
    props: {
      node_group_name: 'NodegroupName',
      remote_access: { block: 'RemoteAccess', props: { ec2_ssh_key: 'Ec2SshKey', source_security_group_ids: 'SourceSecurityGroups' } },
    },
  },
};


/**
 * `aws_x.name.attr` naming a resource of the file, as CloudFormation's
 * `Fn::GetAtt: [logicalId, attr]` (an unknown value the readers follow: an
 * App Runner VPC ingress connection names its service so).
 */
function reference(a: TfAttribute, addresses: ReadonlySet<string>): Node | undefined {
  const m = a.source !== undefined ? /^([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)\.([A-Za-z_]\w*)$/.exec(a.source) : undefined;
  if (!m || !addresses.has(m[1])) return undefined;
  const v = a.value();
  const range = v.range ?? [a.key.startIndex, a.key.endIndex, a.key.endIndex];
  const at = (x: string): Scalar => {
    const sc = new Scalar(x);
    sc.range = range;
    return sc;
  };
  const args = new YAMLSeq();
  args.range = range;
  args.items.push(at(m[1]), at(m[2]));
  const map = new YAMLMap();
  map.range = range;
  map.items.push(new Pair(at('Fn::GetAtt'), args));
  return map;
}

/** The body's attributes and nested blocks under their CloudFormation names. */
function convert(body: TfBody, shape: Shape, text: string, into: YAMLMap, addresses: ReadonlySet<string>): void {
  for (const [name, s] of Object.entries(shape)) {
    if (typeof s === 'string' || 'entries' in s || 'wrapList' in s) {
      const a = body.attr(name);
      if (!a) continue;
      const id = a.key;
      if (typeof s === 'string') {
        into.items.push(new Pair(keyAt(s, id), reference(a, addresses) ?? a.value()));
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
      convert(b, s.props, text, m, addresses);
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
      into.items.push(new Pair(keyAt(key, id), seq));
    }
  }
}

/**
 * The resources that have a CloudFormation twin, as CloudFormation
 * resources (logical id `type.name`). An `aws_ecr_repository_policy` whose
 * `repository` names a repository of the file becomes its `RepositoryPolicyText`.
 */
export function cfnResources(resources: TfResource[], text: string): CfnResource[] {
  const out: CfnResource[] = [];
  const byAddress = new Map<string, CfnResource>();
  const addressOf = (r: TfResource): string => r.address ?? `${r.type}.${r.name}`;
  const addresses = new Set(resources.filter((r) => CFN_SHAPES[r.type]).map(addressOf));
  for (const r of resources) {
    const shape = CFN_SHAPES[r.type];
    if (!shape) continue;
    const props = mapAt(r.body.at);
    convert(r.body, shape.props, text, props, addresses);
    const node = mapAt(r.body.at);
    const typeNode = new Scalar(shape.type);
    typeNode.range = [r.typeAt.startIndex, r.typeAt.endIndex, r.typeAt.endIndex];
    node.items.push(new Pair(keyAt('Type', r.body.at), typeNode), new Pair(keyAt('Properties', r.body.at), props));
    const logicalId = addressOf(r);
    const k = new Scalar(logicalId);
    k.range = [r.nameAt.startIndex, r.nameAt.endIndex, r.nameAt.endIndex];
    const res: CfnResource = { logicalId, type: shape.type, pair: new Pair(k, node), node, props, anchor: { start: r.nameAt.startIndex, end: r.nameAt.endIndex } };
    out.push(res);
    byAddress.set(logicalId, res);
  }
  // repository policies are resources of their own in Terraform
  for (const r of resources) {
    if (r.type !== 'aws_ecr_repository_policy') continue;
    const repo = r.body.attr('repository');
    const policy = r.body.attr('policy');
    const ref = repo?.source !== undefined ? /^aws_ecr_repository\.([\w-]+)\.(name|id|repository_url)$/.exec(repo.source) : undefined;
    const target = ref ? byAddress.get(`aws_ecr_repository.${ref[1]}`) : undefined;
    if (!target || !policy) continue;
    target.props!.items.push(new Pair(keyAt('RepositoryPolicyText', policy.key), policy.value()));
  }
  return out;
}
