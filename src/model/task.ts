import type { Fix, Span, Target } from '../core';
import type { ContainerSpec, Field } from './container';
import type { Setting } from './setting';

/**
 * A task: what runs a group of containers with one AWS identity. ECS task
 * definitions (JSON, CloudFormation `AWS::ECS::TaskDefinition`, CDK
 * `CfnTaskDefinition`), AWS Batch job definitions (`jobRoleArn`) and the
 * task that an ECS Express gateway service runs. Written once for the
 * task-level rules (no task role, execution role, network/pid/ipc modes,
 * volumes).
 */
export interface TaskSpec {
  target: Target;
  format: 'ecs-json' | 'cfn' | 'batch' | 'cdk' | 'express';
  kind: 'task' | 'job' | 'express';
  /** "task definition Web", `CfnTaskDefinition "Web"`, for messages */
  label: string;
  span: Span;
  /** where "missing X" findings point */
  anchor: Span;
  /** the task (job) role; an empty string reads as 'missing' */
  taskRole: Setting<string>;
  /** the key is there with an empty value: where a "no task role" finding points */
  emptyTaskRole?: Span;
  /** how the format spells the task-role key (`taskRoleArn`, `TaskRoleArn`, `jobRoleArn`, `JobRoleArn`), for messages */
  taskRoleKey: string;
  executionRole: Setting<string>;
  /** `requiresCompatibilities` / Batch `platformCapabilities`: FARGATE, EC2, EXTERNAL; 'unknown' when not readable */
  launchTypes: string[] | 'unknown';
  /** awsvpc, bridge, host, none */
  networkMode: Setting<string>;
  pidMode: Setting<string>;
  ipcMode: Setting<string>;
  volumes: VolumeSpec[];
  /** the containers it runs (also in Views.containers) */
  containers: ContainerSpec[];
  /** containers may come from something unseen */
  containersUnknown: boolean;
  /** why the execution role is needed, when something in the task needs it (secrets, awslogs, an ECR image on Fargate …) */
  executionRoleNeeds?: { span: Span; why: string };
  writer: TaskWriter;
}

export interface VolumeSpec {
  name?: string;
  span: Span;
  /** names of the containers that mount it */
  mountedBy: string[];
  /** `host.sourcePath` / `Host.SourcePath` */
  hostPath?: Field<string>;
  efs?: {
    /** the `efsVolumeConfiguration` key, where "missing transit encryption" points */
    anchor: Span;
    transitEncryption: Setting<string>;
    enableTransitEncryption?(): Fix | undefined;
  };
}

export interface TaskWriter {
  /** add a task (job) role and reference it (CloudFormation: a new AWS::IAM::Role) */
  addTaskRole?(): Fix | undefined;
  /** add an execution role */
  addExecutionRole?(): Fix | undefined;
}
