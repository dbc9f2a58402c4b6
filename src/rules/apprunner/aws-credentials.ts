import type { EnvVar } from '../../model/container';
import { detectSecret, redact } from '../../core/secrets';
import { defineRule } from '../rule';
import { cap } from './_util';

const KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;
const SECRET_ASSIGN = /AWS_SECRET_ACCESS_KEY\s*[=:]\s*["']?([A-Za-z0-9/+=]{40})\b/;

export default defineRule({
  slug: 'aws-credentials',
  title: 'App Runner service carries AWS access keys',
  severity: 'error',
  description:
    'Long-lived AWS access keys in an App Runner configuration (plain environment variables, build environment, commands) are readable by anyone who can read ' +
    'the repository, the template or the service description, never rotate by themselves, and outlive the service. App Runner gives the running code ' +
    'temporary credentials of its instance role: keys are never needed.',
  remediation: 'Remove the keys, deactivate them in IAM, and give the service an instance role (`InstanceConfiguration.InstanceRoleArn`) with the permissions the code needs.',
  fix: 'unsafe',
  reads: ['webServices'],
  per: { tf: { remediation: 'Remove the keys from `runtime_environment_variables`, deactivate them in IAM, and give the service an instance role (`instance_configuration { instance_role_arn = aws_iam_role.x.arn }`) with the permissions the code needs.' }, cdk: { fix: undefined } },
  check({ webServices }, { report }) {
    for (const s of webServices) {
      const envs: EnvVar[] = [...s.env, ...(s.extraEnv ?? [])];
      for (const e of envs) {
        const v = detectSecret(e.name.known ? e.name.value : undefined, e.value?.known ? e.value.value : e.value ? undefined : '');
        if (!v?.aws) continue;
        const fix = s.writer.removeEnv?.(e);
        report({
          span: e.value?.span ?? e.name.span,
          message: `${cap(s.label)}: ${e.name.value ?? 'a variable'} holds AWS credentials (${v.reason}); use the instance role's temporary credentials instead.`,
          fixes: fix ? [fix] : [],
        });
      }
      for (const f of s.otherStrings) {
        const t = f.value ?? '';
        const m = KEY_ID.exec(t) ?? SECRET_ASSIGN.exec(t);
        if (!m) continue;
        const what = m[0].startsWith('AWS_SECRET') ? 'an AWS secret access key' : `an AWS access key id (${redact(m[0])})`;
        report({ span: f.span, message: `${cap(s.label)}: this value holds ${what}; use the instance role's temporary credentials instead.` });
      }
    }
  },
});
