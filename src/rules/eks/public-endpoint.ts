import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { cap } from '../_text';

const OPEN = /^(0\.0\.0\.0\/0|::\/0)$/;

export default defineRule({
  slug: 'public-endpoint',
  title: 'EKS API endpoint is reachable from the internet',
  severity: 'warning',
  description:
    'The Kubernetes API server of an EKS cluster is public to 0.0.0.0/0 unless told otherwise (public access is on by default, with no CIDR limit): ' +
    'a leaked kubeconfig token or an API server vulnerability can then be exploited from anywhere.',
  remediation: 'Turn public access to the endpoint off (private only), or limit it to the CIDRs of your networks.',
  fix: 'unsafe',
  reads: ['eksClusters'],
  equivalents: { cdk: ['AwsSolutions-EKS1', 'CKV_AWS_39', 'CKV_AWS_38'], eks: ['CKV_AWS_39', 'CKV_AWS_38'] },
  per: {
    tf: { remediation: 'Set `endpoint_public_access = false` in `vpc_config` (with `endpoint_private_access = true`), or limit `public_access_cidrs` to the CIDRs of your networks.' },
    cdk: {
      description:
        'The Kubernetes API server of an EKS cluster is public to 0.0.0.0/0 unless told otherwise (`eks.Cluster` defaults to PUBLIC_AND_PRIVATE with no CIDR limit): ' +
        'a leaked kubeconfig token or an API server vulnerability can then be exploited from anywhere.',
      remediation: 'Set `endpointAccess: eks.EndpointAccess.PRIVATE`, or restrict the public endpoint with `eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(<your CIDR>)`.',
    },
  },
  check({ eksClusters }, ctx) {
    for (const c of eksClusters) {
      const pub = c.publicAccess;
      // private only, or not readable
      if (pub === 'unknown' || (typeof pub === 'object' && (!pub.known || pub.value === false))) continue;
      const cidrs = c.publicAccessCidrs;
      if (cidrs === 'unknown') continue;
      // an empty list is no list: EKS then opens the endpoint to 0.0.0.0/0, its default
      if (Array.isArray(cidrs) && cidrs.length) {
        for (const f of cidrs) {
          if (!f.known || !OPEN.test(f.value!.trim())) continue;
          const fix = c.writer.restrictPublicAccess?.();
          ctx.report({ span: f.span, message: `${cap(c.label)} allows ${f.value} to reach its public API endpoint.`, fixes: fix ? [fix] : [] });
        }
        continue;
      }
      const fixes = [c.writer.makeEndpointPrivate?.(), c.writer.restrictPublicAccess?.()].filter((f): f is Fix => !!f);
      if (Array.isArray(cidrs)) {
        ctx.report({ span: pub === 'missing' ? c.anchor : pub.span, message: `${cap(c.label)} has a public API endpoint open to 0.0.0.0/0 (an empty list of public access CIDRs means the default, 0.0.0.0/0).`, fixes });
      } else if (pub === 'missing') {
        const why = c.wording?.endpointDefault ?? 'EndpointPublicAccess defaults to true';
        ctx.report({ span: c.anchor, message: `${cap(c.label)} has a public API endpoint open to 0.0.0.0/0 (${why}).`, fixes });
      } else ctx.report({ span: pub.span, message: `${cap(c.label)} has a public API endpoint open to 0.0.0.0/0.`, fixes });
    }
  },
});
