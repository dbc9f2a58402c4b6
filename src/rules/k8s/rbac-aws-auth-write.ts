import { asSeq, get, readString } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';
import { coreGrants, roleLabel } from './_rbac';

const WRITE = new Set(['update', 'patch', 'create', 'delete', '*']);
const CONFIGMAPS = new Set(['configmaps']);

export default k8sRule(
  {
    slug: 'rbac-aws-auth-write',
    title: 'Role can edit the aws-auth ConfigMap',
    severity: 'warning',
    description:
      'On EKS the `aws-auth` ConfigMap in `kube-system` maps IAM roles and users to Kubernetes groups: whoever can change it can map an IAM identity ' +
      'they control to `system:masters`, which is cluster-admin. A ClusterRole that can write every ConfigMap, or a kube-system Role that can, includes it.',
    remediation: 'Remove write verbs on ConfigMaps from the role, or limit them with `resourceNames` that exclude `aws-auth`; manage cluster access with EKS access entries instead.',
    equivalents: [],
  },
  (m, report) => {
    for (const g of coreGrants(m, CONFIGMAPS, WRITE)) {
      const r = g.rule;
      const names = (asSeq(get(r.node, 'resourceNames'))?.items ?? []).map((n) => readString(n)).filter((x) => x?.known).map((x) => (x as { value: string }).value);
      // aws-auth lives in kube-system: a ClusterRole reaches it, a Role only there
      if (r.role.kind !== 'ClusterRole' && r.role.namespace !== 'kube-system') continue;
      if (names.length && !names.includes('aws-auth')) continue;
      report({ span: g.resource.span, message: `${roleLabel(r.role)} can ${g.verbs.join('/')} ${names.length ? 'the aws-auth ConfigMap' : 'every ConfigMap in kube-system, aws-auth among them'}: mapping an IAM identity to system:masters makes it cluster-admin.` });
    }
  },
);
