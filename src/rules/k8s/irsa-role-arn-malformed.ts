import { k8sRule } from './_rule';

const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export default k8sRule(
  {
    slug: 'irsa-role-arn-malformed',
    title: 'IRSA role ARN annotation is malformed',
    severity: 'warning',
    description:
      'EKS gives a pod AWS credentials through IRSA only when its ServiceAccount\'s `eks.amazonaws.com/role-arn` annotation is a valid IAM role ARN. ' +
      'A malformed ARN makes the pod fall back to other credentials (often the node role) or fail at its first AWS call.',
    remediation: 'Write the annotation as `arn:aws:iam::<12-digit account id>:role/<role name>`.',
    equivalents: [],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'ServiceAccount') continue;
      const a = r.annotations.get('eks.amazonaws.com/role-arn');
      if (!a || /[$<>{}\u00a4]/.test(a.value)) continue;
      if (ROLE_ARN.test(a.value.trim())) continue;
      const why = !/^arn:/.test(a.value) ? 'not an ARN' : !/:iam::/.test(a.value) ? 'not an IAM ARN' : !/::\d{12}:/.test(a.value) ? 'the account id is not 12 digits' : !/:role\//.test(a.value) ? 'not a role ARN' : 'not a valid role ARN';
      report({ span: a.span, message: `ServiceAccount ${r.name ?? ''} has a malformed eks.amazonaws.com/role-arn (${why}): "${a.value}".` });
    }
  },
);
