import { k8sRule } from './_rule';
import { namespaceText, podIsolation, workloadName } from './_netpol';

export default k8sRule(
  {
    slug: 'pod-not-isolated',
    title: 'No NetworkPolicy selects the pods',
    severity: 'warning',
    description:
      'Pods that no NetworkPolicy selects accept connections from every pod in the cluster and may connect anywhere: one compromised pod reaches them directly. ' +
      'When the namespace has NetworkPolicies but none selects these pods (their labels match no `podSelector`), the isolation the team set up does not cover them. ' +
      'The policies of the whole tree (the workspace, or the files under the paths `bulkhead scan` is given) count, with the namespaces kustomize gives them.',
    remediation:
      'Add a NetworkPolicy whose `podSelector` matches the pods\' labels and allows only the traffic they need, or a default-deny policy (`podSelector: {}`) for the namespace.',
    equivalents: ['CKV2_K8S_6', 'non-isolated-pod', 'C-0260'],
  },
  (m, report) => {
    for (const x of podIsolation(m)) {
      if (x.selected || !x.policies.length) continue;
      const names = x.policies.slice(0, 3).map((p) => p.name).join(', ') + (x.policies.length > 3 ? ' …' : '');
      report({
        span: x.pod.resource.anchor,
        message: `${workloadName(x.pod)}: no NetworkPolicy in ${namespaceText(x.namespace)} selects its pods (${names} select${x.policies.length === 1 ? 's' : ''} others): they accept connections from any pod in the cluster.`,
      });
    }
  },
);
