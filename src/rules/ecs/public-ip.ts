import type { Rule } from '../../core';
import type { FormatModel } from '../../formats/parse';
import { cap, ecsModel } from './_util';
import { getPairCI, Node } from '../../formats/yaml/doc';

const rule: Rule<FormatModel> = {
  meta: {
    id: 'ecs/public-ip',
    title: 'Service assigns public IP addresses to its tasks',
    severity: 'warning',
    target: 'ecs',
    description:
      'With `assignPublicIp: ENABLED` every task gets an internet-routable address: whatever a container listens on, and whatever its security group ' +
      'lets through, is exposed to the internet. AWS guidance is to run tasks in private subnets, reaching out through a NAT gateway or VPC endpoints and ' +
      'receiving traffic through a load balancer.',
    remediation: 'Set `assignPublicIp: DISABLED` and run the service in private subnets with a NAT gateway or VPC endpoints for outbound traffic.',
    equivalents: ['CKV_AWS_333', 'ECS.2'],
    fix: 'unsafe',
  },
  check(m, ctx) {
    const model = ecsModel(m);
    if (!model) return;
    for (const s of model.services) {
      const ip = s.assignPublicIp;
      if (!ip?.known || ip.value!.toUpperCase() !== 'ENABLED') continue;
      const node = findValueNode(s.node, ip.span.start);
      ctx.report({
        span: ip.span,
        message: `${cap(s.label)} assigns public IP addresses to its tasks: they are reachable from the internet.`,
        fixes: node
          ? [{ title: 'Set assignPublicIp to DISABLED (tasks then need a NAT gateway or VPC endpoints to reach out)', safety: 'unsafe', edits: [model.editor.setValue(node, 'DISABLED')] }]
          : [],
      });
    }
  },
};

function findValueNode(svc: Parameters<typeof getPairCI>[0], start: number): Node | undefined {
  const nc = getPairCI(svc, 'networkConfiguration')?.value;
  const avpc = getPairCI(nc, 'awsvpcConfiguration')?.value;
  const v = getPairCI(avpc, 'assignPublicIp')?.value as Node | undefined;
  return v?.range?.[0] === start ? v : undefined;
}

export default rule;
