import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'nodegroup-ssh-open',
  title: 'Node group SSH port is open to the internet',
  severity: 'warning',
  description:
    'A node group with SSH access (an EC2 key pair) and no source security groups gets port 22 opened to 0.0.0.0/0 on every worker node: ' +
    'the nodes can then be scanned and brute-forced from anywhere, and a leaked key is enough to reach the kubelet, the node role and every pod on the node.',
  remediation:
    'List the security groups allowed to connect (eksctl `ssh.sourceSecurityGroupIds`, `RemoteAccess.SourceSecurityGroups`), or turn SSH off and reach the nodes through SSM Session Manager.',
  fix: 'manual',
  per: { tf: { remediation: 'List the security groups allowed to connect (`source_security_group_ids` in `remote_access`), or drop `remote_access` and reach the nodes through SSM Session Manager.' } },
  reads: ['nodegroups'],
  equivalents: { eks: ['CKV_AWS_100'] },
  check({ nodegroups }, ctx) {
    for (const ng of nodegroups) {
      const ra = ng.remoteAccess;
      // vpcOnly: port 22 is opened to the VPC's CIDR, not the internet ('unknown': cannot tell)
      if (!ra || ra.vpcOnly) continue;
      const sg = ra.sourceSecurityGroups;
      if (sg === 'unknown' || (Array.isArray(sg) && sg.length > 0)) continue;
      const fix = ng.writer?.restrictSsh?.();
      ctx.report({
        span: ra.span,
        message: `${cap(ng.label)} allows SSH with a key but no source security groups: port 22 is open to 0.0.0.0/0.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
