import { checkResource } from './_resources';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'cpu-requests',
    title: 'CPU requests not set',
    severity: 'info',
    strict: 'Resource requests are scheduling hygiene, not security.',
    description: "Without a cpu request the scheduler cannot place the pod by what it needs: nodes get overcommitted and under pressure the pod is among the first to be evicted or throttled.",
    remediation: 'Set `resources.requests.cpu` on every container (for example `500m`), sized from observed usage.',
    equivalents: ['CKV_K8S_10', 'KSV015', 'unset-cpu-requirements'],
  },
  (m, report) => checkResource(m, report, 'requests', 'cpu', '250m'),
);
