/**
 * `AWS::ECS::Cluster` → ecsClusters (target `ecs`): Container Insights from
 * `ClusterSettings`, ECS Exec logging and encryption from
 * `Configuration.ExecuteCommandConfiguration`.
 */
import type { EcsClusterSpec } from '../../model/cluster';
import type { Setting } from '../../model/setting';
import { getPairCI, nodeSpan, readString, Node, YAMLMap } from '../yaml/doc';
import { knownString, mapsAt, pairAt, propSetting, propsState, setAt, setProp, strField, val } from './props';
import type { CfnReadContext, CfnReader, CfnResource } from './resource';

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
    writer: {
      enableContainerInsights: () => {
        if (containerInsights === 'unknown' || (typeof containerInsights === 'object' && !containerInsights.known)) return undefined;
        let edit;
        if (entry) edit = setAt(cx, entry, ['Value'], 'enabled');
        else if (settings.seq && settings.seq.items.length) edit = cx.editor.appendItems(settings.seq, [{ Name: 'containerInsights', Value: 'enabled' }]);
        else edit = setProp(cx, r, ['ClusterSettings'], [{ Name: 'containerInsights', Value: 'enabled' }]);
        return edit && { title: 'Enable Container Insights (ClusterSettings containerInsights: enabled)', safety: 'safe', edits: [edit] };
      },
    },
  };
}

export const ecsClusterReader: CfnReader = {
  types: ['AWS::ECS::Cluster'],
  read(r, cx) {
    cx.views.ecsClusters.push(readCluster(r, cx));
  },
};
