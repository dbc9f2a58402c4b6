// The cdk rules, one file each (sorted). A test checks this list against the folder.
import type { Rule } from '../../core';
import batchNoJobRole from './batch-no-job-role';
import cfnTaskDefinitionNoTaskRole from './cfn-task-definition-no-task-role';
import clusterContainerInsights from './cluster-container-insights';
import eksControlPlaneLogging from './eks-control-plane-logging';
import eksPublicEndpoint from './eks-public-endpoint';
import eksSecretsEncryption from './eks-secrets-encryption';
import iamAdminManagedPolicy from './iam-admin-managed-policy';
import iamWildcardPolicy from './iam-wildcard-policy';
import servicePublicIp from './service-public-ip';
import servicePublicSubnet from './service-public-subnet';

export const cdkRules: Rule<any>[] = [
  batchNoJobRole,
  cfnTaskDefinitionNoTaskRole,
  clusterContainerInsights,
  eksControlPlaneLogging,
  eksPublicEndpoint,
  eksSecretsEncryption,
  iamAdminManagedPolicy,
  iamWildcardPolicy,
  servicePublicIp,
  servicePublicSubnet,
];
