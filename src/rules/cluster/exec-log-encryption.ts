import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'exec-log-encryption',
  title: 'ECS Exec session logs are written without encryption',
  severity: 'info',
  strict:
    'CloudWatch Logs and S3 already encrypt what they store with keys AWS manages; asking ECS Exec to require encryption makes it check a key of your own on the log group or bucket, which is hardening rather than a gap.',
  description:
    'A cluster whose ECS Exec logging is OVERRIDE sends every session\'s commands and output to the CloudWatch log group or S3 bucket its log configuration names. ' +
    'Unless `CloudWatchEncryptionEnabled` / `S3EncryptionEnabled` is true, ECS writes there whether or not the destination is encrypted with your KMS key, so what was typed in a shell (secrets included) can sit in a log readable by anyone with access to it. ' +
    '(With DEFAULT logging the task\'s own awslogs settings apply and this configuration is not used.)',
  remediation:
    'Set `CloudWatchEncryptionEnabled: true` (and `S3EncryptionEnabled: true` for a bucket) in the cluster\'s `ExecuteCommandConfiguration.LogConfiguration`, with the log group or bucket encrypted by a KMS key: ECS Exec refuses to log to an unencrypted one.',
  fix: 'unsafe',
  per: {
    tf: {
      remediation:
        'Set `cloud_watch_encryption_enabled = true` (and `s3_bucket_encryption_enabled = true` for a bucket) in the cluster\'s `execute_command_configuration { log_configuration { … } }`, with the log group or bucket encrypted by a KMS key.',
    },
    cdk: {
      remediation:
        'Set `cloudWatchEncryptionEnabled: true` (and `s3EncryptionEnabled: true` for a bucket) in the cluster\'s `executeCommandConfiguration.logConfiguration`, with the log group or bucket encrypted by a KMS key.',
    },
  },
  reads: ['ecsClusters'],
  equivalents: { ecs: ['CKV_AWS_224'], cdk: ['CKV_AWS_224'] },
  ids: { ecs: 'ecs/cluster-exec-log-encryption' },
  check({ ecsClusters }, ctx) {
    for (const c of ecsClusters) {
      // only OVERRIDE sends the logs where the log configuration says
      const l = c.execLogging;
      if (typeof l !== 'object' || !l.known || l.value!.toUpperCase() !== 'OVERRIDE' || c.execLogDestinations === 'unknown') continue;
      for (const d of c.execLogDestinations) {
        const e = d.encrypted;
        if (e === 'unknown' || (typeof e === 'object' && (!e.known || e.value))) continue;
        const fix = c.writer.encryptExecLogs?.(d);
        const where = d.kind === 'CloudWatch' ? 'a CloudWatch log group' : 'an S3 bucket';
        ctx.report({
          span: e === 'missing' ? d.span : e.span,
          message: `${cap(c.label)} logs ECS Exec sessions to ${where} without requiring encryption (${d.flagName} ${e === 'missing' ? 'is not set' : 'is false'}).`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
