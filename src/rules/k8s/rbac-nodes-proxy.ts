import { k8sRule } from './_rule';
import { rbacRules, roleLabel } from './_rbac';

const VERBS = new Set(['create', 'get', '*']);

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
    for (const r of rbacRules(m)) {
      if (r.apiGroups.length && !r.apiGroups.some((g) => g.value === '' || g.value === '*')) continue;
      const verbs = r.verbs.filter((v) => VERBS.has(v.value));
      if (!verbs.length) continue;
      for (const res of r.resources)
        if (res.value === 'nodes/proxy' || res.value === 'nodes/*') report({ span: res.span, message: `${roleLabel(r.role)} can ${verbs.map((v) => v.value).join('/')} ${res.value}: the kubelet API of every node.` });
    }
  },
);
