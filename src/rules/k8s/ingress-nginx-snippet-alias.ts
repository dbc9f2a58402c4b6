import { k8sRule } from './_rule';
import { blankComments, ingressLabel, ingressSnippets, locate } from './_snippets';

/** The NGINX `alias` directive, at the start of a statement. */
const ALIAS = /(?:^|[;{}])\s*(alias)(?=\s)/m;

export default k8sRule(
  {
    slug: 'ingress-nginx-snippet-alias',
    title: 'Ingress snippet serves controller files with an alias directive',
    severity: 'error',
    description:
      'An `alias` directive in a snippet annotation maps a URL onto the ingress-nginx controller\'s own filesystem, for example /var/run/secrets, so its ' +
      'service-account token, which can read every Secret in the cluster, can be downloaded over HTTP (CVE-2021-25742).',
    remediation:
      'Remove the `alias` directive from the snippet; serve files from a backend Service instead, and keep `allow-snippet-annotations: "false"` in the controller configuration.',
    equivalents: ['CKV_K8S_154'],
  },
  (m, report) => {
    for (const s of ingressSnippets(m)) {
      if (s.value === undefined || !ALIAS.test(blankComments(s.value))) continue;
      report({
        span: locate(m, s, ALIAS),
        message: `${ingressLabel(s.resource)}: the ${s.key} annotation uses an alias directive, which exposes the ingress controller's files.`,
      });
    }
  },
);
