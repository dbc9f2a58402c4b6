import { k8sRule } from './_rule';
import { subjects } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-anonymous-binding',
    title: 'Binding grants permissions to anonymous users',
    severity: 'error',
    description: 'Subjects `system:anonymous` and `system:unauthenticated` are anyone who can reach the API server without credentials; what is bound to them is public.',
    remediation: 'Remove the subject from the binding.',
    equivalents: ['KSV122'],
  },
  (m, report) => {
    for (const s of subjects(m))
      if (s.name === 'system:anonymous' || s.name === 'system:unauthenticated') report({ span: s.span, message: `${s.binding.kind} ${s.binding.name ?? ''} grants permissions to ${s.name}.` });
  },
);
