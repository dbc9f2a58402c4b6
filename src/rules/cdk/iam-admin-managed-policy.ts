import { cdkRule } from './_util';

const BROAD: Record<string, 'error' | 'warning'> = { AdministratorAccess: 'error', PowerUserAccess: 'warning', IAMFullAccess: 'error' };

export default cdkRule(
  {
    slug: 'iam-admin-managed-policy',
    title: 'Role gets an administrator-level AWS managed policy',
    severity: 'error',
    description:
      'AdministratorAccess, IAMFullAccess and PowerUserAccess give a role (often a task or job role) control of the whole account: code execution in a container ' +
      'then becomes account takeover. Task roles should hold only the actions and resources the application uses.',
    remediation: 'Replace the managed policy with a least-privilege policy (`taskDefinition.addToTaskRolePolicy` with specific actions and resources, or `grant*` methods).',
    equivalents: ['AwsSolutions-IAM4'],
  },
  (m, ctx) => {
    const file = m.file;
    for (const s of m.statics) {
      let name: string | undefined;
      let span = file.span(s.node);
      if (s.q === 'iam.ManagedPolicy.fromAwsManagedPolicyName') {
        const a = file.string(s.node.arguments[0]);
        if (a) ({ value: name, span } = a);
      } else if (s.q === 'iam.ManagedPolicy.fromManagedPolicyArn') {
        const a = file.string(s.node.arguments[2]);
        const mm = a && /^arn:aws[a-z-]*:iam::aws:policy\/(?:job-function\/)?([A-Za-z]+)$/.exec(a.value);
        if (mm) {
          name = mm[1];
          span = a!.span;
        }
      }
      if (!name || !(name in BROAD)) continue;
      ctx.report({ span, severity: BROAD[name], message: `The AWS managed policy ${name} gives ${name === 'PowerUserAccess' ? 'nearly full' : 'full'} control of the account.` });
    }
  },
);
