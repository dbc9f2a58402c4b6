import { k8sRule } from './_rule';
import { namespaceText, podIsolation, workloadName } from './_netpol';

export default k8sRule(
  {
    slug: 'no-network-policy',
    title: 'The namespace has no NetworkPolicy',
    severity: 'info',
    strict:
      'Network policies are often managed outside the application\'s repository (a platform team, Calico or Cilium policies, a service mesh): a tree without any is not proof the pods are open.',
    description:
      'No NetworkPolicy in the tree (the workspace, or the files under the paths `bulkhead scan` is given) applies to the workload\'s namespace: unless policies are managed elsewhere, ' +
      'its pods accept connections from every pod in the cluster and may connect anywhere.',
    remediation: 'Add a default-deny NetworkPolicy for the namespace (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) and policies that allow the traffic each workload needs.',
    equivalents: ['CKV2_K8S_6', 'non-isolated-pod', 'C-0260'],
  },
  (m, report) => {
    for (const x of podIsolation(m)) {
      if (x.policies.length) continue;
      report({ span: x.pod.resource.anchor, message: `${workloadName(x.pod)}: no NetworkPolicy in the tree applies to ${namespaceText(x.namespace)}; its pods are not isolated.` });
    }
  },
);
