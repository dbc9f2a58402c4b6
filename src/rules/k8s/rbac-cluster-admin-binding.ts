import { get, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';
import { BINDING_KINDS } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-cluster-admin-binding',
    title: 'Binding grants cluster-admin',
    severity: 'error',
    description: 'Binding the `cluster-admin` ClusterRole gives its subjects every permission on every resource of the cluster: a compromise of any of them is a compromise of the cluster.',
    remediation: 'Bind a role that lists only the permissions the subject needs.',
    equivalents: ['cluster-admin-role-binding'],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (!BINDING_KINDS.has(r.kind)) continue;
      const n = get(r.node, 'roleRef', 'name');
      const v = readString(n);
      if (v?.known && v.value === 'cluster-admin') report({ span: nodeSpan(n as Node), message: `${r.kind} ${r.name ?? ''} binds cluster-admin.` });
    }
  },
);
