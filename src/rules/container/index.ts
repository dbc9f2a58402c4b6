// Rules written once against the container and workload views, one file per slug (sorted):
// each exists for every target whose readers fill the views (and fields) it reads.
import type { RuleInstance } from '../rule';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import awsCredentialsInEnv from './aws-credentials-in-env';
import capSysAdmin from './cap-sys-admin';
import capabilitiesNotDropped from './capabilities-not-dropped';
import capabilityAdded from './capability-added';
import dangerousCapabilities from './dangerous-capabilities';
import hostIpc from './host-ipc';
import hostNetwork from './host-network';
import hostPid from './host-pid';
import imageNotPinned from './image-not-pinned';
import imageTagLatest from './image-tag-latest';
import netRawNotDropped from './net-raw-not-dropped';
import noLogging from './no-logging';
import privilegedContainer from './privileged-container';
import runAsRoot from './run-as-root';
import secretInEnv from './secret-in-env';
import sshPort from './ssh-port';
import untrustedRegistry from './untrusted-registry';
import writableRootFilesystem from './writable-root-filesystem';

export const containerRuleList: RuleInstance[] = [
  ...allowPrivilegeEscalation,
  ...awsCredentialsInEnv,
  ...capSysAdmin,
  ...capabilitiesNotDropped,
  ...capabilityAdded,
  ...dangerousCapabilities,
  ...hostIpc,
  ...hostNetwork,
  ...hostPid,
  ...imageNotPinned,
  ...imageTagLatest,
  ...netRawNotDropped,
  ...noLogging,
  ...privilegedContainer,
  ...runAsRoot,
  ...secretInEnv,
  ...sshPort,
  ...untrustedRegistry,
  ...writableRootFilesystem,
];
