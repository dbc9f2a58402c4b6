/**
 * Terraform resources that have a CloudFormation twin, rewritten into that
 * twin's `Properties` shape (nodes ranged in the .tf text) so the
 * CloudFormation readers of formats/cloudformation read them: ECS clusters,
 * ECR repositories (with their `aws_ecr_repository_policy`), registry scanning
 * configurations and repository creation templates, EKS clusters and node
 * groups. A shape names, for each HCL attribute or nested block, the
 * CloudFormation property it becomes; what it does not name is not read.
 */
import type { Node as TsNode } from 'web-tree-sitter';
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { CfnResource } from '../cloudformation/resource';
import type { Node } from '../yaml/doc';
import { child, children, HclScope, keyAt, mapAt, TfBlock, toValue, unknownAt } from './hcl';

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
function reference(ex: TsNode, scope: HclScope, addresses: ReadonlySet<string>): Node | undefined {
  const m = /^([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)\.([A-Za-z_]\w*)$/.exec(scope.text.slice(ex.startIndex, ex.endIndex).trim());
  if (!m || !addresses.has(m[1])) return undefined;
  const at = (v: string): Scalar => {
    const sc = new Scalar(v);
    sc.range = [ex.startIndex, ex.endIndex, ex.endIndex];
    return sc;
  };
  const args = new YAMLSeq();
  args.range = [ex.startIndex, ex.endIndex, ex.endIndex];
  args.items.push(at(m[1]), at(m[2]));
  const map = new YAMLMap();
  map.range = [ex.startIndex, ex.endIndex, ex.endIndex];
  map.items.push(new Pair(at('Fn::GetAtt'), args));
  return map;
}

/** The body's attributes and nested blocks under their CloudFormation names. */
function convert(body: TsNode | undefined, shape: Shape, scope: HclScope, blockOf: (n: TsNode) => TfBlock, into: YAMLMap, addresses: ReadonlySet<string>): void {
  const text = scope.text;
  for (const a of children(body, 'attribute')) {
    const id = child(a, 'identifier');
    const ex = child(a, 'expression');
    if (!id || !ex) continue;
    const s = shape[text.slice(id.startIndex, id.endIndex)];
    if (typeof s === 'string') into.items.push(new Pair(keyAt(s, id), reference(ex, scope, addresses) ?? toValue(ex, scope)));
    else if (s && 'entries' in s) {
      // { KEY = "v" } → [{ Name: KEY, Value: "v" }]; anything but an object literal stays unknown
      const v = toValue(ex, scope);
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
    } else if (s && 'wrapList' in s) {
      // enabled_cluster_log_types = ["api", "audit"] → Logging.ClusterLogging.EnabledTypes: [{ Type: "api" } …]
      const v = toValue(ex, scope);
      let inner: Node;
      if (v instanceof YAMLSeq) {
        const seq = new YAMLSeq();
        seq.range = v.range;
        for (const it of v.items) {
          const m = new YAMLMap();
          m.range = (it as Node).range;
          m.items.push(new Pair(keyAt(s.itemKey, ex), it));
          seq.items.push(m);
        }
        inner = seq;
      } else inner = v;
      let cur = into;
      s.wrapList.forEach((k, i) => {
        if (i === s.wrapList.length - 1) cur.items.push(new Pair(keyAt(k, id), inner));
        else {
          const m = mapAt(a);
          cur.items.push(new Pair(keyAt(k, id), m));
          cur = m;
        }
      });
    }
  }
  const byType = new Map<string, TsNode[]>();
  for (const b of children(body, 'block')) {
    const bb = blockOf(b);
    const t = bb.type === 'dynamic' ? (bb.labels[0]?.value ?? '') : bb.type;
    byType.set(t, [...(byType.get(t) ?? []), b]);
  }
  for (const [t, nodes] of byType) {
    const s = shape[t];
    if (!s || typeof s === 'string' || 'wrapList' in s || 'entries' in s) continue;
    const id = child(nodes[0], 'identifier')!;
    // a `dynamic` block: what it generates is unknown
    if (nodes.some((n) => blockOf(n).type === 'dynamic')) {
      into.items.push(new Pair(keyAt('block' in s ? s.block : s.list, id), unknownAt(text, nodes[0].startIndex, nodes[nodes.length - 1].endIndex)));
      continue;
    }
    const maps = nodes.map((n) => {
      const m = mapAt(n);
      convert(blockOf(n).body, s.props, scope, blockOf, m, addresses);
      return m;
    });
    if ('block' in s) into.items.push(new Pair(keyAt(s.block, id), maps[0]));
    else {
      const seq = new YAMLSeq();
      seq.range = [nodes[0].startIndex, nodes[nodes.length - 1].endIndex, nodes[nodes.length - 1].endIndex];
      seq.items.push(...maps);
      into.items.push(new Pair(keyAt(s.list, id), seq));
    }
  }
}

/**
 * The file's resources that have a CloudFormation twin, as CloudFormation
 * resources (logical id `type.name`). An `aws_ecr_repository_policy` whose
 * `repository` names a repository of the file becomes its `RepositoryPolicyText`.
 */
export function cfnResources(blocks: TfBlock[], scope: HclScope, blockOf: (n: TsNode) => TfBlock): CfnResource[] {
  const text = scope.text;
  const out: CfnResource[] = [];
  const byAddress = new Map<string, CfnResource>();
  const addresses = new Set(blocks.filter((b) => b.type === 'resource' && b.labels.length >= 2 && CFN_SHAPES[b.labels[0].value]).map((b) => `${b.labels[0].value}.${b.labels[1].value}`));
  for (const b of blocks) {
    if (b.type !== 'resource' || b.labels.length < 2) continue;
    const [type, name] = b.labels;
    const shape = CFN_SHAPES[type.value];
    if (!shape) continue;
    const props = mapAt(b.node);
    convert(b.body, shape.props, scope, blockOf, props, addresses);
    const node = mapAt(b.node);
    const typeNode = new Scalar(shape.type);
    typeNode.range = [type.span.start, type.span.end, type.span.end];
    node.items.push(new Pair(keyAt('Type', b.node), typeNode), new Pair(keyAt('Properties', b.node), props));
    const logicalId = `${type.value}.${name.value}`;
    const k = new Scalar(logicalId);
    k.range = [name.span.start, name.span.end, name.span.end];
    const r: CfnResource = { logicalId, type: shape.type, pair: new Pair(k, node), node, props, anchor: name.span };
    out.push(r);
    byAddress.set(logicalId, r);
  }
  // repository policies are resources of their own in Terraform
  for (const b of blocks) {
    if (b.type !== 'resource' || b.labels[0]?.value !== 'aws_ecr_repository_policy') continue;
    const attrs = new Map(children(b.body, 'attribute').map((a) => [text.slice(child(a, 'identifier')!.startIndex, child(a, 'identifier')!.endIndex), a]));
    const repo = attrs.get('repository');
    const policy = attrs.get('policy');
    const ref = repo && /^aws_ecr_repository\.([\w-]+)\.(name|id|repository_url)$/.exec(text.slice(child(repo, 'expression')!.startIndex, child(repo, 'expression')!.endIndex).trim());
    const target = ref ? byAddress.get(`aws_ecr_repository.${ref[1]}`) : undefined;
    if (!target || !policy) continue;
    target.props!.items.push(new Pair(keyAt('RepositoryPolicyText', child(policy, 'identifier')!), toValue(child(policy, 'expression'), scope)));
  }
  return out;
}
