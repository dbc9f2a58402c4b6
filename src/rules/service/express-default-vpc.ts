import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'express-default-vpc',
  title: 'Express service runs in the default VPC',
  severity: 'warning',
  description:
    'An ECS Express Mode service that names no subnets (`NetworkConfiguration.Subnets`) is placed in the default VPC: its subnets are public ' +
    '(routed to an internet gateway, handing out public addresses), and the VPC is shared with everything else launched in the account and Region ' +
    'without a network of its own. Nothing separates the service from those resources, and its tasks sit one security group away from the internet.',
  remediation:
    'Set `NetworkConfiguration` with private subnets (at least two, outbound through a NAT gateway or VPC endpoints) and security groups of your own, ' +
    'so that only the service\'s load balancer reaches the tasks.',
  equivalents: { ecs: [], cdk: [] },
  fix: 'manual',
  reads: ['services.defaultVpc'],
  per: {
    tf: { remediation: 'Add `network_configuration` with private `subnets` (at least two, outbound through a NAT gateway or VPC endpoints) and `security_groups` of your own, so that only the service\'s load balancer reaches the tasks.' },
    cdk: {
      remediation:
        'Set `networkConfiguration: { subnets, securityGroups }` with private subnets (e.g. `vpc.privateSubnets.map((s) => s.subnetId)`) and security groups of your own.',
    },
  },
  check({ services }, ctx) {
    for (const s of services) {
      const d = s.defaultVpc;
      if (!d?.known || d.value !== true) continue;
      const fix = s.writer.useOwnSubnets?.();
      ctx.report({
        span: d.span,
        message: `${cap(s.label)} names no subnets: its tasks run in the default VPC's public subnets, shared with everything else in the account.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
