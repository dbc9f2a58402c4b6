import { k8sRule } from './_rule';
import { rbacRules, roleLabel } from './_rbac';

const READ = new Set(['get', 'list', 'watch', '*']);

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
    for (const r of rbacRules(m)) {
      if (!r.apiGroups.some((g) => g.value === '' || g.value === '*') && r.apiGroups.length) continue;
      const verbs = r.verbs.filter((v) => READ.has(v.value));
      if (!verbs.length) continue;
      for (const res of r.resources)
        if (res.value === 'secrets') report({ span: res.span, message: `${roleLabel(r.role)} can ${verbs.map((v) => v.value).join('/')} Secrets.` });
    }
  },
);
