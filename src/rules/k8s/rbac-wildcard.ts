import { k8sRule } from './_rule';
import { rbacRules, roleLabel } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-wildcard',
    title: 'Role grants wildcard permissions',
    severity: 'warning',
    description:
      'A `*` in a Role\'s verbs, resources or apiGroups grants everything, including permissions that do not exist yet (new resources and CRDs added later). ' +
      'Wildcards make least privilege impossible to review.',
    remediation: 'List the exact apiGroups, resources and verbs the subject needs instead of `*`.',
    equivalents: ['CKV_K8S_49', 'wildcard-in-rules'],
  },
  (m, report) => {
    for (const r of rbacRules(m))
      for (const [what, items] of [['verbs', r.verbs], ['resources', r.resources], ['apiGroups', r.apiGroups]] as const)
        for (const it of items)
          if (it.value === '*') report({ span: it.span, message: `${roleLabel(r.role)} grants a wildcard in ${what}.` });
  },
);
