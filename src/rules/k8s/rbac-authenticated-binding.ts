import { asMap, get, readString } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';
import { subjects } from './_rbac';

/** Default read-only roles Kubernetes itself binds to every authenticated user. */
const BENIGN = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']);

export default k8sRule(
  {
    slug: 'rbac-authenticated-binding',
    title: 'Binding grants permissions to every authenticated identity',
    severity: 'warning',
    description:
      'The group `system:authenticated` is every user and service account the API server knows: on EKS, every IAM principal with an access entry or ' +
      'an aws-auth mapping, and every pod\'s service account. A role bound to it is granted cluster-wide, to workloads that were never meant to have it.',
    remediation: 'Bind the role to the specific users, groups or service accounts that need it.',
    equivalents: ['KSV123'],
  },
  (m, report) => {
    for (const s of subjects(m)) {
      if (s.name !== 'system:authenticated') continue;
      const role = readString(get(asMap(get(s.binding.node, 'roleRef')), 'name'));
      if (role?.known && BENIGN.has(role.value)) continue;
      report({ span: s.span, message: `${s.binding.kind} ${s.binding.name ?? ''} grants ${role?.known ? role.value : 'its role'} to every authenticated identity (system:authenticated).` });
    }
  },
);
