import type { Field } from '../../model/container';
import { defineRule } from '../rule';
import { cap } from '../_text';

/** What a role setting says, as written (an ARN, or the same `!GetAtt Role.Arn` / `role.roleArn` expression). */
function written(f: Field<string>, text: string): string {
  if (f.known) return f.value!.trim();
  return text.slice(f.span.start, f.span.end).replace(/\s+/g, ' ').replace(/^["']|["']$/g, '').trim();
}

export default defineRule({
  slug: 'execution-role-is-task-role',
  title: 'Task uses its execution role as its task role',
  severity: 'warning',
  description:
    'The execution role is what ECS uses to pull the image, write logs and fetch the secrets of every container; the task role is what the application ' +
    'itself gets. One role for both hands the application the rights to read all those secrets and images (and whatever else the execution role ' +
    'was granted), so a compromise of the code reaches further than it needs to.',
  remediation: 'Give the task its own task role with only what the application calls, separate from the execution role.',
  equivalents: { ecs: ['CKV_AWS_249'] },
  reads: ['tasks'],
  check({ tasks }, ctx) {
    for (const t of tasks) {
      const task = t.taskRole;
      const exec = t.executionRole;
      if (typeof task !== 'object' || typeof exec !== 'object') continue; // absent or unseen
      const a = written(task, ctx.text);
      if (!a || a !== written(exec, ctx.text)) continue;
      ctx.report({ span: task.span, message: `${cap(t.label)} uses the same role (${a.length > 80 ? a.slice(0, 77) + '…' : a}) as task role and execution role: the application gets every right ECS needs to start it.` });
    }
  },
});
