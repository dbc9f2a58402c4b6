import { asMap, get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { annotationsOf, containerLabel, k8sRule, podMetadata } from './_rule';

export default k8sRule(
  {
    slug: 'apparmor-unconfined',
    title: 'Container runs AppArmor-unconfined',
    severity: 'warning',
    description:
      'On nodes with AppArmor the runtime confines containers with a default profile that blocks writes to /proc and /sys and mounts; ' +
      '`unconfined` turns that protection off and makes container escapes easier.',
    remediation: 'Remove the `unconfined` AppArmor setting, or use `RuntimeDefault` (`appArmorProfile.type`, or the `runtime/default` annotation).',
    equivalents: [],
  },
  (m, report) => {
    for (const pod of m.pods) {
      const ann = annotationsOf(podMetadata(pod));
      const podType = getPair(asMap(get(pod.securityContext, 'appArmorProfile')), 'type');
      const pt = readString(podType?.value);
      for (const kc of pod.containers) {
        const type = getPair(asMap(get(kc.securityContext, 'appArmorProfile')), 'type');
        const t = readString(type?.value);
        const a = kc.spec.name ? ann.get(`container.apparmor.security.beta.kubernetes.io/${kc.spec.name}`) : undefined;
        if (t?.known && t.value === 'Unconfined') report({ span: nodeSpan(type!.value as Node), message: `${containerLabel(kc)} runs AppArmor-unconfined.` });
        else if (!t && a?.value === 'unconfined') report({ span: a.span, message: `${containerLabel(kc)} runs AppArmor-unconfined (annotation).` });
        else if (!t && !a && pt?.known && pt.value === 'Unconfined') report({ span: nodeSpan(podType!.value as Node), message: `${containerLabel(kc)} runs AppArmor-unconfined (pod appArmorProfile).` });
      }
    }
  },
);
