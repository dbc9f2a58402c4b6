import type { Fix, Span, Target } from '../core';
import type { Field } from './container';
import type { Setting } from './setting';

/**
 * An EKS cluster's control plane: CloudFormation `AWS::EKS::Cluster`, CDK
 * `eks.Cluster`/`FargateCluster`/`CfnCluster`, eksctl `ClusterConfig`.
 */
export interface EksClusterSpec {
  target: Target;
  format: 'cfn' | 'cdk' | 'cdk-l1' | 'eksctl';
  label: string;
  span: Span;
  anchor: Span;
  /** the API endpoint is reachable from the internet (EndpointPublicAccess; default true) */
  publicAccess: Setting<boolean>;
  privateAccess: Setting<boolean>;
  /** `PublicAccessCidrs` (default 0.0.0.0/0) */
  publicAccessCidrs: Field<string>[] | 'missing' | 'unknown';
  /** `EncryptionConfig` of `secrets` with a KMS key: 'missing' when none */
  secretsEncryption: Setting<string>;
  /** enabled control-plane log types (api, audit, authenticator, controllerManager, scheduler) */
  logTypes: Field<string>[] | 'missing' | 'unknown';
  /** where a "missing log types" finding points when there is a logging block */
  loggingAnchor?: Span;
  /** `AccessConfig.AuthenticationMode`: CONFIG_MAP, API_AND_CONFIG_MAP, API */
  authenticationMode: Setting<string>;
  /** how the format names what the messages mention; each has a CloudFormation-spelled default */
  wording?: EksClusterWording;
  writer: EksClusterWriter;
}

/** The control-plane log types, as `logTypes` holds them (CloudFormation's and the EKS API's spelling). */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

export interface EksClusterWording {
  /** why an unset endpoint setting is public: "endpointAccess defaults to PUBLIC_AND_PRIVATE" */
  endpointDefault?: string;
  /** the key that turns on secrets encryption: "secretsEncryptionKey" */
  secretsKey?: string;
  /** the key that lists the log types: "clusterLogging" */
  loggingKey?: string;
  /** a log type (one of EKS_LOG_TYPES) as the format writes it: "API" for `eks.ClusterLoggingTypes.API` */
  logType?(t: string): string;
}

export interface EksClusterWriter {
  makeEndpointPrivate?(): Fix | undefined;
  /** limits the public endpoint to a CIDR (a placeholder the user replaces) */
  restrictPublicAccess?(): Fix | undefined;
  enableSecretsEncryption?(): Fix | undefined;
  /** turns on every log type: all of them when none is listed, else the ones lacking */
  enableAllLogs?(): Fix | undefined;
}

/**
 * An EKS node group (`AWS::EKS::Nodegroup`; eksctl `managedNodeGroups` and
 * self-managed `nodeGroups`).
 */
export interface NodegroupSpec {
  target: Target;
  format: 'cfn' | 'eksctl' | 'cdk';
  label: string;
  span: Span;
  anchor: Span;
  /**
   * SSH access to the nodes is on (`RemoteAccess` with a key; eksctl
   * `ssh.allow` or a public key). `span` is where it is turned on. Without
   * source security groups port 22 is opened to 0.0.0.0/0, unless `vpcOnly`
   * says the reader knows it is opened to the VPC's CIDR only (eksctl does
   * that for `privateNetworking` node groups); `'unknown'` when that cannot
   * be known.
   */
  remoteAccess?: { span: Span; sourceSecurityGroups: Field<string>[] | 'missing' | 'unknown'; vpcOnly?: boolean | 'unknown' };
  writer?: NodegroupWriter;
}

export interface NodegroupWriter {
  /** limits SSH to source security groups (a placeholder id the user replaces) */
  restrictSsh?(): Fix | undefined;
}

/** An ECS cluster (`AWS::ECS::Cluster`, CDK `ecs.Cluster`/`CfnCluster`). */
export interface EcsClusterSpec {
  target: Target;
  format: 'cfn' | 'cdk' | 'cdk-l1';
  label: string;
  span: Span;
  anchor: Span;
  /** Container Insights: enabled / enhanced / disabled, from ClusterSettings or `containerInsights(V2)` */
  containerInsights: Setting<string>;
  /** ECS Exec configuration: logging (DEFAULT/NONE/OVERRIDE) and KMS key */
  execLogging: Setting<string>;
  execKmsKey: Setting<string>;
  /** the ExecuteCommandConfiguration block is present */
  execConfig?: Span;
  /**
   * Where ECS Exec session logs go when logging is OVERRIDE
   * (`LogConfiguration`): each destination named (a CloudWatch log group, an
   * S3 bucket; `span` on its name) with its encryption flag. 'unknown' when
   * the configuration cannot be read.
   */
  execLogDestinations: ExecLogDestination[] | 'unknown';
  writer: EcsClusterWriter;
}

export interface ExecLogDestination {
  kind: 'CloudWatch' | 'S3';
  span: Span;
  /** CloudWatchEncryptionEnabled / S3EncryptionEnabled (default false) */
  encrypted: Setting<boolean>;
  /** the key that holds the flag, as the format spells it */
  flagName: string;
}

export interface EcsClusterWriter {
  enableContainerInsights?(): Fix | undefined;
  /** turns on encryption for an ECS Exec log destination */
  encryptExecLogs?(d: ExecLogDestination): Fix | undefined;
}
