import type { RuleInstance } from '../rule';
// The k8s rules, one file each (sorted). A test checks this list against the folder.
import type { Rule } from '../../core';
import apparmor from './apparmor-unconfined';
import cpuLimits from './cpu-limits';
import cpuRequests from './cpu-requests';
import defaultNamespace from './default-namespace';
import defaultServiceAccountToken from './default-service-account-token';
import gitSyncCustomGit from './git-sync-custom-git';
import hostPathSocket from './container-runtime-socket';
import hostPathVolume from './host-path-volume';
import hostPort from './host-port';
import imagePullPolicy from './image-pull-policy';
import ingressNginxSnippet from './ingress-nginx-snippet';
import ingressNginxSnippetAlias from './ingress-nginx-snippet-alias';
import ingressNginxSnippetLua from './ingress-nginx-snippet-lua';
import irsaRoleArn from './irsa-role-arn-malformed';
import lowUid from './low-uid';
import memoryLimits from './memory-limits';
import memoryRequests from './memory-requests';
import networkPolicySelectsNothing from './network-policy-selects-nothing';
import noNetworkPolicy from './no-network-policy';
import podNotIsolated from './pod-not-isolated';
import procMount from './proc-mount-unmasked';
import rbacAdmissionWebhooks from './rbac-admission-webhooks';
import rbacAnonymousBinding from './rbac-anonymous-binding';
import rbacApproveCsr from './rbac-approve-csr';
import rbacBind from './rbac-bind';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacDefaultServiceAccountBinding from './rbac-default-service-account-binding';
import rbacEscalate from './rbac-escalate';
import rbacAuthenticatedBinding from './rbac-authenticated-binding';
import rbacAwsAuthWrite from './rbac-aws-auth-write';
import rbacImpersonate from './rbac-impersonate';
import rbacNodesProxy from './rbac-nodes-proxy';
import rbacPodExec from './rbac-pod-exec';
import rbacSecretsAccess from './rbac-secrets-access';
import rbacWildcard from './rbac-wildcard';
import seccomp from './seccomp-profile';
import secretEnvRef from './secret-env-ref';
import secretInConfigmap from './secret-in-configmap';
import secretLiteralValue from './secret-literal-value';
import serviceAccountToken from './service-account-token-automount';
import serviceExternalIps from './service-external-ips';
import serviceLoadBalancer from './service-public-load-balancer';
import serviceNodePort from './service-node-port';
import unsafeSysctls from './unsafe-sysctls';
import windowsHostProcess from './windows-host-process';

export const k8sRules: RuleInstance[] = [
  ...apparmor,
  ...cpuLimits,
  ...cpuRequests,
  ...defaultNamespace,
  ...defaultServiceAccountToken,
  ...gitSyncCustomGit,
  ...hostPathSocket,
  ...hostPathVolume,
  ...hostPort,
  ...imagePullPolicy,
  ...ingressNginxSnippet,
  ...ingressNginxSnippetAlias,
  ...ingressNginxSnippetLua,
  ...irsaRoleArn,
  ...lowUid,
  ...memoryLimits,
  ...memoryRequests,
  ...networkPolicySelectsNothing,
  ...noNetworkPolicy,
  ...podNotIsolated,
  ...procMount,
  ...rbacAdmissionWebhooks,
  ...rbacAnonymousBinding,
  ...rbacApproveCsr,
  ...rbacBind,
  ...rbacClusterAdminBinding,
  ...rbacDefaultServiceAccountBinding,
  ...rbacEscalate,
  ...rbacAuthenticatedBinding,
  ...rbacAwsAuthWrite,
  ...rbacImpersonate,
  ...rbacNodesProxy,
  ...rbacPodExec,
  ...rbacSecretsAccess,
  ...rbacWildcard,
  ...seccomp,
  ...secretEnvRef,
  ...secretInConfigmap,
  ...secretLiteralValue,
  ...serviceAccountToken,
  ...serviceExternalIps,
  ...serviceLoadBalancer,
  ...serviceNodePort,
  ...unsafeSysctls,
  ...windowsHostProcess,
];
