import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { dropsNetRaw } from './_caps';
import { runsPrivileged, who } from './_util';

export default defineRule({
  slug: 'net-raw-not-dropped',
  title: 'Container keeps the NET_RAW capability',
  severity: 'warning',
  description:
    'NET_RAW is in the container runtime\'s default capability set (on ECS and Fargate too): it lets a process open raw sockets and forge packets, ' +
    'which is enough for ARP and DNS spoofing against the other containers on its host or network. A container that drops neither ALL nor NET_RAW keeps it. ' +
    '(A container that drops NET_RAW but not ALL is reported by capabilities-not-dropped instead.)',
  remediation: 'Add `ALL` to the dropped capabilities (`capabilities.drop: [ALL]`), or at least `NET_RAW`, and add back only what the process needs.',
  fix: 'unsafe',
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_28', 'CKV_K8S_37', 'KSV003', 'drop-net-raw-capability'],
  },
  per: {
    tf: { remediation: 'Add `ALL` (or at least `NET_RAW`) to `linuxParameters.capabilities.drop` in `container_definitions`, and add back only what the process needs.' },
    ecs: { remediation: 'Add `ALL` to `linuxParameters.capabilities.drop` (CloudFormation: `LinuxParameters.Capabilities.Drop`), or at least `NET_RAW`, and add back only what the process needs.' },
    cdk: { remediation: 'Call `dropCapabilities(ecs.Capability.ALL)` (or at least `Capability.NET_RAW`) on the container\'s `LinuxParameters`, and add back only what the process needs.' },
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      if (runsPrivileged(c)) continue; // privileged-container says it all
      if (c.capsUnknown || dropsNetRaw(c)) continue;
      const drop = c.capDrop;
      const fixes: Fix[] = [];
      const edits = c.writer.dropAllCapabilities();
      if (edits?.length) fixes.push({ title: 'Drop ALL capabilities', safety: 'unsafe', edits });
      report({
        span: drop && drop.length ? drop[0].span : c.anchor,
        message: drop
          ? `${who(c)} keeps NET_RAW: it drops neither ALL nor NET_RAW.`
          : `${who(c)} keeps the default Linux capabilities, NET_RAW among them: it does not drop ALL.`,
        fixes,
      });
    }
  },
});
