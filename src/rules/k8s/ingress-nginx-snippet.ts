import { k8sRule } from './_rule';
import { ingressLabel, ingressSnippets } from './_snippets';

export default k8sRule(
  {
    slug: 'ingress-nginx-snippet',
    title: 'Ingress sets an NGINX configuration snippet annotation',
    severity: 'warning',
    description:
      'Snippet annotations (`nginx.ingress.kubernetes.io/server-snippet`, `configuration-snippet`, `auth-snippet`…) paste raw NGINX configuration into the ' +
      'ingress controller, which runs with a service-account token that can read every Secret in the cluster. Anyone allowed to create or edit an Ingress ' +
      'can use them to read files and tokens from the controller (CVE-2021-25742), so ingress-nginx disables them by default since v1.9.',
    remediation:
      'Replace the snippet with the dedicated ingress-nginx annotations or a ConfigMap setting owned by the cluster administrators, and keep ' +
      '`allow-snippet-annotations: "false"` in the controller configuration.',
    equivalents: ['CKV_K8S_153'],
  },
  (m, report) => {
    for (const s of ingressSnippets(m)) {
      report({
        span: s.keySpan,
        message: `${ingressLabel(s.resource)} sets the snippet annotation ${s.key}: it injects raw NGINX configuration into the ingress controller.`,
      });
    }
  },
);
