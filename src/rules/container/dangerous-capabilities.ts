import type { Fix, Severity } from '../../core';
import { defineRule } from '../rule';
import { capName } from './_caps';
import { runsPrivileged, who } from './_util';

/**
 * Capabilities that hand over the host or the node's network; the first group
 * is an error. SYS_ADMIN, the worst of them, is cap-sys-admin's.
 */
const HOST: Record<string, string> = {
  ALL: 'every capability',
  SYS_MODULE: 'loading kernel modules',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_RAWIO: 'raw device and memory access',
  DAC_READ_SEARCH: 'reading any host file through open_by_handle_at',
  BPF: 'loading eBPF programs into the kernel',
  PERFMON: 'kernel performance monitoring',
  SYS_BOOT: 'rebooting the node',
  MAC_ADMIN: 'changing the AppArmor/SELinux policy',
  MAC_OVERRIDE: 'bypassing AppArmor/SELinux',
};
const NETWORK: Record<string, string> = {
  NET_ADMIN: 'reconfiguring the network (routes, iptables)',
  NET_RAW: 'raw sockets (ARP and DNS spoofing)',
  SYS_TIME: 'setting the node clock',
  SYSLOG: 'reading kernel logs',
};

/** Capabilities this rule reports (without the CAP_ prefix; SYS_ADMIN is not one). */
export function isDangerousCap(name: string): boolean {
  return name in HOST || name in NETWORK;
}

export default defineRule({
  slug: 'dangerous-capabilities',
  title: 'Container adds a dangerous capability',
  severity: 'warning',
  description:
    'Some Linux capabilities are enough on their own to break out of a container or to attack other workloads: ALL, SYS_MODULE, SYS_PTRACE, ' +
    'SYS_RAWIO, DAC_READ_SEARCH, BPF and the MAC ones give away the host (an error); NET_ADMIN and NET_RAW let a container tamper with the network ' +
    'other workloads share, SYS_TIME and SYSLOG reach the host clock and kernel log (a warning). SYS_ADMIN has a rule of its own (cap-sys-admin).',
  remediation: 'Remove the capability from `capabilities.add` and grant a narrower one only if the process really needs it.',
  fix: 'unsafe',
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_25', 'dangerousCapabilities'],
  },
  per: {
    tf: { remediation: 'Remove the capability from `linuxParameters.capabilities.add` in `container_definitions` and grant a narrower one only if the process really needs it.' },
    ecs: { remediation: 'Remove the capability from `linuxParameters.capabilities.add` (CloudFormation: `LinuxParameters.Capabilities.Add`) and grant a narrower one only if the process really needs it.' },
    cdk: { remediation: 'Remove the capability from the `addCapabilities(…)` call of the container\'s `LinuxParameters` and grant a narrower one only if the process really needs it.' },
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      if (runsPrivileged(c)) continue; // privileged-container says it all
      for (const cap of c.capAdd) {
        if (!cap.known || !cap.value) continue;
        const name = capName(cap.value);
        const why = HOST[name] ?? NETWORK[name];
        if (!why) continue;
        const severity: Severity = HOST[name] ? 'error' : 'warning';
        const fixes: Fix[] = [];
        const edits = c.writer.removeAddedCapability(cap);
        if (edits?.length) fixes.push({ title: `Remove ${cap.value} from the added capabilities`, safety: 'unsafe', edits });
        report({ span: cap.span, severity, message: `${who(c)} adds the ${cap.value} capability (${why}).`, fixes });
      }
    }
  },
});
