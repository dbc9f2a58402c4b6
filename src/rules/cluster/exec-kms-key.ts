import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'exec-kms-key',
  title: 'ECS Exec sessions are not encrypted with a KMS key of your own',
  severity: 'info',
  strict:
    'The ECS Exec channel is already TLS-encrypted; a KMS key of your own adds control over who can open sessions and decrypt their logs, which is hardening rather than a gap.',
  description:
    'An ECS Exec configuration without a KMS key leaves the session data channel protected by TLS only and its logs under the log group\'s or bucket\'s ' +
    'own encryption: a key of your own lets key policy and CloudTrail govern who can open a session and read what was typed.',
  remediation: 'Set `kmsKeyId` (CDK: `kmsKey`) in the cluster\'s `executeCommandConfiguration` to a customer managed key.',
  per: { tf: { remediation: 'Set `kms_key_id` in the cluster\'s `configuration { execute_command_configuration { … } }` to a customer managed key.' } },
  reads: ['ecsClusters'],
  equivalents: { ecs: ['CKV_AWS_224'], cdk: ['CKV_AWS_224'] },
  ids: { ecs: 'ecs/cluster-exec-kms-key' },
  check({ ecsClusters }, ctx) {
    for (const c of ecsClusters) {
      // only a cluster that configures ECS Exec, without a key (absent, not unseen)
      if (!c.execConfig || c.execKmsKey !== 'missing') continue;
      ctx.report({ span: c.execConfig, message: `${cap(c.label)} configures ECS Exec without a KMS key of its own.` });
    }
  },
});
