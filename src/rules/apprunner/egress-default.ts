import { defineRule } from '../rule';
import { cap } from './_util';

export default defineRule({
  slug: 'egress-default',
  title: 'App Runner service sends traffic to the internet while a VPC connector is defined',
  severity: 'info',
  strict: "Outbound traffic through App Runner's default egress is not an exposure; routing it through a VPC is a network-design choice.",
  description:
    'With egress type `DEFAULT` an App Runner service reaches everything — databases and internal APIs included — over the public internet, outside the VPC\'s ' +
    'security groups and flow logs. A VPC connector defined in the same template suggests the traffic was meant to stay private.',
  remediation: 'Set `NetworkConfiguration.EgressConfiguration` to `EgressType: VPC` with the connector\'s `VpcConnectorArn` (add a NAT gateway if the service also needs the internet).',
  fix: 'unsafe',
  reads: ['webServices'],
  per: { tf: { remediation: 'Add `network_configuration { egress_configuration { egress_type = "VPC", vpc_connector_arn = aws_apprunner_vpc_connector.x.arn } }` (and a NAT gateway if the service also needs the internet).' }, cdk: { fix: undefined } },
  check({ webServices }, { report }) {
    for (const s of webServices) {
      if (s.vpcConnectors.length === 0) continue;
      const e = s.egressType;
      if (e === 'unknown') continue;
      if (e !== 'missing' && !(e.known && e.value!.toUpperCase() === 'DEFAULT')) continue;
      const fix = s.writer.egressThroughConnector?.();
      report({
        span: e === 'missing' ? s.anchor : e.span,
        message: `${cap(s.label)} uses DEFAULT egress (the public internet)${e === 'missing' ? ' by default' : ''} although VPC connector ${s.vpcConnectors.join(', ')} is defined alongside.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
