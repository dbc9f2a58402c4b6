import { getPair, nodeSpan, Node } from '../../formats/yaml/doc';
import { CLUSTER_SCOPED, k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'default-namespace',
    title: 'Resource in the default namespace',
    severity: 'info',
    strict: 'Which namespace a workload lands in is organisation, not a vulnerability: the default namespace is a hygiene concern for a reviewer.',
    description:
      'Resources without a namespace land in `default` (or wherever kubectl points), where RBAC, network policies, quotas and Pod Security admission are rarely set up: ' +
      'separate namespaces are the unit of isolation in Kubernetes.',
    remediation: 'Set `metadata.namespace` to a dedicated namespace.',
    equivalents: ['CKV_K8S_21', 'use-namespace', 'KSV110'],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (CLUSTER_SCOPED.has(r.kind) || r.partial || r.namespaceUnknown) continue; // a patch; builds that disagree
      if (r.namespace !== undefined && r.namespace !== 'default') continue;
      if (r.namespace === undefined && r.metadata && getPair(r.metadata, 'namespace')) continue; // an expression
      if ((r.kind === 'Service' && r.name === 'kubernetes') || (r.kind === 'ServiceAccount' && r.name === 'default')) continue; // built in
      const nsPair = getPair(r.metadata, 'namespace');
      report({
        span: nsPair?.value && !r.namespaceBy ? nodeSpan(nsPair.value as Node) : r.anchor,
        message: r.namespace === 'default' ? `${r.kind} ${r.name ?? ''} is in the default namespace${r.namespaceBy ? ` (set by ${r.namespaceBy})` : ''}.` : `${r.kind} ${r.name ?? ''} has no namespace: it goes to the default namespace.`,
      });
    }
  },
);
