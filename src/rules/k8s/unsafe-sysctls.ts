import { asMap, asSeq, get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule, podLabel } from './_rule';

/** The sysctls Kubernetes considers safe (namespaced, isolated per pod). */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

export default k8sRule(
  {
    slug: 'unsafe-sysctls',
    title: 'Pod sets an unsafe sysctl',
    severity: 'warning',
    description:
      'Sysctls outside the safe set are not isolated per pod: they change kernel settings shared with other pods on the node, or can exhaust node resources, ' +
      'and the kubelet refuses them unless an administrator allowed them.',
    remediation: 'Remove the sysctl, or run the workload on dedicated nodes where the kernel setting is configured by the node image.',
    equivalents: ['KSV026', 'unsafe-sysctls'],
  },
  (m, report) => {
    for (const pod of m.pods)
      for (const s of asSeq(get(pod.securityContext, 'sysctls'))?.items ?? []) {
        const np = getPair(asMap(s), 'name');
        const n = readString(np?.value);
        if (!n?.known || SAFE.has(n.value.replace(/\//g, '.'))) continue;
        report({ span: nodeSpan(np!.value as Node), message: `${podLabel(pod)} sets the unsafe sysctl ${n.value}.` });
      }
  },
);
