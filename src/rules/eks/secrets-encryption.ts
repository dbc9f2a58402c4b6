import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'secrets-encryption',
  title: 'EKS secrets are not envelope-encrypted with KMS',
  severity: 'warning',
  description:
    'Without envelope encryption of secrets, Kubernetes Secrets are stored in etcd encrypted only at the storage layer: anyone who can read the etcd data (a backup, ' +
    'a control-plane exploit) reads the secrets. Envelope encryption with a KMS key you control adds a key policy and CloudTrail audit to every decrypt.',
  remediation: 'Encrypt the `secrets` resources with a KMS key you control, with rotation enabled.',
  fix: 'unsafe',
  reads: ['eksClusters'],
  equivalents: { cdk: ['CKV_AWS_58'], eks: ['CKV_AWS_58'] },
  per: {
    cdk: {
      description:
        'Without a `secretsEncryptionKey`, Kubernetes Secrets are stored in etcd encrypted only at the storage layer: anyone who can read the etcd data (a backup, ' +
        'a control-plane exploit) reads the secrets. Envelope encryption with a KMS key you control adds a key policy and CloudTrail audit to every decrypt.',
      remediation: 'Set `secretsEncryptionKey` to a KMS key with rotation enabled (`new kms.Key(this, "ClusterSecretsKey", { enableKeyRotation: true })`).',
    },
  },
  check({ eksClusters }, ctx) {
    for (const c of eksClusters) {
      if (c.secretsEncryption !== 'missing') continue; // set (to a key that may not be visible), or possibly set unseen
      const fix = c.writer.enableSecretsEncryption?.();
      ctx.report({
        span: c.anchor,
        message: `${cap(c.label)} does not encrypt Kubernetes secrets with a KMS key (${c.wording?.secretsKey ? `${c.wording.secretsKey} is not set` : 'no EncryptionConfig entry lists secrets'}).`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
