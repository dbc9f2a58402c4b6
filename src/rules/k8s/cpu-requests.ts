import { asMap, get, getPair, readString } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';


export default k8sRule(
  {
    slug: 'cpu-requests',
    title: 'CPU requests not set',
    severity: 'info',
    description: "Without a cpu request the scheduler cannot place the pod by what it needs: nodes get overcommitted and under pressure the pod is among the first to be evicted or throttled.",
    remediation: 'Set `resources.requests.cpu` on every container (for example `500m`), sized from observed usage.',
    
    equivalents: ['CKV_K8S_10', 'KSV015', 'unset-cpu-requirements'],
  },
  (m, report) => {
    for (const pod of m.pods)
      for (const kc of pod.containers) {
        if (kc.listKey === 'ephemeralContainers') continue; // ephemeral containers may not set resources
        if (kc.templated) continue; // a Helm template action may set them
        const res = getPair(kc.node, 'resources');
        if (res?.value && !asMap(res.value) && readString(res.value)?.known === false) continue;
        const kindPair = getPair(asMap(res?.value), 'requests');
        if (kindPair?.value && !asMap(kindPair.value) && readString(kindPair.value)?.known === false) continue;
        const v = get(asMap(kindPair?.value), 'cpu');
        if (v != null && !(readString(v)?.known && readString(v) && (readString(v) as { value: string }).value === '')) continue;
        report({
          span: kc.spec.anchor,
          message: `${containerLabel(kc)} has no cpu requests.`,
          
        });
      }
  },
);
