// The App Runner rules, one file per slug (sorted), written once over the
// web service view: apprunner/… for apprunner.yaml and CloudFormation,
// cdk/apprunner-… for CDK. A test checks this list against the folder.
import type { RuleInstance } from '../rule';
import autoDeployMutableTag from './auto-deploy-mutable-tag';
import awsCredentials from './aws-credentials';
import egressDefault from './egress-default';
import imageLatest from './image-latest';
import noInstanceRole from './no-instance-role';
import noKmsKey from './no-kms-key';
import publicIngress from './public-ingress';
import secretInEnv from './secret-in-env';
import tcpHealthCheck from './tcp-health-check';

export const apprunnerRules: RuleInstance[] = [
  ...autoDeployMutableTag,
  ...awsCredentials,
  ...egressDefault,
  ...imageLatest,
  ...noInstanceRole,
  ...noKmsKey,
  ...publicIngress,
  ...secretInEnv,
  ...tcpHealthCheck,
];
