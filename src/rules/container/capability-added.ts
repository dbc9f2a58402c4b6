import { defineRule } from '../rule';
import { capName, removeCapFix } from './_caps';
import { isDangerousCap } from './dangerous-capabilities';
import { runsPrivileged, who } from './_util';

/** Capabilities the Pod Security Standards' restricted profile allows adding back. */
const BENIGN = new Set(['NET_BIND_SERVICE']);

export default defineRule({
  slug: 'capability-added',
  title: 'Container adds a Linux capability',
  severity: 'info',
  strict: 'Most added capabilities (NET_BIND_SERVICE, CHOWN …) are harmless; the dangerous ones (SYS_ADMIN, NET_ADMIN, SYS_PTRACE …) have rules of their own in the default profile.',
  description:
    'Every capability added beyond the runtime default widens what a compromised process can do in the kernel. ' +
    'Capabilities that hand over the node have rules of their own (cap-sys-admin, dangerous-capabilities); this one lists the others, ' +
    'so each can be justified or removed. NET_BIND_SERVICE (binding ports below 1024, the one capability the restricted Kubernetes Pod Security Standard lets a container add back) is not reported.',
  remediation: 'Remove the capability from `capabilities.add` unless the process needs it, and document why where it stays.',
  fix: 'unsafe',
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_25', 'KSV022'],
  },
  per: {
    tf: { remediation: 'Remove the capability from `linuxParameters.capabilities.add` in `container_definitions` unless the process needs it, and document why where it stays.' },
    ecs: { remediation: 'Remove the capability from `linuxParameters.capabilities.add` (CloudFormation: `LinuxParameters.Capabilities.Add`) unless the process needs it, and document why where it stays.' },
    cdk: { remediation: 'Remove the capability from the `addCapabilities(…)` call of the container\'s `LinuxParameters` unless the process needs it, and document why where it stays.' },
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      if (runsPrivileged(c)) continue; // privileged-container says it all
      for (const cap of c.capAdd) {
        if (!cap.known || !cap.value) continue;
        const name = capName(cap.value);
        if (name === 'SYS_ADMIN' || isDangerousCap(name) || BENIGN.has(name)) continue;
        report({ span: cap.span, message: `${who(c)} adds the ${cap.value} capability.`, fixes: removeCapFix(c, cap) });
      }
    }
  },
});
