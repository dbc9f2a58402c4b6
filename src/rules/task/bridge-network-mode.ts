import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'bridge-network-mode',
  title: 'Task definition uses the bridge network mode',
  severity: 'info',
  strict:
    'Bridge mode is the classic EC2 default and often deliberate (dynamic host ports behind a load balancer); awsvpc is the hardening step, not a flaw a reviewer would block on.',
  description:
    'In the `bridge` network mode (the default on EC2 when `networkMode` is not set) the task\'s containers sit on the instance\'s Docker bridge: they share ' +
    'the instance\'s security groups instead of having their own, can reach the other tasks on the instance, and can reach the instance metadata endpoint — ' +
    'and with it the instance role\'s credentials — unless the agent or an iptables rule blocks it. `awsvpc` gives each task its own network interface and security group.',
  remediation: 'Use `networkMode: awsvpc` (required on Fargate; on EC2 set `ECS_AWSVPC_BLOCK_IMDS=true` in the agent configuration as well).',
  per: { tf: { remediation: 'Set `network_mode = "awsvpc"` (required on Fargate; on EC2 set `ECS_AWSVPC_BLOCK_IMDS=true` in the agent configuration as well).' } },
  reads: ['tasks'],
  equivalents: { ecs: [] },
  check({ tasks }, ctx) {
    for (const t of tasks) {
      if (t.kind !== 'task') continue; // Batch jobs and Express services choose their network themselves
      const m = t.networkMode;
      if (m === 'unknown') continue;
      if (m === 'missing') {
        // the default is bridge only where the task runs on EC2 (or external instances); Fargate requires awsvpc
        const lt = t.launchTypes;
        if (lt === 'unknown' || lt.includes('FARGATE')) continue;
        ctx.report({ span: t.anchor, message: `${cap(t.label)} sets no network mode, so on EC2 its tasks use the bridge mode: no security group of their own, and the instance metadata endpoint within reach.` });
        continue;
      }
      if (!m.known || m.value!.toLowerCase() !== 'bridge') continue;
      ctx.report({ span: m.span, message: `${cap(t.label)} uses the bridge network mode: its tasks have no security group of their own and can reach the instance metadata endpoint.` });
    }
  },
});
