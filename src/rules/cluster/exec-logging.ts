import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'exec-logging',
  title: 'ECS Exec sessions on the cluster are not logged',
  severity: 'warning',
  description:
    'With `executeCommandConfiguration.logging: NONE`, the commands people run through ECS Exec in the cluster\'s tasks leave no record: a shell in ' +
    'production with nothing to audit afterwards. The default (DEFAULT) sends the session output to the task\'s awslogs group; OVERRIDE to a log group or bucket you name.',
  remediation: 'Set the cluster\'s ECS Exec logging to DEFAULT or OVERRIDE (with a CloudWatch log group or S3 bucket, encrypted with a KMS key).',
  per: { tf: { remediation: 'Set `logging` in the cluster\'s `configuration { execute_command_configuration { … } }` to DEFAULT or OVERRIDE (with a CloudWatch log group or S3 bucket, encrypted with a KMS key).' } },
  reads: ['ecsClusters'],
  equivalents: { ecs: ['CKV_AWS_223'], cdk: ['CKV_AWS_223'] },
  ids: { ecs: 'ecs/cluster-exec-logging' },
  check({ ecsClusters }, ctx) {
    for (const c of ecsClusters) {
      const l = c.execLogging;
      if (typeof l !== 'object' || !l.known || l.value!.toUpperCase() !== 'NONE') continue;
      ctx.report({ span: l.span, message: `${cap(c.label)} does not log ECS Exec sessions (logging NONE): commands run in its tasks leave no record.` });
    }
  },
});
