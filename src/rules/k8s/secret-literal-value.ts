import { isPlaceholderValue } from '../../core';
import { asMap, get, keyText, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';

/** Values that only a sample would hold: reporting them would teach users to ignore the rule. */
const SAMPLE = /^(password|passw0rd|secret|admin|example|sample|demo|dummy|test|testing|changeit|replace-?me|your[-_].*|my[-_]?(password|secret)|foo|bar|foobar)$/i;

function decodeBase64(s: string): string | undefined {
  const t = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return undefined;
  return Buffer.from(t, 'base64').toString('utf8');
}

export default k8sRule(
  {
    slug: 'secret-literal-value',
    title: 'Secret manifest holds literal secret values',
    severity: 'warning',
    description:
      'A Secret manifest with literal `data` or `stringData` values puts the secret itself into the repository: everyone who can read it, its history, ' +
      'its forks and its CI logs has the value, and rotating it means rewriting history (base64 in `data` is an encoding, not encryption). ' +
      'Empty values, placeholders (`<password>`, `${DB_PASSWORD}`, `changeme`), template actions and obvious sample values are not reported.',
    remediation:
      'Keep the value out of the manifest: have the cluster fetch it from AWS Secrets Manager (External Secrets Operator, or the Secrets Store CSI driver with the AWS provider), ' +
      'commit an encrypted Sealed Secret, or create the Secret in the deployment pipeline; then rotate the value that was committed.',
    equivalents: [],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'Secret') continue;
      const keys: string[] = [];
      let first: Node | undefined;
      for (const field of ['stringData', 'data'] as const) {
        for (const p of asMap(get(r.node, field))?.items ?? []) {
          const v = readString(p.value);
          if (!v?.known) continue; // a template action or a value from elsewhere
          const value = field === 'data' ? decodeBase64(v.value) : v.value;
          if (value === undefined || isPlaceholderValue(value) || value.trim().length < 6 || SAMPLE.test(value.trim())) continue;
          keys.push(keyText(p) ?? '?');
          first ??= p.value as Node;
        }
      }
      if (!first) continue;
      const name = r.name ? `Secret ${r.name}` : 'A Secret';
      report({ span: nodeSpan(first), message: `${name} holds literal values for ${keys.join(', ')}: the secret is committed with the manifest.` });
    }
  },
);
