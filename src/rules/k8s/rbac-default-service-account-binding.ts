import { k8sRule } from './_rule';
import { subjects } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-default-service-account-binding',
    title: 'Binding grants permissions to a default ServiceAccount',
    severity: 'warning',
    description:
      'Every pod that names no ServiceAccount runs as its namespace\'s `default` ServiceAccount: permissions bound to it are given to all those pods, whoever deploys them.',
    remediation: 'Create a dedicated ServiceAccount for the workload that needs the permissions, bind the role to it and set `serviceAccountName` on that workload.',
    equivalents: ['CKV_K8S_42'],
  },
  (m, report) => {
    for (const s of subjects(m))
      if (s.kind === 'ServiceAccount' && s.name === 'default') report({ span: s.span, message: `${s.binding.kind} ${s.binding.name ?? ''} grants permissions to the default ServiceAccount${s.namespace ? ` of ${s.namespace}` : ''}.` });
  },
);
