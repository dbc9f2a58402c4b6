import { containerRules } from './_template';
import { capName, removeCapFix } from './_caps';
import { isDangerousCap } from './dangerous-capabilities';
import { who } from './_util';

/** Capabilities the Pod Security Standards' restricted profile allows adding back. */
const BENIGN = new Set(['NET_BIND_SERVICE']);

export default containerRules({
  slug: 'capability-added',
  title: 'Container adds a Linux capability',
  severity: 'info',
  description:
    'Every capability added beyond the runtime default widens what a compromised process can do in the kernel. ' +
    'Capabilities that hand over the node have rules of their own (cap-sys-admin, dangerous-capabilities); this one lists the others, ' +
    'so each can be justified or removed. NET_BIND_SERVICE (binding ports below 1024, the one capability the restricted Kubernetes Pod Security Standard lets a container add back) is not reported.',
  remediation: 'Remove the capability from `capabilities.add` unless the process needs it, and document why where it stays.',
  fix: 'unsafe',
  equivalents: {
    k8s: ['CKV_K8S_25', 'KSV022'],
    ecs: [],
    cdk: [],
  },
  per: {
    ecs: { remediation: 'Remove the capability from `linuxParameters.capabilities.add` (CloudFormation: `LinuxParameters.Capabilities.Add`) unless the process needs it, and document why where it stays.' },
    cdk: { remediation: 'Remove the capability from the `addCapabilities(…)` call of the container\'s `LinuxParameters` unless the process needs it, and document why where it stays.' },
  },
  check(c, report) {
    for (const cap of c.capAdd) {
      if (!cap.known || !cap.value) continue;
      const name = capName(cap.value);
      if (name === 'SYS_ADMIN' || isDangerousCap(name) || BENIGN.has(name)) continue;
      report({ span: cap.span, message: `${who(c)} adds the ${cap.value} capability.`, fixes: removeCapFix(c, cap) });
    }
  },
});
