import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'efs-transit-encryption',
  title: 'EFS volume without encryption in transit',
  severity: 'warning',
  description:
    'An EFS volume mounted without `transitEncryption: ENABLED` sends file contents in clear text between the task and the file system; ' +
    'anyone who can observe the VPC traffic can read (or tamper with) them. IAM authorization of the mount also requires encryption in transit.',
  remediation: 'Set `transitEncryption: ENABLED` in the volume\'s `efsVolumeConfiguration`.',
  equivalents: { ecs: ['CKV_AWS_97', 'AVD-AWS-0035'] },
  fix: 'safe',
  per: { tf: { remediation: 'Set `transit_encryption = "ENABLED"` in the volume\'s `efs_volume_configuration` block.' } },
  reads: ['tasks.volumes'],
  check({ tasks }, ctx) {
    for (const t of tasks) {
      for (const v of t.volumes) {
        const efs = v.efs;
        if (!efs) continue;
        const te = efs.transitEncryption;
        if (te === 'unknown' || (te !== 'missing' && (!te.known || te.value!.toUpperCase() === 'ENABLED'))) continue;
        const fix = efs.enableTransitEncryption?.();
        const vol = v.name ? `EFS volume "${v.name}"` : 'An EFS volume';
        ctx.report({
          span: te !== 'missing' ? te.span : efs.anchor,
          message: `${cap(vol)} of ${t.label} ${te !== 'missing' ? `has transitEncryption ${te.value}` : 'does not enable transitEncryption'}: file data crosses the network unencrypted.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
