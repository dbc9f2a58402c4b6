import { checkResource } from './_resources';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'cpu-limits',
    title: 'CPU limits not set',
    severity: 'info',
    strict: "Resource limits protect a node's capacity (availability), not its security boundary: a hardening check.",
    description: "Without a cpu limit one container can use all the node's cpu and starve every other pod on it (a noisy neighbour, or a denial of service from a single compromised pod).",
    remediation: 'Set `resources.limits.cpu` on every container (for example `500m`), sized from observed usage.',
    fix: 'manual',
    equivalents: ['CKV_K8S_11', 'KSV011'],
  },
  (m, report) => checkResource(m, report, 'limits', 'cpu', '500m'),
);
