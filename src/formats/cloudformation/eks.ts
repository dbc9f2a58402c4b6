/**
 * `AWS::EKS::Cluster` → eksClusters and `AWS::EKS::Nodegroup` → nodegroups
 * (target `eks`), with writers that set the properties in place.
 */
import type { Fix, TextEdit } from '../../core';
import type { Field } from '../../model/container';
import type { EksClusterSpec, NodegroupSpec } from '../../model/cluster';
import type { Setting } from '../../model/setting';
import { getPairCI, isIntrinsic, isScalar, nodeSpan, Node, YAMLMap } from '../yaml/doc';
import { boolField, knownString, mapsAt, nodeAt, pairAt, propSetting, propsState, refOf, setProp, setPropEntries, strField, stringsAt, val } from './props';
import { placeholdersIn } from './edit';
import type { CfnReadContext, CfnReader, CfnResource } from './resource';

export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
/** documentation range (RFC 5737): the user replaces it with their own */
const PLACEHOLDER_CIDR = '203.0.113.0/24';
const PLACEHOLDER_KMS_KEY = 'arn:aws:kms:<region>:<account>:key/<key-id>';
const PLACEHOLDER_SG = 'sg-<bastion-security-group-id>';
const OPEN_CIDR = /^(0\.0\.0\.0\/0|::\/0)$/;

function readCluster(r: CfnResource, cx: CfnReadContext): EksClusterSpec {
  const props = r.props;
  const opaque = propsState(r) === 'unknown';
  const vpcNode = props ? nodeAt(props, ['ResourcesVpcConfig']) : undefined;
  const vpcUnknown = opaque || vpcNode === 'unknown' || (!!vpcNode && isIntrinsic(vpcNode));
  const publicAccess = propSetting(r, ['ResourcesVpcConfig', 'EndpointPublicAccess'], boolField);
  const privateAccess = propSetting(r, ['ResourcesVpcConfig', 'EndpointPrivateAccess'], boolField);
  const cidrs = opaque ? { list: 'unknown' as const } : stringsAt(props, ['ResourcesVpcConfig', 'PublicAccessCidrs']);

  // EncryptionConfig: [{ Resources: [secrets], Provider: { KeyArn } }]
  let secretsEncryption: Setting<string> = 'missing';
  const enc = opaque ? { maps: [], unknown: true } : mapsAt(props, ['EncryptionConfig']);
  if (enc.unknown) secretsEncryption = 'unknown';
  for (const m of enc.maps) {
    const res = stringsAt(m, ['Resources']);
    if (res.list === 'unknown' || (Array.isArray(res.list) && res.list.some((f) => !f.known))) {
      if (secretsEncryption === 'missing') secretsEncryption = 'unknown';
      continue;
    }
    if (res.list === 'missing' || !res.list.some((f) => f.value === 'secrets')) continue;
    const key = propSettingIn(m, ['Provider', 'KeyArn']);
    if (key !== 'missing') secretsEncryption = key;
    // secrets listed without a key: EKS rejects the cluster, so it never runs
    // unencrypted; the deployment error says what is missing
    else if (secretsEncryption === 'missing') secretsEncryption = 'unknown';
  }

  // Logging: { ClusterLogging: { EnabledTypes: [{ Type: api }, …] } }
  let logTypes: Field<string>[] | 'missing' | 'unknown';
  const typesNode = opaque ? 'unknown' : nodeAt(props, ['Logging', 'ClusterLogging', 'EnabledTypes']);
  const typesPair = props ? pairAt(props, ['Logging', 'ClusterLogging', 'EnabledTypes']) : undefined;
  const types = opaque ? { maps: [], unknown: true } : mapsAt(props, ['Logging', 'ClusterLogging', 'EnabledTypes']);
  if (typesNode === 'unknown' || types.unknown) logTypes = 'unknown';
  else if (!typesPair) logTypes = 'missing';
  else {
    logTypes = [];
    for (const m of types.maps) {
      const t = strField(getPairCI(m, 'Type'));
      if (!t) continue;
      if (!t.known) {
        logTypes = 'unknown';
        break;
      }
      logTypes.push(t);
    }
  }
  const loggingPair = typesPair ?? (props ? pairAt(props, ['Logging', 'ClusterLogging']) ?? pairAt(props, ['Logging']) : undefined);
  const loggingAnchor = loggingPair ? nodeSpan(loggingPair.key as Node) : undefined;

  const authenticationMode = propSetting(r, ['AccessConfig', 'AuthenticationMode'], strField);
  const name = props ? knownString(val(props, 'Name')) : undefined;
  const fix = (title: string, safety: Fix['safety'], edits: TextEdit[] | undefined, needle?: string): Fix | undefined =>
    edits?.length ? { title, safety, edits, ...(needle ? { placeholders: placeholdersIn(edits, [needle]) } : {}) } : undefined;

  return {
    target: 'eks',
    format: 'cfn',
    label: `EKS cluster ${name?.trim() || r.logicalId}`,
    span: nodeSpan(r.node),
    anchor: r.anchor,
    publicAccess,
    privateAccess,
    publicAccessCidrs: cidrs.list,
    secretsEncryption,
    logTypes,
    loggingAnchor,
    authenticationMode,
    writer: {
      makeEndpointPrivate: () => {
        if (vpcUnknown) return undefined;
        return fix('Make the API endpoint private (EndpointPrivateAccess: true, EndpointPublicAccess: false)', 'unsafe',
          setPropEntries(cx, r, ['ResourcesVpcConfig'], { EndpointPrivateAccess: true, EndpointPublicAccess: false }));
      },
      restrictPublicAccess: () => {
        if (vpcUnknown || cidrs.list === 'unknown') return undefined;
        let edits: TextEdit[] | undefined;
        const seq = cidrs.seq;
        if (Array.isArray(cidrs.list) && cidrs.list.length && seq) {
          // the first open CIDR becomes the placeholder, the other open ones go
          const open = seq.items.filter((it) => isScalar(it) && typeof it.value === 'string' && OPEN_CIDR.test(it.value)) as Node[];
          if (!open.length) return undefined;
          edits = [cx.editor.setValue(open[0], PLACEHOLDER_CIDR), ...open.slice(1).map((n) => cx.editor.removeItem(seq, seq.items.indexOf(n), cidrs.pair))];
        } else if (cidrs.list === 'missing' || cidrs.list.length === 0) {
          edits = setPropEntries(cx, r, ['ResourcesVpcConfig'], { PublicAccessCidrs: [PLACEHOLDER_CIDR] });
        }
        return fix('Limit the public endpoint to your CIDR (PublicAccessCidrs)', 'manual', edits, PLACEHOLDER_CIDR);
      },
      enableSecretsEncryption: () => {
        if (secretsEncryption !== 'missing') return undefined;
        const value = { Resources: ['secrets'], Provider: { KeyArn: PLACEHOLDER_KMS_KEY } };
        let edit: TextEdit | undefined;
        if (enc.seq && enc.seq.items.length) edit = cx.editor.appendItems(enc.seq, [value]);
        else edit = setProp(cx, r, ['EncryptionConfig'], [value]);
        return fix('Encrypt secrets with a KMS key (EncryptionConfig)', 'manual', edit && [edit], PLACEHOLDER_KMS_KEY);
      },
      enableAllLogs: () => {
        if (logTypes === 'unknown') return undefined;
        const have = new Set(Array.isArray(logTypes) ? logTypes.map((f) => f.value) : []);
        const missing = EKS_LOG_TYPES.filter((t) => !have.has(t)).map((t) => ({ Type: t }));
        if (!missing.length) return undefined;
        let edit: TextEdit | undefined;
        if (types.seq && types.seq.items.length) edit = cx.editor.appendItems(types.seq, missing);
        else if (props && nodeAt(props, ['Logging']) === 'unknown') edit = undefined;
        else edit = setProp(cx, r, ['Logging', 'ClusterLogging', 'EnabledTypes'], missing);
        return fix('Enable all control-plane log types (Logging.ClusterLogging.EnabledTypes)', 'safe', edit && [edit]);
      },
    },
  };
}

