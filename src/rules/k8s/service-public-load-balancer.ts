import type { Fix } from '../../core';
import { asMap, get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';

const SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
const INTERNAL = 'service.beta.kubernetes.io/aws-load-balancer-internal';
const TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';

export default k8sRule(
  {
    slug: 'service-public-load-balancer',
    title: 'Service is exposed through a public load balancer',
    severity: 'info',
    description:
      'On EKS a Service of type LoadBalancer handled by the legacy in-tree cloud controller gets an internet-facing AWS load balancer unless it is annotated as internal: ' +
      'the workload is reachable from the internet. (Services handed to the AWS Load Balancer Controller — `aws-load-balancer-type: external`/`nlb-ip` or its ' +
      '`loadBalancerClass` — are internal unless the scheme says internet-facing, and are not reported; an explicit `internet-facing` scheme is a choice and is not reported either.)',
    remediation:
      'If the Service is not meant to be public, annotate it with `service.beta.kubernetes.io/aws-load-balancer-scheme: internal` (AWS Load Balancer Controller, which current EKS documentation uses), ' +
      'or `service.beta.kubernetes.io/aws-load-balancer-internal: "true"` for the legacy in-tree controller (`aws-load-balancer-type: nlb` or no type).',
    fix: 'unsafe',
    equivalents: [],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'Service') continue;
      const spec = asMap(get(r.node, 'spec'));
      const tp = getPair(spec, 'type');
      const t = readString(tp?.value);
      if (!t?.known || t.value !== 'LoadBalancer') continue;
      const scheme = r.annotations.get(SCHEME)?.value;
      const internal = r.annotations.get(INTERNAL)?.value;
      if (scheme === 'internal' || (internal && internal !== 'false')) continue;
      if (scheme === 'internet-facing') continue; // an explicit choice
      const lbType = r.annotations.get(TYPE)?.value;
      const lbClass = readString(get(spec, 'loadBalancerClass'));
      // the AWS Load Balancer Controller makes load balancers internal unless told otherwise
      if (lbType === 'external' || lbType === 'nlb-ip' || (lbClass?.known && lbClass.value.startsWith('service.k8s.aws/'))) continue;
      if (lbClass && !lbClass.known) continue;
      // the in-tree NLB ignores the scheme annotation: it reads aws-load-balancer-internal
      const legacy = lbType === 'nlb';
      const fixes: Fix[] = [];
      if (r.metadata && !r.annotations.has(SCHEME) && !r.annotations.has(INTERNAL)) {
        const edit = legacy ? m.editor.setPath(r.metadata, ['annotations', INTERNAL], 'true') : m.editor.setPath(r.metadata, ['annotations', SCHEME], 'internal');
        fixes.push({ title: legacy ? `Annotate ${INTERNAL}: "true"` : `Annotate ${SCHEME}: internal`, safety: 'unsafe', edits: [edit] });
      }
      report({
        span: nodeSpan(tp!.value as Node),
        message: `Service ${r.name ?? ''} gets an internet-facing load balancer: it has no internal-scheme annotation.`,
        fixes,
      });
    }
  },
);
