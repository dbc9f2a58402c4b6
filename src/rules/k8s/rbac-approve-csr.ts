import { k8sRule } from './_rule';
import { rbacRules, roleLabel } from './_rbac';

export default k8sRule(
  {
    slug: 'rbac-approve-csr',
    title: 'Role can approve certificate signing requests',
    severity: 'warning',
    description:
      'Approving CertificateSigningRequests lets the subject issue client certificates the API server trusts, for any user or group its signers allow, ' +
      'including `system:masters` with some signers: a way to mint cluster-admin credentials.',
    remediation: 'Grant `update` on `certificatesigningrequests/approval` and `approve` on signers only to the certificate controller and administrators.',
    equivalents: ['CKV_K8S_156'],
  },
  (m, report) => {
    const rules = rbacRules(m).filter((r) => r.role.kind === 'ClusterRole' && r.apiGroups.some((g) => g.value === '*' || g.value === 'certificates.k8s.io'));
    const byRole = new Map<unknown, typeof rules>();
    for (const r of rules) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r]);
    for (const list of byRole.values()) {
      const approval = list.find((r) => r.resources.some((x) => x.value === 'certificatesigningrequests/approval' || x.value === '*/approval' || x.value === '*') && r.verbs.some((v) => ['update', 'patch', '*'].includes(v.value)));
      const signer = list.find((r) => r.resources.some((x) => x.value === 'signers' || x.value === '*') && r.verbs.some((v) => v.value === 'approve' || v.value === '*'));
      if (!approval || !signer) continue;
      report({ span: approval.verbs[0].span, message: `${roleLabel(approval.role)} can approve certificate signing requests.` });
    }
  },
);
