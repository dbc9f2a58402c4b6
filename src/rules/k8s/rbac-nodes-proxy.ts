import { k8sRule } from './_rule';
import { coreGrants, roleLabel } from './_rbac';

const VERBS = new Set(['create', 'get', '*']);
const NODES_PROXY = new Set(['nodes/proxy', 'nodes/*']);

export default k8sRule(
  {
    slug: 'rbac-nodes-proxy',
    title: 'Role can reach the kubelet API through nodes/proxy',
    severity: 'warning',
    description:
      'The `nodes/proxy` subresource forwards requests to a node\'s kubelet API, which can run commands in every pod on that node and read their logs, ' +
      'bypassing the audit and admission control that `pods/exec` goes through.',
    remediation: 'Remove `nodes/proxy` from the role; monitoring agents can read metrics through `nodes/metrics` or `nodes/stats` instead.',
    equivalents: ['KSV047'],
  },
  (m, report) => {
    for (const g of coreGrants(m, NODES_PROXY, VERBS))
      report({ span: g.resource.span, message: `${roleLabel(g.rule.role)} can ${g.verbs.join('/')} ${g.resource.value}: the kubelet API of every node.` });
  },
);
