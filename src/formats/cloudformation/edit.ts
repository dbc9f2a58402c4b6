/** Edit helpers that CloudFormation fixes share: a free logical id, a new IAM role resource, two insertions at one point. */
import type { Span, TextEdit } from '../../core';
import type { YAMLMap } from '../yaml/doc';
import type { YamlEditor } from '../yaml/edit';

/** A logical id not yet used in the template: `base`, else `base2`, `base3` … */
export function freeLogicalId(taken: { has(id: string): boolean }, base: string): string {
  let id = base.replace(/[^A-Za-z0-9]/g, '');
  for (let i = 2; taken.has(id); i++) id = id.replace(/\d*$/, String(i));
  return id;
}

/** The id of a new resource for `owner`: the format's own naming, else a free logical id `<owner><suffix>`. */
export function newResourceId(cfn: { logicalIds: { has(id: string): boolean }; newId?: (owner: string, suffix: string, cfnType: string) => string | undefined }, owner: string, suffix: string, cfnType: string): string {
  return cfn.newId?.(owner, suffix, cfnType) ?? freeLogicalId(cfn.logicalIds, `${owner}${suffix}`);
}

/** Inserts `AWS::IAM::Role` `roleId`, with no policies, trusted by `service` (e.g. ecs-tasks.amazonaws.com). */
export function insertRoleResource(editor: YamlEditor, resources: YAMLMap, roleId: string, service: string): TextEdit {
  return editor.insertEntries(resources, {
    [roleId]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
        },
      },
    },
  });
}

/**
 * A property set on a resource and a new resource inserted after it: when
 * both insertions land on one point (the resource is the template's last),
 * they become one edit with the property first.
 */
export function withNewResource(set: TextEdit, resource: TextEdit): TextEdit[] {
  return set.start === set.end && set.start === resource.start && resource.start === resource.end
    ? [{ ...set, newText: set.newText + resource.newText }]
    : [set, resource];
}

/**
 * Spans, in the text after the edits, of the first occurrence of each needle
 * in the edits' new text (a fix's placeholders: ids the user must replace).
 */
export function placeholdersIn(edits: TextEdit[], needles: string[]): Span[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  const left = new Set(needles);
  let shift = 0;
  for (const x of sorted) {
    for (const n of [...left]) {
      const i = x.newText.indexOf(n);
      if (i >= 0) {
        out.push({ start: x.start + shift + i, end: x.start + shift + i + n.length });
        left.delete(n);
      }
    }
    shift += x.newText.length - (x.end - x.start);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Where the new resource's logical id lands in the text after `edits` (from
 * withNewResource: the resource's text is the end of the last edit): the
 * placeholder a user renames.
 */
export function newResourceIdSpan(edits: TextEdit[], resource: TextEdit, id: string): Span[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const at = sorted.findIndex((e) => e.start === resource.start && e.newText.endsWith(resource.newText));
  // Terraform writes an address `aws_iam_role.x` as `resource "aws_iam_role" "x"`: the name is what to replace
  const name = resource.newText.includes(id) ? id : `"${id.slice(id.lastIndexOf('.') + 1)}"`;
  let i = resource.newText.indexOf(name);
  if (at < 0 || i < 0) return [];
  if (name !== id) {
    i += 1;
    id = name.slice(1, -1);
  }
  const shift = sorted.slice(0, at).reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
  const last = sorted[at];
  const start = last.start + shift + last.newText.length - resource.newText.length + i;
  return [{ start, end: start + id.length }];
}
