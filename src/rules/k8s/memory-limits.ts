import { asMap, get, getPair, readString } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';
import { limitFix } from './_resources';

export default k8sRule(
  {
    slug: 'memory-limits',
    title: 'Memory limits not set',
    severity: 'warning',
    description: "Without a memory limit one container can use all the node's memory and starve every other pod on it (a noisy neighbour, or a denial of service from a single compromised pod).",
    remediation: 'Set `resources.limits.memory` on every container (for example `512Mi`), sized from observed usage.',
    fix: 'manual',
    equivalents: ['CKV_K8S_13', 'KSV018'],
  },
  (m, report) => {
    for (const pod of m.pods)
      for (const kc of pod.containers) {
        if (kc.listKey === 'ephemeralContainers') continue; // ephemeral containers may not set resources
        if (kc.templated) continue; // a Helm template action may set them
        const res = getPair(kc.node, 'resources');
        if (res?.value && !asMap(res.value) && readString(res.value)?.known === false) continue;
        const kindPair = getPair(asMap(res?.value), 'limits');
        if (kindPair?.value && !asMap(kindPair.value) && readString(kindPair.value)?.known === false) continue;
        const v = get(asMap(kindPair?.value), 'memory');
        if (v != null && !(readString(v)?.known && readString(v) && (readString(v) as { value: string }).value === '')) continue;
        report({
          span: kc.spec.anchor,
          message: `${containerLabel(kc)} has no memory limits.`,
          fixes: [limitFix(m, kc, 'memory', '512Mi')],
        });
      }
  },
);
