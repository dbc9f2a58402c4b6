import { get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'service-public-load-balancer',
    title: 'Service is exposed through a public load balancer',
    severity: 'info',
    description:
      'On EKS a Service of type LoadBalancer gets an internet-facing AWS load balancer unless it is annotated as internal: the workload is reachable from the internet.',
    remediation: 'If the Service is not meant to be public, annotate it with `service.beta.kubernetes.io/aws-load-balancer-scheme: internal` (AWS Load Balancer Controller) or `service.beta.kubernetes.io/aws-load-balancer-internal: "true"`.',
    equivalents: [],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'Service') continue;
      const tp = getPair(get(r.node, 'spec'), 'type');
      const t = readString(tp?.value);
      if (!t?.known || t.value !== 'LoadBalancer') continue;
      const scheme = r.annotations.get('service.beta.kubernetes.io/aws-load-balancer-scheme')?.value;
      const internal = r.annotations.get('service.beta.kubernetes.io/aws-load-balancer-internal')?.value;
      if (scheme === 'internal' || (internal && internal !== 'false')) continue;
      if (scheme === 'internet-facing') continue; // an explicit choice
      report({ span: nodeSpan(tp!.value as Node), message: `Service ${r.name ?? ''} gets an internet-facing load balancer: it has no internal-scheme annotation.` });
    }
  },
);
