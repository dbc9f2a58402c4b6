import { defineRule } from '../rule';
import { cap, keyFor } from './_util';

const CALLS_AWS = /^AWS_|(^|_)(S3|DYNAMO(DB)?|SQS|SNS|KINESIS|SES|BEDROCK|SECRETS?_?MANAGER|SSM|KMS)(_|$)|_(BUCKET|TABLE|QUEUE(_URL)?|TOPIC(_ARN)?|STREAM)(_NAME)?$/i;

export default defineRule({
  slug: 'no-instance-role',
  title: 'App Runner service has no instance role',
  severity: 'info',
  description:
    'Without an instance role the code in an App Runner service has no AWS identity: whatever it needs from AWS ends up as access keys in its environment, ' +
    'and App Runner cannot read `RuntimeEnvironmentSecrets` for it. An instance role trusted by `tasks.apprunner.amazonaws.com`, granting only what the code needs, ' +
    'gives it short-lived credentials instead. Reported as a warning when the service evidently calls AWS (secrets to read, AWS-named variables), else as info.',
  remediation: 'Set `InstanceConfiguration.InstanceRoleArn` to a role trusted by `tasks.apprunner.amazonaws.com` that grants only what the service needs.',
  fix: 'manual',
  reads: ['webServices'],
  // Terraform: the fix would add a role resource, which the HCL writer does not yet
  per: { tf: { remediation: 'Set `instance_configuration { instance_role_arn = … }` to a role trusted by `tasks.apprunner.amazonaws.com` that grants only what the service needs.' }, cdk: { fix: undefined, remediation: 'Pass an `iam.Role` assumed by `tasks.apprunner.amazonaws.com` (`instanceRole` on the alpha `Service`, `instanceConfiguration.instanceRoleArn` on `CfnService`), granting only what the service needs.' } },
  check({ webServices }, { report }) {
    for (const s of webServices) {
      if (s.instanceRole !== 'missing') continue;
      const awsVar = s.env.find((e) => e.name.known && CALLS_AWS.test(e.name.value!));
      const evidence = s.secretCount > 0 ? 'it reads secrets, which App Runner fetches with the instance role' : awsVar ? `${awsVar.name.value} suggests it calls AWS` : undefined;
      const key = keyFor(s, 'InstanceConfiguration.InstanceRoleArn', 'instanceConfiguration.instanceRoleArn', 'instanceRole');
      const fix = s.writer.addInstanceRole?.();
      report({
        span: s.anchor,
        message: `${cap(s.label)} has no instance role (${key})${evidence ? `, yet ${evidence}` : ''}: its code gets no AWS identity of its own.`,
        severity: evidence ? 'warning' : undefined,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
