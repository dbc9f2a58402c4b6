import { cdkRule, constructs, fix, label, missing, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'cfn-task-definition-no-task-role',
    title: 'L1 CfnTaskDefinition has no task role',
    severity: 'warning',
    description:
      'Unlike the L2 TaskDefinition, which creates an empty task role by default, a `CfnTaskDefinition` without `taskRoleArn` gives its containers no ' +
      'credentials of their own: on EC2 an SDK in the container then falls back to the instance role through the metadata service, sharing the host\'s permissions.',
    remediation: 'Set `taskRoleArn` to a dedicated role assumed by `ecs-tasks.amazonaws.com` that holds only what the task needs (the quick fix adds an empty one).',
    equivalents: [],
    fix: 'unsafe',
  },
  (m, ctx) => {
    const file = m.file;
    for (const n of constructs(m, 'ecs.CfnTaskDefinition')) {
      if (!missing(n, 'taskRoleArn')) continue;
      const rc = file.array(n.props?.get('requiresCompatibilities')?.value);
      const compat = rc?.elements.map((e) => file.string(e)?.value);
      if (compat && compat.length > 0 && compat.every((c) => c === 'FARGATE')) continue; // Fargate has no instance role to fall back to
      const imp = m.editor.imports();
      const sp = imp.ref('iam', 'ServicePrincipal');
      const role = `new ${imp.ref('iam', 'Role')}(this, ${m.editor.str(`${n.id ?? ''}TaskRole`)}, { assumedBy: new ${sp}(${m.editor.str('ecs-tasks.amazonaws.com')}) }).roleArn`;
      const e = setConstructProp(m, n, undefined, 'taskRoleArn', role);
      ctx.report({
        span: n.anchor,
        message: `${label(n)} has no taskRoleArn: on EC2 its containers fall back to the instance role.`,
        fixes: fix('Add a dedicated, empty task role', 'unsafe', e ? [...e, ...imp.edits] : undefined),
      });
    }
  },
);
