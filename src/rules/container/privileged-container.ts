import { defineRule } from '../rule';

export default defineRule({
  slug: 'privileged-container',
  title: 'Container runs privileged',
  severity: 'error',
  description:
    'A privileged container has every Linux capability and access to all host devices: a process that escapes it owns the node, ' +
    'and on EKS or ECS on EC2 that includes the instance role\'s credentials. Privileged mode is almost never needed by application containers.',
  remediation: 'Remove `privileged: true` (or set it to false) and grant only the specific capabilities or devices the workload needs.',
  fix: 'safe',
  per: { tf: { remediation: 'Remove `privileged = true` from the container in `container_definitions` (or set it to false) and grant only the specific capabilities or devices the workload needs.' } },
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_16', 'KSV017', 'privileged-container'],
    ecs: ['CKV_AWS_334', 'CKV_AWS_210', 'ECS.4'],
    cdk: ['CKV_AWS_334'],
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      const p = c.privileged;
      if (!p?.known || p.value !== true) continue;
      const edits = c.writer.setFlag('privileged', false);
      report({
        span: p.span,
        message: `Container ${c.name ? `"${c.name}" ` : ''}runs privileged: it has full access to the host (every capability and device, and privilege escalation; capability settings do not apply).`,
        fixes: edits ? [{ title: 'Set privileged to false', safety: 'safe', edits }] : [],
      });
    }
  },
});
