import type { Target } from '../core';
import type { ContainerSpec, WorkloadSpec } from './container';
import type { TaskSpec } from './task';
import type { ServiceSpec } from './service';
import type { RepositorySpec } from './repository';
import type { RegistrySpec } from './registry';
import type { EcsClusterSpec, EksClusterSpec, NodegroupSpec } from './cluster';
import type { RoleSpec } from './iam';
import type { AppRunnerServiceSpec } from './webservice';

/**
 * Everything a reader can put into the shared model. A format reader fills
 * the views it can (each item carries the rule target its findings belong
 * to); a rule reads views, never a format's own syntax tree, unless it is
 * about that syntax (Dockerfile instructions, Kubernetes RBAC objects).
 */
export interface Views {
  containers: ContainerSpec[];
  workloads: WorkloadSpec[];
  tasks: TaskSpec[];
  services: ServiceSpec[];
  repositories: RepositorySpec[];
  registries: RegistrySpec[];
  ecsClusters: EcsClusterSpec[];
  eksClusters: EksClusterSpec[];
  nodegroups: NodegroupSpec[];
  roles: RoleSpec[];
  webServices: AppRunnerServiceSpec[];
}

export type ViewName = keyof Views;

/**
 * Which targets' readers fill each view, and each field that only some
 * readers can fill (`view.field`). A rule exists for exactly the targets
 * that produce every view (and field) it reads: adding a reader for a view
 * adds the rules written against it. Keep this table true: a test checks
 * that every listed target has fixtures for each rule it instantiates.
 */
export const VIEW_TARGETS = {
  containers: ['k8s', 'ecs', 'cdk', 'tf'],
  /** logConfiguration: ECS, CDK and Terraform say where logs go; Kubernetes leaves it to the node */
  'containers.logging': ['ecs', 'cdk', 'tf'],
  /** the ports a container listens on: Kubernetes, ECS, CDK and Terraform (not ECS Express, whose readers do not fill them) */
  'containers.ports': ['k8s', 'ecs', 'cdk', 'tf'],
  /** allowPrivilegeEscalation exists in Kubernetes only */
  'containers.allowPrivilegeEscalation': ['k8s'],
  workloads: ['k8s', 'ecs', 'cdk', 'tf'],
  tasks: ['ecs', 'cdk', 'tf'],
  /** what in a task needs an execution role: CDK creates one itself when it does */
  'tasks.executionRoleNeeds': ['ecs'],
  /** host and EFS volumes as task definitions (JSON, CloudFormation, CDK, Terraform) write them */
  'tasks.volumes': ['ecs', 'cdk', 'tf'],
  services: ['ecs', 'cdk', 'tf'],
  /** the Fargate platform version a service pins (not ECS Express, which has none) */
  'services.platformVersion': ['ecs', 'cdk', 'tf'],
  /** CDK's `vpcSubnets: { subnetType: PUBLIC }` */
  'services.publicSubnets': ['cdk'],
  /** ECS Express services (CloudFormation, CDK and Terraform) fall back to the default VPC when they name no subnets */
  'services.defaultVpc': ['ecs', 'cdk', 'tf'],
  repositories: ['ecr', 'cdk', 'tf'],
  /** a lifecycle policy: a property in CloudFormation and CDK; in Terraform a resource of its own, possibly in another file */
  'repositories.lifecyclePolicy': ['ecr', 'cdk'],
  /** registry-level ECR resources (scanning configuration, creation templates …) in CloudFormation */
  registries: ['ecr'],
  ecsClusters: ['ecs', 'cdk', 'tf'],
  eksClusters: ['cdk', 'eks', 'tf'],
  nodegroups: ['eks', 'tf'],
  roles: ['cdk', 'iam', 'tf'],
  webServices: ['apprunner', 'cdk', 'tf'],
} as const satisfies Record<string, readonly Target[]>;

export type ViewKey = keyof typeof VIEW_TARGETS;

export function emptyViews(): Views {
  return {
    containers: [], workloads: [], tasks: [], services: [], repositories: [], registries: [],
    ecsClusters: [], eksClusters: [], nodegroups: [], roles: [], webServices: [],
  };
}

export const VIEW_NAMES: readonly ViewName[] = Object.keys(emptyViews()) as ViewName[];
