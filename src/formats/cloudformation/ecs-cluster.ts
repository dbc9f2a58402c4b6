/**
 * `AWS::ECS::Cluster` → ecsClusters (target `ecs`): Container Insights from
 * `ClusterSettings`, ECS Exec logging and encryption from
 * `Configuration.ExecuteCommandConfiguration`.
 */
import type { EcsClusterSpec, ExecLogDestination } from '../../model/cluster';
import type { Setting } from '../../model/setting';
import { asMap, getPairCI, isIntrinsic, nodeSpan, readString, Node, YAMLMap } from '../yaml/doc';
import { boolField, knownString, mapsAt, nodeAt, pairAt, propSetting, propsState, setAt, setProp, strField, val } from './props';
import type { CfnReadContext, CfnReader, CfnResource } from './resource';

/** The settings entry the Container Insights fix writes, as its title names it (Terraform words it as a `setting` block). */
export const CONTAINER_INSIGHTS_ENTRY = 'ClusterSettings containerInsights: enabled';

function readCluster(r: CfnResource, cx: CfnReadContext): EcsClusterSpec {
  const props = r.props;
  const opaque = propsState(r) === 'unknown';
  // ClusterSettings: [{ Name: containerInsights, Value: enabled | enhanced | disabled }]
  let containerInsights: Setting<string> = 'missing';
  const settings = opaque ? { maps: [], unknown: true } : mapsAt(props, ['ClusterSettings']);
  let entry: YAMLMap | undefined;
  for (const m of settings.maps) {
    const name = readString(val(m, 'Name'));
    if (!name) continue;
    if (!name.known) {
      if (containerInsights === 'missing') containerInsights = 'unknown';
      continue;
    }
    if (name.value !== 'containerInsights') continue;
    entry = m;
    containerInsights = strField(getPairCI(m, 'Value')) ?? 'missing';
  }
  if (settings.unknown && containerInsights === 'missing') containerInsights = 'unknown';

  const exec = ['Configuration', 'ExecuteCommandConfiguration'];
  const execPair = props ? pairAt(props, exec) : undefined;
  const name = props ? knownString(val(props, 'ClusterName')) : undefined;
  const execLogDestinations = logDestinations(r, [...exec, 'LogConfiguration']);
  return {
    target: 'ecs',
    format: 'cfn',
    label: `ECS cluster ${name?.trim() || r.logicalId}`,
    span: nodeSpan(r.node),
    anchor: r.anchor,
    containerInsights,
    execLogging: propSetting(r, [...exec, 'Logging'], strField),
    execKmsKey: propSetting(r, [...exec, 'KmsKeyId'], strField),
    execConfig: execPair ? nodeSpan(execPair.key as Node) : undefined,
    execLogDestinations,
    writer: {
      encryptExecLogs: (d) => {
        const edit = setProp(cx, r, [...exec, 'LogConfiguration', d.flagName], true);
        return edit && { title: `Encrypt the ECS Exec logs (${d.flagName}: true)`, safety: 'unsafe', edits: [edit] };
      },
      enableContainerInsights: () => {
        if (containerInsights === 'unknown' || (typeof containerInsights === 'object' && !containerInsights.known)) return undefined;
        let edit;
        if (entry) edit = setAt(cx, entry, ['Value'], 'enabled');
        else if (settings.seq && settings.seq.items.length) edit = cx.editor.appendItems(settings.seq, [{ Name: 'containerInsights', Value: 'enabled' }]);
        else edit = setProp(cx, r, ['ClusterSettings'], [{ Name: 'containerInsights', Value: 'enabled' }]);
        return edit && { title: `Enable Container Insights (${CONTAINER_INSIGHTS_ENTRY})`, safety: 'safe', edits: [edit] };
      },
    },
  };
}

/** The destinations `LogConfiguration` names, each with its encryption flag. */
function logDestinations(r: CfnResource, path: string[]): ExecLogDestination[] | 'unknown' {
  if (propsState(r) === 'unknown') return 'unknown';
  const n = propsState(r) === 'map' ? nodeAt(r.props, path) : undefined;
  if (n === 'unknown') return 'unknown';
  if (!n) return [];
  const m = asMap(n);
  if (!m || isIntrinsic(m)) return 'unknown';
  const out: ExecLogDestination[] = [];
  for (const [kind, nameKey, flagName] of [
    ['CloudWatch', 'CloudWatchLogGroupName', 'CloudWatchEncryptionEnabled'],
    ['S3', 'S3BucketName', 'S3EncryptionEnabled'],
  ] as const) {
    const p = getPairCI(m, nameKey);
    if (!p) continue;
    const flag = getPairCI(m, flagName);
    out.push({ kind, span: nodeSpan(p.key as Node), encrypted: flag ? (boolField(flag) ?? 'unknown') : 'missing', flagName });
  }
  return out;
}

export const ecsClusterReader: CfnReader = {
  types: ['AWS::ECS::Cluster'],
  read(r, cx) {
    cx.views.ecsClusters.push(readCluster(r, cx));
  },
};
