import { k8sRule } from './_rule';
import { onRoles, rbacRules, roleLabel } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-bind',
    title: 'Role can bind any role',
    severity: 'warning',
    description: 'The `bind` verb on roles lets the subject create RoleBindings to roles it does not hold itself, such as cluster-admin, bypassing the RBAC escalation check.',
    remediation: 'Remove the `bind` verb (and `*` verbs) from the role; grant it only to cluster administrators.',
    equivalents: ['CKV_K8S_157'],
  },
  (m, report) => {
    for (const r of rbacRules(m))
      for (const v of r.verbs) {
        if (v.value === 'bind') report({ span: v.span, message: `${roleLabel(r.role)} grants the bind verb.` });
        else if (v.value === '*' && onRoles(r)) report({ span: v.span, message: `${roleLabel(r.role)} grants every verb, bind included, on roles.` });
      }
  },
);
