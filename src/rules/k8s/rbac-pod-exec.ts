import { k8sRule } from './_rule';
import { rbacRules, roleLabel } from './_rbac';

/** `create` is the classic POST; since Kubernetes 1.30 kubectl exec/attach over WebSockets needs only `get`. */
const VERBS = new Set(['create', 'get', '*']);
const SUBRESOURCES = new Set(['pods/exec', 'pods/attach', 'pods/*']);

export default k8sRule(
  {
    slug: 'rbac-pod-exec',
    title: 'Role can exec into or attach to pods',
    severity: 'warning',
    description:
      'The `pods/exec` and `pods/attach` subresources run commands in any pod the role reaches, with that pod\'s service account, mounted secrets and cloud ' +
      'identity (IRSA, Pod Identity): a shell in a privileged or well-connected pod is a short step to the node or the AWS account. `get` is enough since ' +
      'kubectl switched to WebSockets (Kubernetes 1.30), `create` before.',
    remediation: 'Remove `pods/exec` and `pods/attach` from the role, or keep them for a break-glass role bound only to administrators, limited with `resourceNames`.',
    equivalents: ['KSV053'],
  },
  (m, report) => {
    for (const r of rbacRules(m)) {
      if (r.apiGroups.length && !r.apiGroups.some((g) => g.value === '' || g.value === '*')) continue;
      const verbs = r.verbs.filter((v) => VERBS.has(v.value));
      if (!verbs.length) continue;
      for (const res of r.resources)
        if (SUBRESOURCES.has(res.value)) report({ span: res.span, message: `${roleLabel(r.role)} can ${verbs.map((v) => v.value).join('/')} ${res.value}: it runs commands in the pods it reaches.` });
    }
  },
);
