import { k8sRule } from './_rule';
import { onRoles, rbacRules, roleLabel } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-escalate',
    title: 'Role can escalate its own permissions',
    severity: 'warning',
    description: 'The `escalate` verb on roles lets the subject create or edit Roles with permissions it does not have itself, bypassing the RBAC escalation check: it is a path to cluster-admin.',
    remediation: 'Remove the `escalate` verb (and `*` verbs) from the role; grant it only to cluster administrators.',
    equivalents: ['CKV_K8S_158'],
  },
  (m, report) => {
    for (const r of rbacRules(m))
      for (const v of r.verbs) {
        if (v.value === 'escalate') report({ span: v.span, message: `${roleLabel(r.role)} grants the escalate verb.` });
        else if (v.value === '*' && onRoles(r)) report({ span: v.span, message: `${roleLabel(r.role)} grants every verb, escalate included, on roles.` });
      }
  },
);
