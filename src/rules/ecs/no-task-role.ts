import type { Fix, Rule, TextEdit } from '../../core';
import type { FormatModel } from '../../formats/parse';
import type { EcsModel, EcsTaskDef } from '../../formats/ecs/parse';
import { arnParts, insertBefore, keyName, placeholdersIn, rawToken, withRaw } from '../../formats/ecs/writer';
import { getPairCI } from '../../formats/yaml/doc';
import type { Plain } from '../../formats/yaml/edit';
import { cap, ecsModel } from './_util';

const rule: Rule<FormatModel> = {
  meta: {
    id: 'ecs/no-task-role',
    title: 'Task definition has no task role',
    severity: 'warning',
    target: 'ecs',
    description:
      'Without a task role (`taskRoleArn`, or `jobRoleArn` for a Batch job) the containers have no AWS identity of their own, ' +
      'so the code that needs AWS ends up with long-lived access keys in its environment or image, or borrows the EC2 instance role, ' +
      'which every task on the host shares. AWS\'s first recommendation for ECS is an IAM role per task with only the permissions it needs.',
    remediation:
      'Set `taskRoleArn` (Batch: `jobRoleArn`) to a role trusted by `ecs-tasks.amazonaws.com` that grants only what the task needs; start with no policies.',
    equivalents: [],
    fix: 'manual',
  },
  check(m, ctx) {
    const model = ecsModel(m);
    if (!model) return;
    for (const td of model.taskDefs) {
      if (td.role.role) continue; // present (even as an intrinsic)
      if (td.containers.length === 0 && !td.containersUnknown) continue;
      const what = td.role.key === 'jobRoleArn' ? 'a job role (jobRoleArn)' : 'a task role (taskRoleArn)';
      const fix = model.kind === 'cloudformation' ? cfnFix(model, td) : jsonFix(model, td);
      ctx.report({
        span: td.anchor,
        message: `${cap(td.label)} has no ${what.replace(/^a /, '')}: its containers get no AWS identity of their own (embedded keys or the shared instance role instead).`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/** Insert `key: value` before executionRoleArn when there is one (the order AWS itself uses), else at the end. */
function insertRole(model: EcsModel, td: EcsTaskDef, value: Plain): TextEdit {
  const key = keyName(model, td.role.key);
  // before executionRoleArn, else right after family (AWS's own order), else at the end
  const items = td.role.map.items;
  const family = getPairCI(td.role.map, 'family');
  const at = getPairCI(td.role.map, 'executionRoleArn') ?? (family ? items[items.indexOf(family as never) + 1] : undefined);
  const before = at ? insertBefore(model, td.role.map, at, key, value) : undefined;
  return before ?? model.editor.insertEntries(td.role.map, { [key]: value });
}

function jsonFix(model: EcsModel, td: EcsTaskDef): Fix | undefined {
  const parts = arnParts(td.role.executionRole);
  const family = (td.family ?? 'app').replace(/[^\w+=,.@-]/g, '-');
  const roleName = `${family}-${td.role.key === 'jobRoleArn' ? 'job' : 'task'}-role`;
  const account = parts?.account ?? '<account>';
  const arn = `arn:${parts?.partition ?? 'aws'}:iam::${account}:role/${roleName}`;
  const e = insertRole(model, td, arn);
  return {
    title: `Add ${td.role.key} (role ${roleName}; create it with no policies, trusted by ecs-tasks.amazonaws.com)`,
    safety: 'manual',
    edits: [e],
    placeholders: placeholdersIn([e], parts ? [roleName] : [roleName, '<account>']),
  };
}

function cfnFix(model: EcsModel, td: EcsTaskDef): Fix | undefined {
  const cfn = model.cfn;
  if (!cfn || !td.logicalId) return undefined;
  let roleId = `${td.logicalId}${td.role.key === 'jobRoleArn' ? 'JobRole' : 'TaskRole'}`.replace(/[^A-Za-z0-9]/g, '');
  for (let i = 2; cfn.logicalIds.has(roleId); i++) roleId = roleId.replace(/\d*$/, String(i));
  const raws: string[] = [];
  let ref: Plain;
  if (cfn.shortTags) {
    raws.push(`!GetAtt ${roleId}.Arn`);
    ref = rawToken(0);
  } else ref = { 'Fn::GetAtt': [roleId, 'Arn'] };
  const set = withRaw(insertRole(model, td, ref), raws);
  const role = model.editor.insertEntries(cfn.resources, {
    [roleId]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    },
  });
  return {
    title: `Add ${keyName(model, td.role.key)} and a new role ${roleId} (trusted by ecs-tasks.amazonaws.com, no policies yet)`,
    safety: 'manual',
    edits: [set, role],
    placeholders: placeholdersIn([role], [roleId]),
  };
}

export default rule;
