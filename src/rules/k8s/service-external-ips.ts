import { asSeq, get, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'service-external-ips',
    title: 'Service sets externalIPs',
    severity: 'warning',
    description:
      'A Service with `spec.externalIPs` makes every node route traffic for those addresses to it (CVE-2020-8554): whoever can create such a Service can ' +
      'intercept traffic the cluster sends to any IP, including other services and external endpoints. The feature is rarely needed and usually ' +
      'blocked by an admission policy.',
    remediation: 'Remove `externalIPs`; expose the Service through a LoadBalancer (AWS Load Balancer Controller) or an Ingress instead.',
    equivalents: ['KSV108'],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'Service') continue;
      const ips = asSeq(get(r.node, 'spec', 'externalIPs'));
      const first = ips?.items.find((it) => readString(it)?.known);
      if (!ips || !first) continue;
      const ip = readString(first);
      const n = ips.items.length;
      const shown = ip?.known ? ` (${ip.value}${n > 1 ? ', …' : ''})` : '';
      report({ span: nodeSpan(first as Node), message: `Service ${r.name ?? ''} routes traffic for ${n} external IP${n === 1 ? '' : 's'}${shown}: CVE-2020-8554 lets it intercept that traffic cluster-wide.` });
    }
  },
);
