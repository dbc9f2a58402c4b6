import { getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'proc-mount-unmasked',
    title: 'Container unmasks /proc',
    severity: 'warning',
    description:
      '`procMount: Unmasked` removes the masks the runtime puts on sensitive /proc paths (kcore, keys, sysrq-trigger …), exposing kernel information and controls to the container.',
    remediation: 'Remove `procMount: Unmasked` (the default is `Default`).',
    fix: 'safe',
    equivalents: ['KSV027', 'unsafe-proc-mount'],
  },
  (m, report) => {
    for (const pod of m.pods)
      for (const kc of pod.containers) {
        const p = getPair(kc.securityContext, 'procMount');
        const v = readString(p?.value);
        if (!v?.known || v.value !== 'Unmasked') continue;
        report({
          span: nodeSpan(p!.value as Node),
          message: `${containerLabel(kc)} sets procMount: Unmasked.`,
          fixes: [{ title: 'Set procMount to Default', safety: 'safe', edits: [m.editor.setValue(p!.value as Node, 'Default')] }],
        });
      }
  },
);
