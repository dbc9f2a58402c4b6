import { cap, repositoryRules } from './_template';

export default repositoryRules({
  slug: 'kms-encryption',
  title: 'ECR repository is not encrypted with a KMS key',
  severity: 'info',
  description:
    'By default ECR encrypts images with AES-256 keys that AWS owns: access to the layers cannot be restricted or audited through a key policy, ' +
    'and the key cannot be disabled. Many compliance baselines ask for KMS encryption of container images.',
  remediation: 'Encrypt the repository with KMS (`EncryptionConfiguration: { EncryptionType: KMS }`, optionally with your own `KmsKey`); this replaces the repository, so plan the migration.',
  fix: 'unsafe',
  equivalents: { ecr: ['CKV_AWS_136'], cdk: ['CKV_AWS_136'] },
  per: {
    cdk: { remediation: 'Set `encryption: ecr.RepositoryEncryption.KMS` (optionally with your own `encryptionKey`); this replaces the repository, so plan the migration.' },
  },
  check(r, report) {
    if (r.kmsKey) return;
    const e = r.encryption;
    if (e === 'unknown') return;
    const fix = r.writer.encryptWithKms();
    if (e === 'missing') {
      const key = r.format === 'cdk' ? 'encryption' : 'EncryptionConfiguration';
      report({ span: r.anchor, message: `${cap(r.label)} is not encrypted with a KMS key (${key} is not set: AES-256 with an AWS-owned key).`, fixes: fix ? [fix] : [] });
    } else if (e.known && /^AES[-_]?256$/i.test(e.value!)) {
      report({ span: e.span, message: `${cap(r.label)} is encrypted with AES-256, not a KMS key.`, fixes: fix ? [fix] : [] });
    }
  },
});
