import { k8sRule } from './_rule';
import { coreGrants, roleLabel } from './_rbac';

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
    for (const g of coreGrants(m, SUBRESOURCES, VERBS))
      report({ span: g.resource.span, message: `${roleLabel(g.rule.role)} can ${g.verbs.join('/')} ${g.resource.value}: it runs commands in the pods it reaches.` });
  },
);
