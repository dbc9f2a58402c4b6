import { k8sRule } from './_rule';
import { rbacRules, roleLabel } from './_rbac';

const WRITE = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', '*']);
const RES = new Set(['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', '*']);

export default k8sRule(
  {
    slug: 'rbac-admission-webhooks',
    title: 'Role can change admission webhooks',
    severity: 'warning',
    description:
      'Whoever can create or edit admission webhook configurations can see and rewrite every object sent to the API server (a mutating webhook can inject containers into any pod) ' +
      'or switch off the policy engines that validate them.',
    remediation: 'Grant write access to validating and mutating webhook configurations only to the cluster\'s administrators and policy controllers.',
    equivalents: ['CKV_K8S_155'],
  },
  (m, report) => {
    for (const r of rbacRules(m)) {
      if (r.role.kind !== 'ClusterRole') continue;
      if (!r.apiGroups.some((g) => g.value === '*' || g.value === 'admissionregistration.k8s.io')) continue;
      const res = r.resources.filter((x) => RES.has(x.value));
      const verbs = r.verbs.filter((v) => WRITE.has(v.value));
      if (!res.length || !verbs.length) continue;
      report({ span: verbs[0].span, message: `${roleLabel(r.role)} can ${verbs.map((v) => v.value).join('/')} admission webhook configurations.` });
    }
  },
);
