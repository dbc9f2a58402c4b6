import { k8sRule } from './_rule';
import { coreGrants, roleLabel } from './_rbac';

const READ = new Set(['get', 'list', 'watch', '*']);
const SECRETS = new Set(['secrets']);

export default k8sRule(
  {
    slug: 'rbac-secrets-access',
    title: 'Role can read Secrets',
    severity: 'warning',
    description:
      'Reading Secrets (get, list or watch) gives the subject every password, token and key stored in them, including service account tokens of more privileged workloads; ' +
      '`list` alone returns their contents.',
    remediation: 'Grant access to named Secrets only (`resourceNames`), or mount the Secret into the pod instead of reading it through the API.',
    equivalents: ['access-to-secrets'],
  },
  (m, report) => {
    for (const g of coreGrants(m, SECRETS, READ)) report({ span: g.resource.span, message: `${roleLabel(g.rule.role)} can ${g.verbs.join('/')} Secrets.` });
  },
);
