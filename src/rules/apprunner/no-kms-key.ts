import { cap, keyFor, serviceRules } from './_template';

export default serviceRules({
  slug: 'no-kms-key',
  title: 'App Runner service is encrypted with an AWS-owned key',
  severity: 'info',
  description:
    'Without `EncryptionConfiguration` App Runner encrypts the stored copy of the source (the image or the source bundle) and the service logs with a key AWS owns: ' +
    'its use cannot be restricted, audited or revoked through a key policy. Where policy asks for customer-managed keys, name one.',
  remediation: 'Set `EncryptionConfiguration.KmsKey` to a customer-managed KMS key ARN (this replaces the service, so plan the change).',
  fix: 'manual',
  equivalents: { apprunner: [], cdk: [] },
  per: { cdk: { remediation: 'Pass `kmsKey` (alpha `Service`) or `encryptionConfiguration: { kmsKey }` (`CfnService`) with a customer-managed key; this replaces the service.' } },
  check(s, report) {
    if (s.kmsKey !== 'missing') return;
    const fix = s.writer.addEncryption?.();
    report({ span: s.anchor, message: `${cap(s.label)} has no ${keyFor(s, 'EncryptionConfiguration', 'encryptionConfiguration', 'kmsKey')}: it is encrypted with an AWS-owned key.`, fixes: fix ? [fix] : [] });
  },
});
