import { cdkRule, constructs, label, missing } from './_util';

export default cdkRule(
  {
    slug: 'batch-no-job-role',
    title: 'Batch EC2 job container has no job role',
    severity: 'warning',
    description:
      'A Batch job on EC2 without a `jobRole` gets no credentials of its own, so code that calls AWS falls back to the instance profile through the instance ' +
      'metadata service: every job on the compute environment shares the host\'s permissions. A dedicated job role scopes each job\'s access.',
    remediation: 'Set `jobRole` to a role assumed by `ecs-tasks.amazonaws.com` with only the permissions the job needs, and block IMDS access from containers.',
    equivalents: [],
  },
  (m, ctx) => {
    for (const n of constructs(m, 'batch.EcsEc2ContainerDefinition')) {
      if (!missing(n, 'jobRole')) continue;
      ctx.report({ span: n.anchor, message: `${label(n)} has no jobRole: the job uses the instance role's credentials.` });
    }
  },
);
