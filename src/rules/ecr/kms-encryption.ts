import { defineRule } from '../rule';
import { cap } from './_util';

export default defineRule({
  slug: 'kms-encryption',
  title: 'ECR repository is not encrypted with a KMS key',
  severity: 'info',
  strict: 'Images are encrypted at rest with AES-256 by default; a customer-managed key adds key control and audit, not protection against exposure.',
  description:
    'By default ECR encrypts images with AES-256 keys that AWS owns: access to the layers cannot be restricted or audited through a key policy, ' +
    'and the key cannot be disabled. Many compliance baselines ask for KMS encryption of container images.',
  remediation: 'Encrypt the repository with KMS (`EncryptionConfiguration: { EncryptionType: KMS }`, optionally with your own `KmsKey`); this replaces the repository, so plan the migration.',
  fix: 'unsafe',
  reads: ['repositories', 'registries'],
  equivalents: { ecr: ['CKV_AWS_136'], cdk: ['CKV_AWS_136'] },
  per: {
    tf: { remediation: 'Add `encryption_configuration { encryption_type = "KMS" }` (optionally with your own `kms_key`); this replaces the repository, so plan the migration.' },
    cdk: { remediation: 'Set `encryption: ecr.RepositoryEncryption.KMS` (optionally with your own `encryptionKey`); this replaces the repository, so plan the migration.' },
  },
  check({ repositories, registries }, { report }) {
    for (const r of repositories) {
      if (r.kmsKey) continue;
      const e = r.encryption;
      if (e === 'unknown') continue;
      const fix = r.writer.encryptWithKms();
      if (e === 'missing') {
        const key = r.format === 'cdk' ? 'encryption' : 'EncryptionConfiguration';
        report({ span: r.anchor, message: `${cap(r.label)} is not encrypted with a KMS key (${key} is not set: AES-256 with an AWS-owned key).`, fixes: fix ? [fix] : [] });
      } else if (e.known && /^AES[-_]?256$/i.test(e.value!)) {
        report({ span: e.span, message: `${cap(r.label)} is encrypted with AES-256, not a KMS key.`, fixes: fix ? [fix] : [] });
      }
    }
    for (const g of registries) {
      const e = g.template?.encryption;
      if (!e || e === 'unknown') continue;
      if (e === 'missing') {
        report({ span: g.anchor, message: `${cap(g.label)} does not encrypt the repositories it creates with a KMS key (EncryptionConfiguration is not set: AES-256 with an AWS-owned key).` });
      } else if (e.known && /^AES[-_]?256$/i.test(e.value!)) {
        report({ span: e.span, message: `${cap(g.label)} encrypts the repositories it creates with AES-256, not a KMS key.` });
      }
    }
  },
});
