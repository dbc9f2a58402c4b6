import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'public-ip',
  title: 'Service assigns public IP addresses to its tasks',
  severity: 'warning',
  description:
    'With `assignPublicIp: ENABLED` every task gets an internet-routable address: whatever a container listens on, and whatever its security group ' +
    'lets through, is exposed to the internet. AWS guidance is to run tasks in private subnets, reaching out through a NAT gateway or VPC endpoints and ' +
    'receiving traffic through a load balancer.',
  remediation: 'Set `assignPublicIp: DISABLED` and run the service in private subnets with a NAT gateway or VPC endpoints for outbound traffic.',
  equivalents: { ecs: ['CKV_AWS_333', 'ECS.2'], cdk: ['CKV_AWS_333'] },
  per: {
    tf: { remediation: 'Set `assign_public_ip = false` in `network_configuration` and run the service in private subnets with a NAT gateway or VPC endpoints for outbound traffic.' },
    cdk: {
      title: 'ECS service gives its tasks public IP addresses',
      description:
        'With `assignPublicIp: true` every task gets an address reachable from the internet, guarded only by its security group; AWS guidance is to run tasks ' +
        'in private subnets and reach them through a load balancer, with egress through NAT or VPC endpoints.',
      remediation: 'Remove `assignPublicIp: true`, run the tasks in private subnets and expose them through a load balancer.',
    },
  },
  fix: 'unsafe',
  reads: ['services'],
  check({ services }, ctx) {
    for (const s of services) {
      const ip = s.assignPublicIp;
      if (typeof ip !== 'object' || !ip.known || ip.value!.toUpperCase() !== 'ENABLED') continue;
      const fix = s.writer.disablePublicIp?.();
      ctx.report({
        span: ip.span,
        message: `${cap(s.label)} assigns public IP addresses to its tasks: they are reachable from the internet.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
