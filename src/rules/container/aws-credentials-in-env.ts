import { detectSecret } from '../../core';
import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { who } from './_util';

export default defineRule({
  slug: 'aws-credentials-in-env',
  title: 'AWS credentials in the container environment',
  severity: 'error',
  description:
    'Long-lived AWS access keys in a workload definition are readable by anyone who can read the manifest or task definition, never rotate, ' +
    'and keep working after they leak. Workloads on AWS get short-lived credentials from a role instead.',
  remediation:
    'Remove the keys and give the workload an IAM role: IRSA (an `eks.amazonaws.com/role-arn` annotation on its ServiceAccount) or EKS Pod Identity on EKS, a task role on ECS; then deactivate the leaked keys.',
  fix: 'unsafe',
  reads: ['containers'],
  equivalents: {
    ecs: ['AVD-AWS-0036', 'ECS.8'],
  },
  per: {
    ecs: { remediation: 'Remove the keys and give the task a task role (`taskRoleArn`); then deactivate the leaked keys.' },
    cdk: { remediation: 'Remove the keys and grant the task role the permissions it needs (`taskDefinition.taskRole`); then deactivate the leaked keys.' },
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      for (const e of c.env) {
        const name = e.name.known ? e.name.value : undefined;
        const value = e.value ? (e.value.known ? e.value.value : undefined) : undefined;
        if (!e.value) continue; // valueFrom: a secret reference is the lesser evil (the IRSA advice is in the docs)
        const v = detectSecret(name, value);
        if (!v || !v.aws) continue;
        const fixes: Fix[] = [];
        const edits = c.writer.removeEnv(e);
        if (edits?.length) fixes.push({ title: `Remove ${name ?? 'the variable'} (use a role instead)`, safety: 'unsafe', edits });
        const remedy = c.target === 'k8s' ? 'use IRSA or EKS Pod Identity instead' : 'use a task role instead';
        report({ span: e.value.known ? e.value.span : e.name.span, message: `${who(c)} has AWS credentials in its environment (${v.reason}); ${remedy}.`, fixes });
      }
    }
  },
});
