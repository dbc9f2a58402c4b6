import type { Fix, Rule, Span } from '../../core';
import type { FormatModel } from '../../formats/parse';
import { arnParts, insertBefore, keyName, placeholdersIn } from '../../formats/ecs/writer';
import { getPairCI, nodeSpan, Node } from '../../formats/yaml/doc';
import { cap, ecsModel } from './_util';

const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

const rule: Rule<FormatModel> = {
  meta: {
    id: 'ecs/missing-execution-role',
    title: 'Task definition needs an execution role it does not have',
    severity: 'warning',
    target: 'ecs',
    description:
      'The execution role (`executionRoleArn`) is what the ECS agent uses to fetch `secrets` from Secrets Manager or SSM, ' +
      'to send `awslogs` output to CloudWatch Logs and to pull from a private registry (and from ECR on Fargate). Without it the task fails ' +
      'to start — and the usual "fix" is to put the secret back in plaintext or to widen the instance role that every task shares.',
    remediation:
      'Set `executionRoleArn` to a role trusted by `ecs-tasks.amazonaws.com` with the `AmazonECSTaskExecutionRolePolicy` managed policy (plus read access to the secrets it must fetch).',
    equivalents: [],
    fix: 'manual',
  },
  check(m, ctx) {
    const model = ecsModel(m);
    if (!model) return;
    for (const td of model.taskDefs) {
      if (td.role.executionRole) continue;
      let need: { span: Span; why: string } | undefined;
      for (const c of td.containers) {
        if (c.secretsPair) need = { span: nodeSpan(c.secretsPair.key as Node), why: 'its `secrets` are fetched with it' };
        else if (c.repositoryCredentials) need = { span: nodeSpan(c.repositoryCredentials.key as Node), why: 'the private registry credentials are read with it' };
        else if (c.logDriver?.known && c.logDriver.value === 'awslogs') need = { span: c.logDriver.span, why: 'the awslogs driver writes to CloudWatch Logs with it' };
        else if (td.fargate && c.spec.image?.known && ECR_IMAGE.test(c.spec.image.value!)) need = { span: c.spec.image.span, why: 'Fargate pulls the ECR image with it' };
        else if (td.format === 'batch' && td.fargate) need = { span: td.anchor, why: 'Batch jobs on Fargate require it' };
        if (need) break;
      }
      if (!need) continue;
      ctx.report({
        span: need.span,
        message: `${cap(td.label)} has no executionRoleArn, but ${need.why}: the task will fail to start.`,
        fixes: fixFor(model, td),
      });
    }
  },
};

function fixFor(model: NonNullable<ReturnType<typeof ecsModel>>, td: NonNullable<ReturnType<typeof ecsModel>>['taskDefs'][number]): Fix[] {
  if (model.kind === 'cloudformation') return [];
  const parts = arnParts(td.role.role);
  const account = parts?.account ?? '<account>';
  const arn = `arn:${parts?.partition ?? 'aws'}:iam::${account}:role/ecsTaskExecutionRole`;
  const key = keyName(model, 'executionRoleArn');
  const task = getPairCI(td.role.map, td.role.key);
  // right after the task role when there is one (AWS's own order), else at the end
  const next = task ? td.role.map.items[td.role.map.items.indexOf(task as never) + 1] : undefined;
  const e = (next ? insertBefore(model, td.role.map, next, key, arn) : undefined) ?? model.editor.insertEntries(td.role.map, { [key]: arn });
  return [{ title: 'Add executionRoleArn (ecsTaskExecutionRole)', safety: 'manual', edits: [e], placeholders: placeholdersIn([e], parts ? ['ecsTaskExecutionRole'] : ['<account>', 'ecsTaskExecutionRole']) }];
}

export default rule;
