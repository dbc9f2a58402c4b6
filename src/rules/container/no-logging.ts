import { defineRule } from '../rule';

export default defineRule({
  slug: 'no-logging',
  title: 'Container has no log configuration',
  severity: 'warning',
  description:
    'A container without a log configuration (or with the `none` driver) leaves its output on the instance, where Fargate discards it with the task: ' +
    'there is no record to investigate an incident with, and nothing for alarms to watch. CloudWatch Logs (`awslogs`) or FireLens keep it.',
  remediation: 'Add a `logConfiguration` with the `awslogs` driver (log group, region and stream prefix), or route logs through FireLens.',
  fix: 'manual',
  reads: ['containers', 'containers.logging'],
  equivalents: {
    ecs: ['AwsSolutions-ECS7'],
    cdk: ['AwsSolutions-ECS7'],
  },
  per: {
    tf: { remediation: 'Add a `logConfiguration` with the `awslogs` driver (log group, region and stream prefix) to the container in `container_definitions`, or route logs through FireLens.' },
    cdk: {
      fix: 'safe',
      remediation: 'Set `logging: ecs.LogDrivers.awsLogs({ streamPrefix: … })` on the container (or route logs through FireLens).',
    },
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      const l = c.logging;
      if (!l?.known || l.value !== false) continue;
      const fix = c.writer.addLogging?.();
      report({
        span: l.span,
        message: `Container ${c.name ? `"${c.name}" ` : ''}${l.span.start === c.anchor.start ? 'has no log configuration' : 'disables logging'}: its output is not kept anywhere.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
