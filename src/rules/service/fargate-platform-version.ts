import { defineRule } from '../rule';
import { cap } from '../_text';

/** Platform versions before 1.4.0 (Linux): retired from new features and fixes */
const OLD = /^1\.[0-3](\.\d+)?$/;

export default defineRule({
  slug: 'fargate-platform-version',
  title: 'Fargate service pinned to an old platform version',
  severity: 'warning',
  description:
    'A Fargate service runs on the platform version it names. Versions before 1.4.0 lack what 1.4.0 brought (task ENIs for EFS and ECR traffic in the ' +
    'VPC, ephemeral storage encrypted with an AWS-managed key, SYS_PTRACE only when asked) and get no new security fixes; AWS retires old versions. ' +
    '`LATEST` follows AWS\'s current version. Checkov\'s CKV_AWS_332 also reports a pin to the current version (1.4.0); only versions known to be old are reported here.',
  remediation: 'Set `platformVersion` to `LATEST` (or remove it: LATEST is the default), or to 1.4.0.',
  per: { tf: { remediation: 'Set `platform_version = "LATEST"` (or remove it: LATEST is the default), or `"1.4.0"`.' } },
  reads: ['services', 'services.platformVersion'],
  equivalents: { ecs: ['CKV_AWS_332'] },
  check({ services }, ctx) {
    for (const s of services) {
      const v = s.platformVersion;
      if (typeof v !== 'object' || !v.known || !OLD.test(v.value!.trim())) continue;
      ctx.report({ span: v.span, message: `${cap(s.label)} runs on Fargate platform version ${v.value}, older than 1.4.0: it misses the current version's security changes and fixes.` });
    }
  },
});
