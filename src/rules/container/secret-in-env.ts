import { detectSecret, redact } from '../../core';
import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { who } from './_util';

export default defineRule({
  slug: 'secret-in-env',
  title: 'Secret in a plain environment variable',
  severity: 'warning',
  description:
    'A password, token or key written as a plain environment value is stored in the manifest, the repository history and the API object ' +
    '(readable by anyone who can read the workload), and shows up in logs and crash dumps. Secret stores keep it out of the configuration.',
  remediation: 'Reference the value from a secret store: a Kubernetes Secret (`valueFrom.secretKeyRef`), ECS `secrets` (Secrets Manager or SSM Parameter Store), or `ecs.Secret` in CDK.',
  fix: 'manual',
  per: { tf: { remediation: 'Move the value from `environment` to `secrets` (`{ name = "X", valueFrom = <Secrets Manager or SSM Parameter Store ARN> }`) in `container_definitions`, and let the execution role read it.' } },
  reads: ['containers'],
  equivalents: {
    k8s: ['env-var-secret', 'sensitiveContainerEnvVar'],
    ecs: ['AVD-AWS-0036', 'ECS.8'],
    cdk: ['AwsSolutions-ECS2'],
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      for (const e of c.env) {
        if (!e.value || !e.value.known || !e.name.known) continue;
        const v = detectSecret(e.name.value, e.value.value);
        if (!v || v.aws) continue;
        const fixes: Fix[] = [];
        const f = c.writer.moveEnvToSecret(e);
        if (f && f.edits.length) fixes.push(f);
        report({
          span: e.value.span,
          message: `${who(c)} sets ${e.name.value} to a plain value that looks like a secret (${v.reason}: ${redact(e.value.value ?? '')}).`,
          fixes,
        });
      }
    }
  },
});
