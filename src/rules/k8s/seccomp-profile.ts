import type { Fix } from '../../core';
import { asMap, get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { annotationsOf, containerLabel, k8sRule, podMetadata } from './_rule';
import { runsPrivileged } from '../container/_util';

const SAFE = /^(RuntimeDefault|Localhost)$/;
const SAFE_ANNOTATION = /^(runtime\/default|docker\/default|localhost\/.+)$/;

export default k8sRule(
  {
    slug: 'seccomp-profile',
    title: 'Container runs without a seccomp profile',
    severity: 'warning',
    description:
      'Without a seccomp profile (or with `Unconfined`) a container may call every system call of the kernel, including the rarely used ones behind most container escapes. ' +
      'The runtime\'s default profile blocks them at no cost to ordinary applications.',
    remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a profile of your own).',
    fix: 'unsafe',
    equivalents: ['CKV_K8S_31', 'KSV030', 'KSV104'],
  },
  (m, report) => {
    for (const pod of m.pods) {
      const ann = annotationsOf(podMetadata(pod));
      const podAnn = ann.get('seccomp.security.alpha.kubernetes.io/pod');
      const podType = getPair(asMap(get(pod.securityContext, 'seccompProfile')), 'type');
      const pt = readString(podType?.value);
      for (const kc of pod.containers) {
        if (runsPrivileged(kc.spec)) continue; // seccomp does not apply to a privileged container: privileged-container says it all
        const type = getPair(asMap(get(kc.securityContext, 'seccompProfile')), 'type');
        const t = readString(type?.value);
        const cAnn = kc.spec.name ? ann.get(`container.seccomp.security.alpha.kubernetes.io/${kc.spec.name}`) : undefined;
        let bad: { span: { start: number; end: number }; what: string } | undefined;
        if (t) {
          if (!t.known || SAFE.test(t.value)) continue;
          bad = { span: nodeSpan(type!.value as Node), what: `seccompProfile type ${t.value}` };
        } else if (cAnn) {
          if (cAnn.value === undefined || SAFE_ANNOTATION.test(cAnn.value)) continue;
          bad = { span: cAnn.span, what: `seccomp annotation ${cAnn.value}` };
        } else if (pt) {
          if (!pt.known || SAFE.test(pt.value)) continue;
          bad = { span: nodeSpan(podType!.value as Node), what: `pod seccompProfile type ${pt.value}` };
        } else if (podAnn) {
          if (podAnn.value === undefined || SAFE_ANNOTATION.test(podAnn.value)) continue;
          bad = { span: podAnn.span, what: `pod seccomp annotation ${podAnn.value}` };
        }
        if (!bad && (kc.templated || pod.templated)) continue; // absent, but a Helm template action may set it
        const fixes: Fix[] = [];
        const edit = t && type?.value ? m.editor.setValue(type.value as Node, 'RuntimeDefault') : m.editor.setPath(kc.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault');
        fixes.push({ title: 'Use the RuntimeDefault seccomp profile', safety: 'unsafe', edits: [edit] });
        report({
          span: bad ? bad.span : kc.spec.anchor,
          message: bad ? `${containerLabel(kc)} runs unconfined by seccomp (${bad.what}).` : `${containerLabel(kc)} has no seccomp profile: every system call is allowed.`,
          fixes,
        });
      }
    }
  },
);
