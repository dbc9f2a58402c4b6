// Rules written once against ContainerSpec/WorkloadSpec, one file each (sorted).
import type { Rule } from '../../core';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import awsCredentialsInEnv from './aws-credentials-in-env';
import capSysAdmin from './cap-sys-admin';
import capabilitiesNotDropped from './capabilities-not-dropped';
import capabilityAdded from './capability-added';
import dangerousCapabilities from './dangerous-capabilities';
import hostIpc from './host-ipc';
import hostNetwork from './host-network';
import hostPid from './host-pid';
import imageDigest from './image-digest';
import imageTag from './image-tag';
import netRawNotDropped from './net-raw-not-dropped';
import noLogging from './no-logging';
import privileged from './privileged';
import runAsRoot from './run-as-root';
import secretsInEnv from './secrets-in-env';
import writableRootFilesystem from './writable-root-filesystem';

export const containerRuleList: Rule<any>[] = [
  ...allowPrivilegeEscalation,
  ...awsCredentialsInEnv,
  ...capSysAdmin,
  ...capabilitiesNotDropped,
  ...capabilityAdded,
  ...dangerousCapabilities,
  ...hostIpc,
  ...hostNetwork,
  ...hostPid,
  ...imageDigest,
  ...imageTag,
  ...netRawNotDropped,
  ...noLogging,
  ...privileged,
  ...runAsRoot,
  ...secretsInEnv,
  ...writableRootFilesystem,
];
