import type { Fix, Span } from '../core';
import type { EnvVar, Field } from './container';
import type { Setting } from './setting';


export type { Setting };

/**
 * An App Runner service, normalised over the places that describe one:
 * `apprunner.yaml` (source-code deployments: only `run.env`/`run.secrets`
 * are its own, every other setting is 'unknown'), CloudFormation
 * `AWS::AppRunner::Service`, and CDK (`apprunner.CfnService`, the alpha
 * `Service`). The App Runner rules are written once against it and
 * instantiated as `apprunner/<slug>` and `cdk/apprunner-<slug>`.
 */
export interface AppRunnerServiceSpec {
  target: 'apprunner' | 'cdk';
  format: 'apprunner.yaml' | 'cfn' | 'cdk-l1' | 'cdk-alpha';
  /** `service Api`, `CfnService "Api"`, for messages */
  label: string;
  span: Span;
  /** where "missing X" findings point */
  anchor: Span;
  /** `InstanceConfiguration.InstanceRoleArn` / `instanceRole` */
  instanceRole: Setting<string>;
  /** plain runtime environment variables (`RuntimeEnvironmentVariables`, `run.env`) */
  env: EnvVar[];
  envUnknown: boolean;
  /** secrets the service reads from Secrets Manager / SSM (`RuntimeEnvironmentSecrets`, `run.secrets`) */
  secretCount: number;
  /** other text that may hold keys (build and start commands): apprunner.yaml only */
  otherStrings: Field<string>[];
  /** variables that have no secret alternative (apprunner.yaml `build.env`): checked for AWS keys only */
  extraEnv?: EnvVar[];
  /** `EncryptionConfiguration.KmsKey` / `kmsKey` */
  kmsKey: Setting<string>;
  /** `NetworkConfiguration.IngressConfiguration.IsPubliclyAccessible` (default true) */
  publicIngress: Setting<boolean>;
  /** why the service counts as internal (a tag, its name, a VPC ingress connection), when it does */
  internal?: string;
  /** `NetworkConfiguration.EgressConfiguration.EgressType` (default DEFAULT) */
  egressType: Setting<string>;
  /** logical ids of `AWS::AppRunner::VpcConnector` resources in the same template/stack */
  vpcConnectors: string[];
  /** `HealthCheckConfiguration.Protocol` (default TCP) */
  healthProtocol: Setting<string>;
  /** `ImageRepository.ImageIdentifier` (image-based services) */
  image?: Field<string>;
  /** ECR or ECR_PUBLIC */
  imageRepositoryType?: string;
  /** `SourceConfiguration.AutoDeploymentsEnabled` */
  autoDeploy?: Field<boolean>;
  /** the image's repository is defined alongside with immutable tags */
  imageTagsImmutable?: boolean;
  writer: AppRunnerWriter;
}

export interface AppRunnerWriter {
  addInstanceRole?(): Fix | undefined;
  moveEnvToSecret?(env: EnvVar): Fix | undefined;
  removeEnv?(env: EnvVar): Fix | undefined;
  addEncryption?(): Fix | undefined;
  makePrivate?(): Fix | undefined;
  egressThroughConnector?(): Fix | undefined;
  httpHealthCheck?(): Fix | undefined;
}

export interface AppRunnerHolder {
  appRunnerServices?: AppRunnerServiceSpec[];
}

export function appRunnerServicesOf(model: unknown): AppRunnerServiceSpec[] {
  const r = model && typeof model === 'object' ? (model as AppRunnerHolder).appRunnerServices : undefined;
  return Array.isArray(r) ? r : [];
}
