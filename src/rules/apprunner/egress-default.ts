import { cap, serviceRules } from './_template';

export default serviceRules({
  slug: 'egress-default',
  title: 'App Runner service sends traffic to the internet while a VPC connector is defined',
  severity: 'info',
  description:
    'With egress type `DEFAULT` an App Runner service reaches everything — databases and internal APIs included — over the public internet, outside the VPC\'s ' +
    'security groups and flow logs. A VPC connector defined in the same template suggests the traffic was meant to stay private.',
  remediation: 'Set `NetworkConfiguration.EgressConfiguration` to `EgressType: VPC` with the connector\'s `VpcConnectorArn` (add a NAT gateway if the service also needs the internet).',
  fix: 'unsafe',
  equivalents: { apprunner: [], cdk: [] },
  check(s, report) {
    if (s.vpcConnectors.length === 0) return;
    const e = s.egressType;
    if (e === 'unknown') return;
    if (e !== 'missing' && !(e.known && e.value!.toUpperCase() === 'DEFAULT')) return;
    const fix = s.writer.egressThroughConnector?.();
    report({
      span: e === 'missing' ? s.anchor : e.span,
      message: `${cap(s.label)} uses DEFAULT egress (the public internet)${e === 'missing' ? ' by default' : ''} although VPC connector ${s.vpcConnectors.join(', ')} is defined alongside.`,
      fixes: fix ? [fix] : [],
    });
  },
});
