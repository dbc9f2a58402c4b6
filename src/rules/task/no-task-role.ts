import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'no-task-role',
  title: 'Task definition has no task role',
  severity: 'warning',
  description:
    'Without a task role (`taskRoleArn`, or `jobRoleArn` for a Batch job) the containers have no AWS identity of their own, ' +
    'so the code that needs AWS ends up with long-lived access keys in its environment or image, or borrows the EC2 instance role, ' +
    'which every task on the host shares. AWS\'s first recommendation for ECS is an IAM role per task with only the permissions it needs.',
  remediation:
    'Set `taskRoleArn` (Batch: `jobRoleArn`) to a role trusted by `ecs-tasks.amazonaws.com` that grants only what the task needs; start with no policies.',
  equivalents: { ecs: [] },
  fix: 'manual',
  per: {
    tf: { remediation: 'Set `task_role_arn` to a role trusted by `ecs-tasks.amazonaws.com` (`aws_iam_role.x.arn`) that grants only what the task needs; start with no policies.' },
    cdk: {
      fix: 'unsafe',
      remediation:
        'Set `taskRoleArn` on a `CfnTaskDefinition` (`containerProperties.jobRoleArn` on a `CfnJobDefinition`, `jobRole` on a Batch container definition) ' +
        'to a role trusted by `ecs-tasks.amazonaws.com` that grants only what the task needs; start with no policies.',
    },
  },
  reads: ['tasks'],
  aliases: { cdk: ['cdk/cfn-task-definition-no-task-role', 'cdk/batch-no-job-role'] },
  check({ tasks }, ctx) {
    for (const t of tasks) {
      if (t.taskRole !== 'missing') continue; // present (even as an intrinsic), or possibly set unseen
      if (t.containers.length === 0 && !t.containersUnknown) continue;
      const what = `${t.kind === 'job' ? 'job role' : 'task role'} (${t.taskRoleKey})`;
      const fix = t.writer.addTaskRole?.();
      ctx.report({
        span: t.emptyTaskRole ?? t.anchor,
        message: `${cap(t.label)} has no ${what}: its containers get no AWS identity of their own (embedded keys or the shared instance role instead).`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
