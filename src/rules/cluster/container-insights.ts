import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'container-insights',
  title: 'ECS cluster has Container Insights disabled',
  severity: 'info',
  strict: 'Container Insights is monitoring: worth having, but observability, not a vulnerability a reviewer acts on by default.',
  description:
    'Container Insights collects per-task CPU, memory, network and restart metrics; without it an unexpected workload (a crypto miner in a compromised task) ' +
    'or a crash loop is hard to see. An ECS cluster leaves it off unless its settings turn it on.',
  remediation: 'Turn Container Insights on in the cluster settings (`containerInsights`: enabled or enhanced).',
  fix: 'safe',
  reads: ['ecsClusters'],
  equivalents: { cdk: ['AwsSolutions-ECS4', 'CKV_AWS_65'], ecs: ['CKV_AWS_65'] },
  // beside the task and container rules of the same target, say what it is about
  ids: { ecs: 'ecs/cluster-container-insights' },
  per: {
    tf: { remediation: 'Add `setting { name = "containerInsights", value = "enabled" }` (or `enhanced`) to the `aws_ecs_cluster`.' },
    cdk: {
      description:
        'Container Insights collects per-task CPU, memory, network and restart metrics; without it an unexpected workload (a crypto miner in a compromised task) ' +
        'or a crash loop is hard to see. `ecs.Cluster` leaves it off by default.',
      remediation: 'Set `containerInsightsV2: ecs.ContainerInsights.ENABLED` (or `containerInsights: true` on older aws-cdk-lib).',
    },
  },
  check({ ecsClusters }, ctx) {
    for (const c of ecsClusters) {
      const ci = c.containerInsights;
      if (ci === 'unknown' || (typeof ci === 'object' && (!ci.known || ci.value!.toLowerCase() !== 'disabled'))) continue;
      const fix = c.writer.enableContainerInsights?.();
      ctx.report({
        span: ci === 'missing' ? c.anchor : ci.span,
        message: ci === 'missing' ? `${cap(c.label)} does not enable Container Insights.` : `${cap(c.label)} has Container Insights disabled.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
