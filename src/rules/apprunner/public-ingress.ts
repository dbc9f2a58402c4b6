import { defineRule } from '../rule';
import { cap } from './_util';

export default defineRule({
  slug: 'public-ingress',
  title: 'Internal App Runner service is reachable from the internet',
  severity: 'warning',
  description:
    'App Runner services are public by default (`IsPubliclyAccessible` defaults to true). A service marked internal — by a VPC ingress connection in the same template, ' +
    'a tag such as `visibility: internal`, or its name — that is still public exposes its backend API to the whole internet, usually without the authentication ' +
    'a public endpoint would have. Private services are reached only through a VPC interface endpoint.',
  remediation: 'Set `NetworkConfiguration.IngressConfiguration.IsPubliclyAccessible: false` and reach the service through an `AWS::AppRunner::VpcIngressConnection`.',
  fix: 'unsafe',
  reads: ['webServices'],
  per: { tf: { remediation: 'Set `is_publicly_accessible = false` in `network_configuration { ingress_configuration { … } }` and reach the service through an `aws_apprunner_vpc_ingress_connection`.' }, cdk: { fix: undefined, remediation: 'Set `isPubliclyAccessible: false` (alpha `Service`) or `networkConfiguration.ingressConfiguration.isPubliclyAccessible: false` (`CfnService`) and reach it through a VPC ingress connection.' } },
  check({ webServices }, { report }) {
    for (const s of webServices) {
      if (!s.internal) continue;
      const p = s.publicIngress;
      if (p === 'unknown') continue;
      if (p !== 'missing' && !(p.known && p.value === true)) continue;
      const fix = s.writer.makePrivate?.();
      report({
        span: p === 'missing' ? s.anchor : p.span,
        message: `${cap(s.label)} is marked internal (${s.internal}) but is publicly accessible${p === 'missing' ? ' (the default)' : ''}.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
