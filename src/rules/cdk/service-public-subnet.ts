import type * as TS from 'typescript';
import { cdkRule, fix, label } from './_util';

export default cdkRule(
  {
    slug: 'service-public-subnet',
    title: 'ECS tasks are placed in public subnets',
    severity: 'warning',
    description:
      'Tasks in public subnets sit one security-group rule away from the internet, and on Fargate they need a public IP to pull images at all. ' +
      'AWS guidance is to place tasks in private subnets (with NAT or VPC endpoints for egress) and to expose them only through a load balancer.',
    remediation: 'Select `ec2.SubnetType.PRIVATE_WITH_EGRESS` (or PRIVATE_ISOLATED with VPC endpoints) in `vpcSubnets` / `taskSubnets`.',
    equivalents: [],
    fix: 'unsafe',
  },
  (m, ctx) => {
    const file = m.file;
    const ts = file.ts;
    for (const n of m.news) {
      const key = n.q === 'ecs.FargateService' || n.q === 'ecs.Ec2Service' ? 'vpcSubnets' : n.q.startsWith('ecs_patterns.') ? 'taskSubnets' : undefined;
      if (!key) continue;
      const sel = file.object(n.props?.get(key)?.value);
      if (!sel) continue;
      const st = sel.properties.find((x): x is TS.PropertyAssignment => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === 'subnetType');
      if (!st || file.resolve(st.initializer) !== 'ec2.SubnetType.PUBLIC') continue;
      const v = file.deref(st.initializer);
      const edits = ts.isPropertyAccessExpression(v) && v === st.initializer ? [{ start: v.name.getStart(file.sf), end: v.name.getEnd(), newText: 'PRIVATE_WITH_EGRESS' }] : undefined;
      ctx.report({ span: file.span(st.initializer), message: `${label(n)} places its tasks in public subnets.`, fixes: fix('Use private subnets with egress', 'unsafe', edits) });
    }
  },
);
