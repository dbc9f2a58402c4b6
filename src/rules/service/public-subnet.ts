import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'public-subnet',
  title: 'ECS tasks are placed in public subnets',
  severity: 'warning',
  description:
    'Tasks in public subnets sit one security-group rule away from the internet, and on Fargate they need a public IP to pull images at all. ' +
    'AWS guidance is to place tasks in private subnets (with NAT or VPC endpoints for egress) and to expose them only through a load balancer.',
  remediation: 'Place the tasks in private subnets (with NAT or VPC endpoints for egress).',
  fix: 'unsafe',
  reads: ['services.publicSubnets'],
  equivalents: { cdk: [] },
  per: { cdk: { remediation: 'Select `ec2.SubnetType.PRIVATE_WITH_EGRESS` (or PRIVATE_ISOLATED with VPC endpoints) in `vpcSubnets` / `taskSubnets`.' } },
  check({ services }, ctx) {
    for (const s of services) {
      const f = s.publicSubnets;
      if (!f) continue;
      const fix = s.writer.usePrivateSubnets?.();
      ctx.report({ span: f.span, message: `${cap(s.label)} places its tasks in public subnets.`, fixes: fix ? [fix] : [] });
    }
  },
});
