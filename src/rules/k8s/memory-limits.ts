import { checkResource } from './_resources';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'memory-limits',
    title: 'Memory limits not set',
    severity: 'warning',
    strict: "Resource limits protect a node's capacity (availability), not its security boundary: a hardening check.",
    description: "Without a memory limit one container can use all the node's memory and starve every other pod on it (a noisy neighbour, or a denial of service from a single compromised pod).",
    remediation: 'Set `resources.limits.memory` on every container (for example `512Mi`), sized from observed usage.',
    fix: 'manual',
    equivalents: ['CKV_K8S_13', 'KSV018'],
  },
  (m, report) => checkResource(m, report, 'limits', 'memory', '512Mi'),
);
