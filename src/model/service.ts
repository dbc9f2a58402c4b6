import type { Fix, Span, Target } from '../core';
import type { Field } from './container';
import type { Setting } from './setting';

/**
 * A long-running ECS service: `AWS::ECS::Service` / `TaskSet`, `ecs create-service`
 * input, CDK `FargateService`/`Ec2Service`/`ecs_patterns.*`, ECS Express
 * gateway services. Written once for the service-level rules (public IP,
 * ECS Exec, exposure).
 */
export interface ServiceSpec {
  target: Target;
  format: 'ecs-json' | 'cfn' | 'cdk' | 'express';
  label: string;
  span: Span;
  anchor: Span;
  /** `assignPublicIp` (ENABLED/DISABLED; CDK's boolean reads as ENABLED/DISABLED) */
  assignPublicIp: Setting<string>;
  /** subnets as written (ids, Refs); 'unknown' when not readable */
  subnets: Field<string>[] | 'unknown';
  securityGroups: Field<string>[] | 'unknown';
  /** `enableExecuteCommand` */
  enableExecuteCommand: Setting<boolean>;
  /** the Fargate platform version it pins (`LATEST`, `1.4.0` …); undefined where the format cannot say */
  platformVersion?: Setting<string>;
  /** the service places tasks in public subnets (CDK `vpcSubnets: { subnetType: PUBLIC }`) */
  publicSubnets?: Field<string>;
  /**
   * The service names no subnets, so its tasks run in the account's default
   * VPC (an ECS Express service without `NetworkConfiguration.Subnets`): true
   * points where subnets would go; false when it names its own; undefined for
   * formats that always place tasks in subnets they name.
   */
  defaultVpc?: Field<boolean>;
  writer: ServiceWriter;
}

export interface ServiceWriter {
  disablePublicIp?(): Fix | undefined;
  disableExecuteCommand?(): Fix | undefined;
  /** selects private subnets instead of the public ones `publicSubnets` names */
  usePrivateSubnets?(): Fix | undefined;
  /** names subnets and security groups of the user's own (placeholder ids) instead of the default VPC's */
  useOwnSubnets?(): Fix | undefined;
}
