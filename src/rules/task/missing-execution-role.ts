import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'missing-execution-role',
  title: 'Task definition needs an execution role it does not have',
  severity: 'warning',
  description:
    'The execution role (`executionRoleArn`) is what the ECS agent uses to fetch `secrets` from Secrets Manager or SSM, ' +
    'to send `awslogs` output to CloudWatch Logs and to pull from a private registry (and from ECR on Fargate). Without it the task fails ' +
    'to start — and the usual "fix" is to put the secret back in plaintext or to widen the instance role that every task shares.',
  remediation:
    'Set `executionRoleArn` to a role trusted by `ecs-tasks.amazonaws.com` with the `AmazonECSTaskExecutionRolePolicy` managed policy (plus read access to the secrets it must fetch).',
  equivalents: { ecs: [] },
  fix: 'manual',
  reads: ['tasks.executionRoleNeeds'],
  check({ tasks }, ctx) {
    for (const t of tasks) {
      if (t.executionRole !== 'missing' || !t.executionRoleNeeds) continue;
      const fix = t.writer.addExecutionRole?.();
      ctx.report({
        span: t.executionRoleNeeds.span,
        message: `${cap(t.label)} has no executionRoleArn, but ${t.executionRoleNeeds.why}: the task will fail to start.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
