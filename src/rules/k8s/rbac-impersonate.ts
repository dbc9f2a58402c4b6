import { k8sRule } from './_rule';
import { rbacRules, roleLabel } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-impersonate',
    title: 'Role can impersonate other identities',
    severity: 'warning',
    description: 'The `impersonate` verb lets the subject act as other users, groups or service accounts, with all their permissions.',
    remediation: 'Remove the `impersonate` verb (and `*` verbs) from the role; grant it only to cluster administrators.',
    equivalents: [],
  },
  (m, report) => {
    for (const r of rbacRules(m))
      for (const v of r.verbs)
        if (v.value === 'impersonate') report({ span: v.span, message: `${roleLabel(r.role)} grants the impersonate verb.` });
  },
);
