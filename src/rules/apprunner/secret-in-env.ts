import { detectSecret } from '../../core/secrets';
import { defineRule } from '../rule';
import { cap, keyFor } from './_util';

export default defineRule({
  slug: 'secret-in-env',
  title: 'App Runner service has a secret in a plain environment variable',
  severity: 'warning',
  description:
    'Plain runtime environment variables are stored and shown in clear text: in the App Runner console, in `DescribeService` output, in the template ' +
    'and its change sets, and in the repository that holds `apprunner.yaml`. App Runner can instead read the value from Secrets Manager or SSM ' +
    'Parameter Store at start-up (`run.secrets` / `RuntimeEnvironmentSecrets`), with access controlled by the instance role.',
  remediation:
    'Store the value in Secrets Manager (or SSM Parameter Store) and reference it from `run.secrets` (`value-from`) in apprunner.yaml, or `RuntimeEnvironmentSecrets` in the service; let the instance role read it.',
  fix: 'manual',
  reads: ['webServices'],
  per: {
    tf: { remediation: 'Store the value in Secrets Manager (or SSM Parameter Store) and move it from `runtime_environment_variables` to `runtime_environment_secrets` (name = secret ARN); let the instance role read it.' },
    cdk: {
      fix: undefined,
      remediation:
        'Store the value in Secrets Manager and pass it as a runtime environment secret (`runtimeEnvironmentSecrets` on `CfnService`, `environmentSecrets` with `apprunner.Secret.fromSecretsManager` on the alpha `Service`).',
    },
  },
  check({ webServices }, { report }) {
    for (const s of webServices) {
      for (const e of s.env) {
        if (!e.name.known) continue;
        const v = detectSecret(e.name.value, e.value?.known ? e.value.value : undefined);
        if (!v || v.aws) continue;
        const where = keyFor(s, 'RuntimeEnvironmentVariables', 'runtimeEnvironmentVariables', 'environmentVariables', 'run.env');
        const fix = s.writer.moveEnvToSecret?.(e);
        report({
          span: e.value?.span ?? e.name.span,
          message: `${cap(s.label)}: ${e.name.value} in ${where} looks like a secret (${v.reason}); it is stored and shown in clear text.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
