import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { dropsAll, dropsNetRaw } from './_caps';
import { runsPrivileged, who } from './_util';

export default defineRule({
  slug: 'capabilities-not-dropped',
  title: 'Container does not drop all capabilities',
  severity: 'warning',
  description:
    'Containers start with a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW and more) that most applications never use; ' +
    'each is kernel attack surface. This rule reports containers that drop some of them, NET_RAW among them, but not ALL: the rest of the default set stays. ' +
    '(A container that keeps NET_RAW is reported by net-raw-not-dropped instead.) Dropping ALL and adding back only what is needed removes them.',
  remediation: 'Add `ALL` to the dropped capabilities (`capabilities.drop: [ALL]`) and add back only the capabilities the process needs.',
  fix: 'unsafe',
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_37', 'KSV003'],
  },
  per: {
    tf: { remediation: 'Add `ALL` to `linuxParameters.capabilities.drop` in `container_definitions` and add back only the capabilities the process needs.' },
    ecs: { remediation: 'Add `ALL` to `linuxParameters.capabilities.drop` (CloudFormation: `LinuxParameters.Capabilities.Drop`) and add back only the capabilities the process needs.' },
    cdk: { remediation: 'Call `dropCapabilities(ecs.Capability.ALL)` on the container\'s `LinuxParameters` and add back only the capabilities the process needs.' },
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      if (runsPrivileged(c)) continue; // privileged-container says it all
      if (c.capsUnknown) continue;
      const drop = c.capDrop;
      // a container that keeps NET_RAW is net-raw-not-dropped's finding
      if (!drop?.length || dropsAll(c) || !dropsNetRaw(c)) continue;
      const fixes: Fix[] = [];
      const edits = c.writer.dropAllCapabilities();
      if (edits?.length) fixes.push({ title: 'Drop ALL capabilities', safety: 'unsafe', edits });
      report({ span: drop[0].span, message: `${who(c)} drops some capabilities but not ALL.`, fixes });
    }
  },
});
