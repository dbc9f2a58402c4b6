import { cdkRule, constructs, fix, label, member, missing, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'ecr-kms-encryption',
    title: 'ECR repository is not encrypted with a KMS key',
    severity: 'info',
    description:
      'By default ECR encrypts images with AES-256 keys that AWS owns: access to the layers cannot be restricted or audited through a key policy, ' +
      'and the key cannot be disabled. Many compliance baselines ask for KMS encryption of container images.',
    remediation: 'Set `encryption: ecr.RepositoryEncryption.KMS` (optionally with your own `encryptionKey`); this replaces the repository, so plan the migration.',
    equivalents: ['CKV_AWS_136'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    for (const n of constructs(m, 'ecr.Repository')) {
      const p = n.props?.get('encryption');
      if (n.props?.get('encryptionKey')) continue;
      const edits = () => {
        const imp = m.editor.imports();
        const e = setConstructProp(m, n, p, 'encryption', `${imp.ref('ecr', 'RepositoryEncryption')}.KMS`);
        return e ? [...e, ...imp.edits] : undefined;
      };
      const title = 'Encrypt with KMS (replaces the repository)';
      if (p) {
        if (member(m, p.value, 'ecr.RepositoryEncryption') !== 'AES_256') continue;
        ctx.report({ span: m.file.span(p.value), message: `${label(n)} is encrypted with AES-256, not a KMS key.`, fixes: fix(title, 'unsafe', edits()) });
      } else if (missing(n, 'encryption') && missing(n, 'encryptionKey')) {
        ctx.report({ span: n.anchor, message: `${label(n)} is not encrypted with a KMS key (encryption is not set: AES-256 with an AWS-owned key).`, fixes: fix(title, 'unsafe', edits()) });
      }
    }
  },
);
