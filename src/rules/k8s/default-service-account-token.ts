import { getPair, nodeSpan, readBool, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'default-service-account-token',
    title: 'Default ServiceAccount mounts its token',
    severity: 'warning',
    description:
      'Every pod that names no ServiceAccount runs as its namespace\'s `default` one. Unless that ServiceAccount sets `automountServiceAccountToken: false`, ' +
      'all those pods get an API token they rarely need.',
    remediation: 'Set `automountServiceAccountToken: false` on the `default` ServiceAccount and give workloads that call the API their own ServiceAccount.',
    fix: 'unsafe',
    equivalents: ['CKV_K8S_41'],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'ServiceAccount' || r.name !== 'default') continue;
      const p = getPair(r.node, 'automountServiceAccountToken');
      const v = readBool(p?.value);
      if (v && (!v.known || v.value === false)) continue;
      const edit = p?.value ? m.editor.setValue(p.value as Node, false) : m.editor.insertEntries(r.node, { automountServiceAccountToken: false });
      report({
        span: p?.value ? nodeSpan(p.value as Node) : r.anchor,
        message: `The default ServiceAccount${r.namespace ? ` of ${r.namespace}` : ''} mounts its token into every pod that uses it.`,
        fixes: [{ title: 'Set automountServiceAccountToken to false', safety: 'unsafe', edits: [edit] }],
      });
    }
  },
);
