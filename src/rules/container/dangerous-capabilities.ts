import type { Fix, Severity } from '../../core';
import { containerRules } from './_template';
import { capName, splitCaps } from './_caps';
import { who } from './_util';

/** Capabilities that hand over the host or the node's network; the first group is an error. */
const HOST: Record<string, string> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mount, namespaces and most of root',
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

/** Capabilities this rule reports (without the CAP_ prefix). */
export function isDangerousCap(name: string): boolean {
  return name in HOST || name in NETWORK;
}

export default containerRules({
  slug: 'dangerous-capabilities',
  title: 'Container adds a dangerous capability',
  severity: 'warning',
  description:
    'Some Linux capabilities are enough on their own to break out of a container or to attack other workloads: SYS_ADMIN, SYS_MODULE, SYS_PTRACE, ' +
    'DAC_READ_SEARCH and ALL give away the node; NET_ADMIN and NET_RAW let a container tamper with the cluster network.',
  remediation: 'Remove the capability from `capabilities.add` (ECS: `linuxParameters.capabilities.add`) and grant a narrower one only if the process really needs it.',
  fix: 'unsafe',
  equivalents: {
    k8s: ['CKV_K8S_25', 'dangerousCapabilities'],
    ecs: [],
    cdk: [],
  },
  check(c, report) {
    for (const cap of c.capAdd) {
      if (!cap.known || !cap.value) continue;
      const name = capName(cap.value);
      // where cap-sys-admin exists, SYS_ADMIN is its finding
      if (name === 'SYS_ADMIN' && splitCaps(c)) continue;
      const why = HOST[name] ?? NETWORK[name];
      if (!why) continue;
      const severity: Severity = HOST[name] ? 'error' : 'warning';
      const fixes: Fix[] = [];
      const edits = c.writer.removeAddedCapability(cap);
      if (edits?.length) fixes.push({ title: `Remove ${cap.value} from the added capabilities`, safety: 'unsafe', edits });
      report({ span: cap.span, severity, message: `${who(c)} adds the ${cap.value} capability (${why}).`, fixes });
    }
  },
});
