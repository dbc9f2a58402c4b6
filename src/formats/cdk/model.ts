/**
 * What the CDK reader produces: the constructs, calls and image references
 * of a file, read statically, and the model the rules receive. The view
 * builders (containers, clusters, services, tasks, roles …) take it from
 * here, so none of them depends on the parser that calls them.
 */
import type * as TS from 'typescript';
import type { Span } from '../../core';
import type { BaseModel } from '../model';
import type { AppRunnerServiceSpec } from '../../model/webservice';
import type { RepositorySpec } from '../../model/repository';
import type { CdkFile, Props } from './ast';
import type { CdkEditor } from './edit';

/** `new X(scope, id, props)` where X resolves to an aws-cdk-lib construct. */
export interface CdkNew {
  /** qualified name, e.g. 'ecs.Cluster', 'ecs_patterns.ApplicationLoadBalancedFargateService' */
  q: string;
  node: TS.NewExpression;
  /** the construct id, when a literal */
  id?: string;
  /** where findings about a missing prop point: the class name in `new ecs.Cluster` */
  anchor: Span;
  /** the props object (undefined when absent or not a visible literal: see propsUnknown) */
  props?: Props;
  /** a props argument exists but cannot be read */
  propsUnknown: boolean;
  /** the variable or `this.x` it is assigned to */
  bound?: string;
  /** its CloudFormation resource is reached through an escape hatch (`node.defaultChild`): its props may not be what deploys */
  overridden?: boolean;
}

/** A method call `receiver.method(args)` (instance methods: addContainer, addToTaskRolePolicy …). */
export interface CdkCall {
  method: string;
  node: TS.CallExpression;
  receiver: TS.Expression;
  /** the construct the receiver is bound to, when visible */
  target?: CdkNew;
  /** `x.taskRole.addToPolicy` → 'taskRole' (the property between the construct and the method) */
  via?: string;
}

/** An image reference written in the file (for the ECR view). */
export interface CdkImageRef {
  kind: 'registry' | 'ecr' | 'asset';
  /** `fromRegistry('…')`: the reference */
  image?: string;
  /** `fromEcrRepository(repo, 'tag')`: the tag */
  tag?: string;
  /** the literal (or the call when there is none) */
  span: Span;
  call: Span;
}

export interface CdkModel extends BaseModel {
  kind: 'cdk';
  file?: CdkFile;
  editor?: CdkEditor;
  news: CdkNew[];
  calls: CdkCall[];
  /** calls of static aws-cdk-lib members: 'iam.ManagedPolicy.fromAwsManagedPolicyName' … */
  statics: { q: string; node: TS.CallExpression }[];
  imageRefs: CdkImageRef[];
  /** `ecr.Repository` constructs, for the shared repository rules */
  repositories?: RepositorySpec[];
  /** App Runner services (`apprunner.CfnService`, the alpha `Service`), for the App Runner rules */
  appRunnerServices?: AppRunnerServiceSpec[];
}
