import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'exec-enabled',
  title: 'ECS Exec is enabled on the service',
  severity: 'info',
  description:
    'With ECS Exec (`enableExecuteCommand`) anyone allowed `ecs:ExecuteCommand` gets an interactive shell in the service\'s running tasks, with the ' +
    'task role\'s credentials. That is often wanted for debugging, so it is information, not a warning: check who holds the permission, and that the ' +
    'cluster logs exec sessions (`executeCommandConfiguration` logging to CloudWatch or S3, with a KMS key).',
  remediation: 'Turn ECS Exec off where nobody needs a shell in production, or keep it with a narrow `ecs:ExecuteCommand` grant and session logging on the cluster.',
  fix: 'unsafe',
  reads: ['services'],
  equivalents: { ecs: [] },
  check({ services }, ctx) {
    for (const s of services) {
      const e = s.enableExecuteCommand;
      if (typeof e !== 'object' || !e.known || e.value !== true) continue;
      const fix = s.writer.disableExecuteCommand?.();
      ctx.report({ span: e.span, message: `${cap(s.label)} has ECS Exec enabled: whoever may call ecs:ExecuteCommand gets a shell in its tasks.`, fixes: fix ? [fix] : [] });
    }
  },
});
