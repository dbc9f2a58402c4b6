import type { CfnReader } from './resource';
import { ecsClusterReader } from './ecs-cluster';
import { eksReader } from './eks';
import { expressReader } from './express';
import { iamReader } from './iam';
import { registryReader } from './registry';

/**
 * The per-service readers of resource types beyond task definitions,
 * services, Batch jobs, ECR repositories and App Runner (one entry per
 * reader module, sorted).
 */
export const CFN_READERS: readonly CfnReader[] = [
  ecsClusterReader,
  eksReader,
  expressReader,
  iamReader,
  registryReader,
];
