import { cdkRule, constructs, fix, label, member, missing, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'cluster-container-insights',
    title: 'ECS cluster has Container Insights disabled',
    severity: 'info',
    description:
      'Container Insights collects per-task CPU, memory, network and restart metrics; without it an unexpected workload (a crypto miner in a compromised task) ' +
      'or a crash loop is hard to see. `ecs.Cluster` leaves it off by default.',
    remediation: 'Set `containerInsightsV2: ecs.ContainerInsights.ENABLED` (or `containerInsights: true` on older aws-cdk-lib).',
    equivalents: ['AwsSolutions-ECS4', 'CKV_AWS_65'],
    fix: 'safe',
  },
  (m, ctx) => {
    const file = m.file;
    for (const n of constructs(m, 'ecs.Cluster')) {
      const v1 = n.props?.get('containerInsights');
      const v2 = n.props?.get('containerInsightsV2');
      if (v2) {
        const mem = member(m, v2.value, 'ecs.ContainerInsights');
        if (mem !== 'DISABLED') continue;
        const imp = m.editor.imports();
        const e = setConstructProp(m, n, v2, 'containerInsightsV2', `${imp.ref('ecs', 'ContainerInsights')}.ENABLED`);
        ctx.report({ span: file.span(v2.value), message: `${label(n)} has Container Insights disabled.`, fixes: fix('Enable Container Insights', 'safe', e ? [...e, ...imp.edits] : undefined) });
        continue;
      }
      if (v1) {
        if (file.bool(v1.value) !== false) continue;
        ctx.report({ span: file.span(v1.value), message: `${label(n)} has Container Insights disabled.`, fixes: fix('Enable Container Insights', 'safe', setConstructProp(m, n, v1, 'containerInsights', 'true')) });
        continue;
      }
      if (!missing(n, 'containerInsights') || !missing(n, 'containerInsightsV2')) continue;
      const imp = m.editor.imports();
      const e = setConstructProp(m, n, undefined, 'containerInsightsV2', `${imp.ref('ecs', 'ContainerInsights')}.ENABLED`);
      ctx.report({ span: n.anchor, message: `${label(n)} does not enable Container Insights.`, fixes: fix('Enable Container Insights', 'safe', e ? [...e, ...imp.edits] : undefined) });
    }
  },
);
