import { detectSecret, redact } from '../../core';
import { asMap, get, keyText, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'secret-in-configmap',
    title: 'ConfigMap holds a secret',
    severity: 'warning',
    description:
      'ConfigMaps are not meant for secrets: any role that can read them (often every workload and developer in the namespace) sees the value, ' +
      'it is not encrypted at rest by EKS envelope encryption, and it ends up in the repository with the manifest. AWS keys, tokens, private keys, ' +
      'passwords in URLs and values under secret-like names (PASSWORD, TOKEN, API_KEY …) are reported; placeholders are not.',
    remediation: 'Move the value to a Secret (synced from AWS Secrets Manager by the External Secrets Operator or the Secrets Store CSI driver) and reference it from the pod.',
    equivalents: ['KSV109'],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'ConfigMap') continue;
      for (const p of asMap(get(r.node, 'data'))?.items ?? []) {
        const v = readString(p.value);
        if (!v?.known || v.value.includes('\n')) continue; // a template action, or a whole file (its keys are not names)
        const name = keyText(p);
        const verdict = detectSecret(name, v.value);
        if (!verdict) continue;
        report({
          span: nodeSpan(p.value as Node),
          message: `ConfigMap ${r.name ?? ''} holds a secret in ${name} (${verdict.reason}: ${redact(v.value)}): anyone who can read ConfigMaps sees it.`,
        });
      }
    }
  },
);
