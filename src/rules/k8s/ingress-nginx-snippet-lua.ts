import { k8sRule } from './_rule';
import { blankComments, ingressLabel, ingressSnippets, locate } from './_snippets';

/** An NGINX/OpenResty Lua directive (content_by_lua_block, lua_package_path…): a word starting with `lua_`, ending with `_lua` or containing `_lua_`. */
const LUA = /\b(lua_\w*|\w+_lua(?:_\w*)?)\b/;
/** A reference to Kubernetes' own paths, above all the service-account token under /var/run/secrets/kubernetes.io/. */
const K8S_PATH = /\bkubernetes\.io\b/;

export default k8sRule(
  {
    slug: 'ingress-nginx-snippet-lua',
    title: 'Ingress snippet runs Lua code in the NGINX ingress controller',
    severity: 'error',
    description:
      'A snippet annotation with a Lua directive (`content_by_lua_block`, `access_by_lua`…) runs arbitrary code inside the ingress-nginx controller, whose ' +
      'service-account token can read every Secret in the cluster; a snippet naming `kubernetes.io` paths reaches for that token directly (CVE-2021-25742). ' +
      'Whoever can write an Ingress becomes able to read all cluster credentials.',
    remediation:
      'Remove the Lua code (or the Kubernetes path) from the snippet and use the dedicated ingress-nginx annotations instead; keep ' +
      '`allow-snippet-annotations: "false"` in the controller configuration.',
    equivalents: ['CKV_K8S_152'],
  },
  (m, report) => {
    for (const s of ingressSnippets(m)) {
      if (s.value === undefined) continue;
      const text = blankComments(s.value);
      const lua = LUA.exec(text);
      const k8s = lua ? undefined : K8S_PATH.exec(text);
      if (!lua && !k8s) continue;
      report({
        span: locate(m, s, lua ? LUA : K8S_PATH),
        message: lua
          ? `${ingressLabel(s.resource)}: the ${s.key} annotation runs Lua code (${lua[1]}) inside the ingress controller.`
          : `${ingressLabel(s.resource)}: the ${s.key} annotation references kubernetes.io paths (the controller's service-account token).`,
      });
    }
  },
);
