import { checkResource } from './_resources';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'memory-requests',
    title: 'Memory requests not set',
    severity: 'info',
    strict: 'Resource requests are scheduling hygiene, not security.',
    description: "Without a memory request the scheduler cannot place the pod by what it needs: nodes get overcommitted and under pressure the pod is among the first to be evicted or throttled.",
    remediation: 'Set `resources.requests.memory` on every container (for example `512Mi`), sized from observed usage.',
    equivalents: ['CKV_K8S_12', 'KSV016', 'unset-memory-requirements'],
  },
  (m, report) => checkResource(m, report, 'requests', 'memory', '512Mi'),
);
