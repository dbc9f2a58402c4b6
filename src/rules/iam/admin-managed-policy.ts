import { awsManagedPolicyName } from '../../model/iam';
import { defineRule } from '../rule';

/** The AWS managed policies that hand over the account, and how badly. */
const BROAD: Record<string, 'error' | 'warning'> = { AdministratorAccess: 'error', PowerUserAccess: 'warning', IAMFullAccess: 'error' };

export default defineRule({
  slug: 'admin-managed-policy',
  title: 'Role gets an administrator-level AWS managed policy',
  severity: 'error',
  description:
    'AdministratorAccess, IAMFullAccess and PowerUserAccess give a role (a task, job or pod role: IRSA, EKS Pod Identity) control of the whole account: code execution in a container ' +
    'then becomes account takeover. Task roles should hold only the actions and resources the application uses.',
  remediation: 'Replace the managed policy with a least-privilege policy that lists the specific actions and resources the task uses.',
  reads: ['roles'],
  equivalents: { cdk: ['AwsSolutions-IAM4'] },
  per: {
    cdk: { remediation: 'Replace the managed policy with a least-privilege policy (`taskDefinition.addToTaskRolePolicy` with specific actions and resources, or `grant*` methods).' },
  },
  check({ roles }, ctx) {
    for (const r of roles) {
      for (const p of r.managedPolicies) {
        const name = p.known ? awsManagedPolicyName(p.value!) : undefined;
        if (!name || !Object.prototype.hasOwnProperty.call(BROAD, name)) continue;
        ctx.report({ span: p.span, severity: BROAD[name], message: `The AWS managed policy ${name} gives ${r.label} ${name === 'PowerUserAccess' ? 'nearly full' : 'full'} control of the account.` });
      }
    }
  },
});
