import { defineRule } from '../rule';
import { cap, keyFor } from './_util';

export default defineRule({
  slug: 'no-kms-key',
  title: 'App Runner service is encrypted with an AWS-owned key',
  severity: 'info',
  strict: 'App Runner encrypts with an AWS-owned key by default; a customer-managed key adds key control and audit.',
  description:
    'Without `EncryptionConfiguration` App Runner encrypts the stored copy of the source (the image or the source bundle) and the service logs with a key AWS owns: ' +
    'its use cannot be restricted, audited or revoked through a key policy. Where policy asks for customer-managed keys, name one.',
  remediation: 'Set `EncryptionConfiguration.KmsKey` to a customer-managed KMS key ARN (this replaces the service, so plan the change).',
  fix: 'manual',
  reads: ['webServices'],
  per: { tf: { remediation: 'Add `encryption_configuration { kms_key = aws_kms_key.x.arn }` with a customer-managed key (this replaces the service, so plan the change).' }, cdk: { fix: undefined, remediation: 'Pass `kmsKey` (alpha `Service`) or `encryptionConfiguration: { kmsKey }` (`CfnService`) with a customer-managed key; this replaces the service.' } },
  check({ webServices }, { report }) {
    for (const s of webServices) {
      if (s.kmsKey !== 'missing') continue;
      const fix = s.writer.addEncryption?.();
      report({ span: s.anchor, message: `${cap(s.label)} has no ${keyFor(s, 'EncryptionConfiguration', 'encryptionConfiguration', 'kmsKey')}: it is encrypted with an AWS-owned key.`, fixes: fix ? [fix] : [] });
    }
  },
});
