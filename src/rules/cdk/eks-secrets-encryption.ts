import { cdkRule, constructs, fix, label, missing, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'eks-secrets-encryption',
    title: 'EKS secrets are not envelope-encrypted with KMS',
    severity: 'warning',
    description:
      'Without a `secretsEncryptionKey`, Kubernetes Secrets are stored in etcd encrypted only at the storage layer: anyone who can read the etcd data (a backup, ' +
      'a control-plane exploit) reads the secrets. Envelope encryption with a KMS key you control adds a key policy and CloudTrail audit to every decrypt.',
    remediation: 'Set `secretsEncryptionKey` to a KMS key with rotation enabled (`new kms.Key(this, "ClusterSecretsKey", { enableKeyRotation: true })`).',
    equivalents: ['CKV_AWS_58'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    for (const n of constructs(m, 'eks.Cluster', 'eks.FargateCluster')) {
      if (!missing(n, 'secretsEncryptionKey')) continue;
      const imp = m.editor.imports();
      const e = setConstructProp(m, n, undefined, 'secretsEncryptionKey', `new ${imp.ref('kms', 'Key')}(this, ${m.editor.str(`${n.id ?? 'Cluster'}SecretsKey`)}, { enableKeyRotation: true })`);
      ctx.report({
        span: n.anchor,
        message: `${label(n)} does not encrypt Kubernetes secrets with a KMS key (secretsEncryptionKey is not set).`,
        fixes: fix('Add a KMS key for secrets encryption', 'unsafe', e ? [...e, ...imp.edits] : undefined),
      });
    }
  },
);
