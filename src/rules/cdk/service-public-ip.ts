import { cdkRule, fix, label, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'service-public-ip',
    title: 'ECS service gives its tasks public IP addresses',
    severity: 'warning',
    description:
      'With `assignPublicIp: true` every task gets an address reachable from the internet, guarded only by its security group; AWS guidance is to run tasks ' +
      'in private subnets and reach them through a load balancer, with egress through NAT or VPC endpoints.',
    remediation: 'Remove `assignPublicIp: true`, run the tasks in private subnets and expose them through a load balancer.',
    equivalents: ['CKV_AWS_333'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    for (const n of m.news) {
      if (!(n.q === 'ecs.FargateService' || n.q === 'ecs.Ec2Service' || n.q.startsWith('ecs_patterns.'))) continue;
      const p = n.props?.get('assignPublicIp');
      if (!p || m.file.bool(p.value) !== true) continue;
      ctx.report({
        span: m.file.span(p.value),
        message: `${label(n)} assigns public IP addresses to its tasks.`,
        fixes: fix('Set assignPublicIp to false', 'unsafe', setConstructProp(m, n, p, 'assignPublicIp', 'false')),
      });
    }
  },
);
