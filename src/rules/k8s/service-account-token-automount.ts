import { asMap, get, getPair, nodeSpan, readBool, readString, Node } from '../../formats/yaml/doc';
import { k8sRule, podLabel } from './_rule';

export default k8sRule(
  {
    slug: 'service-account-token-automount',
    title: 'Service account token mounted automatically',
    severity: 'warning',
    description:
      'Unless `automountServiceAccountToken` is false on the pod or its ServiceAccount, every container gets a token for the Kubernetes API. ' +
      'Most applications never call the API, and a stolen token is a foothold for moving through the cluster.',
    remediation: 'Set `automountServiceAccountToken: false` on the pod (or on its ServiceAccount), and mount a projected token only where the application calls the API.',
    fix: 'unsafe',
    equivalents: ['CKV_K8S_38', 'KSV036', 'automountServiceAccountToken'],
  },
  (m, report) => {
    // ServiceAccounts defined in the same file
    const sas = new Map<string, boolean | undefined>();
    for (const r of m.resources) {
      if (r.kind !== 'ServiceAccount' || !r.name) continue;
      const a = readBool(get(r.node, 'automountServiceAccountToken'));
      if (a && !a.known) sas.set(`${r.namespace ?? ''}/${r.name}`, undefined);
      else sas.set(`${r.namespace ?? ''}/${r.name}`, a?.known ? a.value : true);
    }
    for (const pod of m.pods) {
      const p = getPair(pod.spec, 'automountServiceAccountToken');
      const v = readBool(p?.value);
      if (v && (!v.known || v.value === false)) continue;
      if (!p) {
        if (pod.templated) continue; // a Helm template action may set it
        const sa = readString(get(pod.spec, 'serviceAccountName') ?? get(pod.spec, 'serviceAccount'));
        if (sa && !sa.known) continue;
        const saName = sa?.known ? sa.value : 'default';
        const own = sas.get(`${pod.resource.namespace ?? ''}/${saName}`);
        if (sas.has(`${pod.resource.namespace ?? ''}/${saName}`) && own !== true) continue; // false, or unknown
      }
      const spec = asMap(pod.spec)!;
      const edit = p?.value ? m.editor.setValue(p.value as Node, false) : m.editor.insertEntries(spec, { automountServiceAccountToken: false });
      report({
        span: p?.value ? nodeSpan(p.value as Node) : pod.resource.anchor,
        message: p ? `${podLabel(pod)} mounts its service account token (automountServiceAccountToken: true).` : `${podLabel(pod)} mounts a service account token automatically: automountServiceAccountToken is not false.`,
        fixes: [{ title: 'Set automountServiceAccountToken to false', safety: 'unsafe', edits: [edit] }],
      });
    }
  },
);
