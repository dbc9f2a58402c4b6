import type { Span } from '../../core';
import type { ContainerSpec, Field, WorkloadSpec } from '../../model/container';
import type { RepositorySpec } from '../../model/repository';
import type { AppRunnerServiceSpec } from '../../model/webservice';
import type { BaseModel } from '../model';
import type { Pair, YAMLMap } from '../yaml/doc';
import type { YamlEditor } from '../yaml/edit';

/** The ECS model's types (apart from the reader, so writers and adapters import no parser). */
export type EcsFormat = 'ecs-json' | 'cfn' | 'batch';

/** Where a task/job role lives and what the key is called. */
export interface RoleSlot {
  /** the mapping that holds (or would hold) the role key */
  map: YAMLMap;
  /** camelCase key: taskRoleArn | jobRoleArn */
  key: 'taskRoleArn' | 'jobRoleArn';
  role?: Field<string>;
  executionRole?: Field<string>;
}

export interface EcsVolume {
  node: YAMLMap;
  name?: string;
  /** `host.sourcePath` */
  hostPath?: Field<string>;
  /** the EFS configuration mapping and its pair (for the key's span) */
  efs?: { pair: Pair; map?: YAMLMap; transitEncryption?: Field<string> };
}

export interface EcsContainer {
  spec: ContainerSpec;
  node: YAMLMap;
  /** `secrets` non-empty (or unknown) */
  secretsPair?: Pair;
  /** the log driver, when `logConfiguration` is present */
  logDriver?: Field<string>;
  logPair?: Pair;
  /** `repositoryCredentials` pair (a private registry) */
  repositoryCredentials?: Pair;
}

export interface EcsTaskDef {
  format: EcsFormat;
  /** 'task' for ECS task definitions and Batch ecsProperties tasks; 'job' for Batch container jobs */
  kind: 'task' | 'job';
  label: string;
  /** CloudFormation logical id */
  logicalId?: string;
  /** the resource another format's reader built it from (Terraform's `aws_ecs_task_definition.web`): what a resource a fix adds is named after */
  owner?: string;
  /** family / job definition name, when known */
  family?: string;
  /** the mapping holding the task-level keys (Properties for CloudFormation) */
  node: YAMLMap;
  span: Span;
  /** where task-level "missing" findings point */
  anchor: Span;
  role: RoleSlot;
  networkMode?: Field<string>;
  pidMode?: Field<string>;
  ipcMode?: Field<string>;
  /** requiresCompatibilities / platformCapabilities include FARGATE */
  fargate: boolean;
  volumes: EcsVolume[];
  /** the volume list could not be read */
  volumesUnknown: boolean;
  containers: EcsContainer[];
  /** the container list could not be (fully) read */
  containersUnknown: boolean;
  workload: WorkloadSpec;
}

export interface EcsService {
  format: 'ecs-json' | 'cfn';
  label: string;
  node: YAMLMap;
  assignPublicIp?: Field<string>;
}

export type { CfnTemplate } from '../cloudformation/template';
import type { CfnTemplate } from '../cloudformation/template';

export interface EcsModel extends BaseModel {
  kind: 'ecs-json' | 'cloudformation';
  taskDefs: EcsTaskDef[];
  services: EcsService[];
  editor: YamlEditor;
  json: boolean;
  cfn?: CfnTemplate;
  /** `AWS::ECR::Repository` resources, for the shared repository rules (target ecr) */
  repositories?: RepositorySpec[];
  /** `AWS::AppRunner::Service` resources, for the App Runner rules */
  appRunnerServices?: AppRunnerServiceSpec[];
}
