import type { Fix, Span, Target } from '../core';
import type { Field } from './container';

/**
 * An IAM role that a workload runs as (task role, job role, instance role,
 * App Runner instance role), with the permissions attached to it in the same
 * file: inline and attached policy statements, managed policy ARNs.
 * CloudFormation `AWS::IAM::Role`/`Policy`/`ManagedPolicy`, CDK `iam.Role`
 * and `addToTaskRolePolicy`.
 */
export interface RoleSpec {
  target: Target;
  format: 'cfn' | 'cdk';
  /** "role TaskRole", for messages */
  label: string;
  /** what uses it: "the task role of task definition Web" */
  usedBy: string;
  span: Span;
  anchor: Span;
  statements: StatementSpec[];
  /**
   * ARNs of the managed policies attached (AdministratorAccess, *FullAccess …);
   * CDK `ManagedPolicy.fromAwsManagedPolicyName('X')` reads as X's ARN
   */
  managedPolicies: Field<string>[];
}

export interface StatementSpec {
  allow: boolean;
  /** actions as written; unknown ones left out */
  actions: Field<string>[];
  resources: Field<string>[];
  /** the statement has conditions (or may have, unseen) */
  conditional: boolean;
  /** NotAction / NotResource: the statement grants by exclusion */
  notAction?: Span;
  span: Span;
  /** where it came from, for messages: "policy TaskPolicy", "addToTaskRolePolicy" */
  via: string;
  writer?: { scopeActions?(): Fix | undefined };
}

/** An action pattern that grants everything in a service or everything at all (`*`, `s3:*`). */
export function isWildcardAction(a: string): boolean {
  const t = a.trim();
  return t === '*' || /^[a-z0-9-]+:\*$/i.test(t);
}

/**
 * The name of the AWS managed policy an `arn:aws:iam::aws:policy/…` ARN
 * names (job-function policies included). Undefined for customer managed
 * policies and anything else.
 */
export function awsManagedPolicyName(v: string): string | undefined {
  const t = v.trim();
  // the partition may be a Terraform interpolation (`arn:${data.aws_partition.current.partition}:…`): still an AWS managed policy
  const m = /^arn:(?:aws[a-z-]*|\$\{[^}]*\}):iam::aws:policy\/(?:job-function\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(t);
  return m ? m[1] : undefined;
}