/** A string setting below a map that is not Properties (an EncryptionConfig item). */
function propSettingIn(m: YAMLMap, path: string[]): Setting<string> {
  const n = nodeAt(m, path);
  if (n === 'unknown') return 'unknown';
  const p = pairAt(m, path);
  return strField(p) ?? 'missing';
}

function readNodegroup(r: CfnResource, cx: CfnReadContext): NodegroupSpec {
  const props = r.props;
  const cluster = props ? clusterOf(val(props, 'ClusterName'), cx) : undefined;
  const spec: NodegroupSpec = {
    target: 'eks',
    format: 'cfn',
    label: `managed node group ${r.logicalId}${cluster ? ` of EKS cluster ${cluster}` : ''}`,
    span: nodeSpan(r.node),
    anchor: r.anchor,
  };
  const ra = props ? nodeAt(props, ['RemoteAccess']) : undefined;
  if (!ra || ra === 'unknown' || isIntrinsic(ra)) return spec;
  // only a literal key name is known to turn SSH on (a parameter or a condition may leave it unset)
  const keyPair = pairAt(props, ['RemoteAccess', 'Ec2SshKey']);
  const key = strField(keyPair);
  if (!key?.known || key.value === '') return spec;
  const sources = stringsAt(props, ['RemoteAccess', 'SourceSecurityGroups']);
  spec.remoteAccess = { span: key.keySpan, sourceSecurityGroups: sources.list, vpcOnly: false };
  spec.writer = {
    restrictSsh: () => {
      if (sources.list === 'unknown' || (Array.isArray(sources.list) && sources.list.length)) return undefined;
      const edits = setPropEntries(cx, r, ['RemoteAccess'], { SourceSecurityGroups: [PLACEHOLDER_SG] });
      return edits && { title: 'Allow SSH only from a security group (RemoteAccess.SourceSecurityGroups)', safety: 'manual', edits, placeholders: placeholdersIn(edits, [PLACEHOLDER_SG]) };
    },
  };
  return spec;
}

/** The cluster a node group belongs to, by literal name or by a Ref to a cluster in the template. */
function clusterOf(n: Node | null | undefined, cx: CfnReadContext): string | undefined {
  const lit = isIntrinsic(n) ? undefined : knownString(n);
  if (lit) return lit;
  const ref = refOf(n);
  const target = ref ? cx.byId.get(ref) : undefined;
  if (target?.type !== 'AWS::EKS::Cluster') return undefined;
  return (target.props && knownString(val(target.props, 'Name'))) ?? target.logicalId;
}

export const eksReader: CfnReader = {
  types: ['AWS::EKS::Cluster', 'AWS::EKS::Nodegroup'],
  read(r, cx) {
    if (r.type === 'AWS::EKS::Cluster') cx.views.eksClusters.push(readCluster(r, cx));
    else cx.views.nodegroups.push(readNodegroup(r, cx));
  },
};
