import type { Fix } from '../../core';
import type { ContainerSpec, WorkloadSpec } from '../../model/container';

/** "container "web" " or "" — for messages. */
export function who(c: ContainerSpec): string {
  const k = c.kind === 'initContainer' ? 'Init container' : c.kind === 'ephemeralContainer' ? 'Ephemeral container' : 'Container';
  return c.name ? `${k} "${c.name}"` : k;
}

/** The "Add a hardened securityContext" fix, where the format offers it. */
export function hardenFix(c: ContainerSpec): Fix[] {
  const f = c.writer.harden?.();
  return f && f.edits.length ? [f] : [];
}

type HostNs = 'hostNetwork' | 'hostPID' | 'hostIPC';

/**
 * The host-namespace setting as the workload's own format writes it, for
 * messages: `hostPID: true` (Kubernetes), `pidMode: "host"` (task-definition
 * JSON), `PidMode: host` (CloudFormation), `pidMode: PidMode.HOST` (CDK).
 */
export function hostSetting(w: WorkloadSpec, ns: HostNs): string {
  if (w.format === 'k8s') return `${ns}: true`;
  const key = ns === 'hostNetwork' ? 'networkMode' : ns === 'hostPID' ? 'pidMode' : 'ipcMode';
  if (w.format === 'cfn') return `${key[0].toUpperCase()}${key.slice(1)}: host`;
  if (w.format === 'cdk') return w.l1 ? `${key}: 'host'` : `${key}: ${key[0].toUpperCase()}${key.slice(1)}.HOST`;
  return `${key}: "host"`;
}

/** The title of the fix that turns a host namespace off, in the format's terms. */
export function hostFixTitle(w: WorkloadSpec, ns: HostNs): string {
  if (w.format === 'k8s') return `Remove ${ns}`;
  if (ns === 'hostNetwork' && w.format !== 'cdk') return 'Use the awsvpc network mode';
  const key = ns === 'hostNetwork' ? 'networkMode' : ns === 'hostPID' ? 'pidMode' : 'ipcMode';
  return `Remove ${w.format === 'cfn' ? key[0].toUpperCase() + key.slice(1) : key}`;
}

/**
 * The container is known to run privileged: it has every capability and can
 * escalate, so the capability and escalation rules leave it to
 * privileged-container (one finding per problem).
 */
export function runsPrivileged(c: ContainerSpec): boolean {
  return c.privileged?.known === true && c.privileged.value === true;
}
