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

/** attribute → property name; nested block → map (`block`) or list of maps (`list`); `wrap`: a list of strings as `[{ <key>: s }]` under a path */
type Shape = Record<string, string | { block: string; props: Shape } | { list: string; props: Shape } | { wrapList: string[]; itemKey: string }>;

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
  aws_eks_node_group: {
    type: 'AWS::EKS::Nodegroup',
    props: {
      node_group_name: 'NodegroupName',
      remote_access: { block: 'RemoteAccess', props: { ec2_ssh_key: 'Ec2SshKey', source_security_group_ids: 'SourceSecurityGroups' } },
    },
  },
};


/** The body's attributes and nested blocks under their CloudFormation names. */
function convert(body: TsNode | undefined, shape: Shape, scope: HclScope, blockOf: (n: TsNode) => TfBlock, into: YAMLMap): void {
  const text = scope.text;
  for (const a of children(body, 'attribute')) {
    const id = child(a, 'identifier');
    const ex = child(a, 'expression');
    if (!id || !ex) continue;
    const s = shape[text.slice(id.startIndex, id.endIndex)];
    if (typeof s === 'string') into.items.push(new Pair(keyAt(s, id), toValue(ex, scope)));
    else if (s && 'wrapList' in s) {
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
    if (!s || typeof s === 'string' || 'wrapList' in s) continue;
    const id = child(nodes[0], 'identifier')!;
    // a `dynamic` block: what it generates is unknown
    if (nodes.some((n) => blockOf(n).type === 'dynamic')) {
      into.items.push(new Pair(keyAt('block' in s ? s.block : s.list, id), unknownAt(text, nodes[0].startIndex, nodes[nodes.length - 1].endIndex)));
      continue;
    }
    const maps = nodes.map((n) => {
      const m = mapAt(n);
      convert(blockOf(n).body, s.props, scope, blockOf, m);
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
  for (const b of blocks) {
    if (b.type !== 'resource' || b.labels.length < 2) continue;
    const [type, name] = b.labels;
    const shape = CFN_SHAPES[type.value];
    if (!shape) continue;
    const props = mapAt(b.node);
    convert(b.body, shape.props, scope, blockOf, props);
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
