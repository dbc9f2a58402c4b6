import { defineRule } from '../rule';
import { capName, removeCapFix } from './_caps';
import { runsPrivileged, who } from './_util';

export default defineRule({
  slug: 'cap-sys-admin',
  title: 'Container adds the SYS_ADMIN capability',
  severity: 'error',
  description:
    'SYS_ADMIN is "the new root": it allows mounting filesystems, creating namespaces, loading BPF programs and much more, ' +
    'and several well-known container escapes (cgroup release_agent, mounting the host disk) need nothing else.',
  remediation: 'Remove `SYS_ADMIN` from `capabilities.add`; grant a narrower capability if the process needs one, or move the work to a node agent.',
  fix: 'unsafe',
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_39', 'CKV_K8S_25', 'KSV005', 'dangerousCapabilities'],
  },
  per: {
    tf: { remediation: 'Remove `SYS_ADMIN` from `linuxParameters.capabilities.add` in `container_definitions`; grant a narrower capability if the process needs one, or move the work to a daemon on the host.' },
    ecs: { remediation: 'Remove `SYS_ADMIN` from `linuxParameters.capabilities.add` (CloudFormation: `LinuxParameters.Capabilities.Add`); grant a narrower capability if the process needs one, or move the work to a daemon on the host.' },
    cdk: { remediation: 'Remove `Capability.SYS_ADMIN` from the `addCapabilities(…)` call of the container\'s `LinuxParameters`; grant a narrower capability if the process needs one, or move the work to a daemon on the host.' },
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      if (runsPrivileged(c)) continue; // privileged-container says it all
      for (const cap of c.capAdd) {
        if (!cap.known || capName(cap.value) !== 'SYS_ADMIN') continue;
        report({
          span: cap.span,
          message: `${who(c)} adds the ${cap.value} capability (mount, namespaces and most of root).`,
          fixes: removeCapFix(c, cap),
        });
      }
    }
  },
});
