import type { Fix } from '../../core';
import { getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'image-pull-policy',
    title: 'Container image is not always pulled',
    severity: 'info',
    strict: 'The pull policy only matters for private images on shared nodes; a hardening check, not a finding a reviewer acts on by default.',
    description:
      'With `imagePullPolicy: IfNotPresent` (the default for a tagged image) or `Never`, the kubelet starts an image already cached on the node without asking the registry: ' +
      'the pod\'s pull credentials are never checked, so a pod in another namespace can run a private image it has no access to, and a tag moved in the registry is not picked up. ' +
      'Images pinned by digest without a policy are not reported (the digest fixes the content).',
    remediation: 'Set `imagePullPolicy: Always` (the registry is then asked on every start; a cached layer is not downloaded again), or pin the image by digest.',
    fix: 'unsafe',
    equivalents: ['CKV_K8S_15'],
  },
  (m, report) => {
    for (const pod of m.pods)
      for (const kc of pod.containers) {
        const img = kc.spec.image;
        if (!img?.known || !img.value?.trim()) continue;
        const pp = getPair(kc.node, 'imagePullPolicy');
        if (pp && pp.value != null) {
          const v = readString(pp.value);
          if (!v?.known || v.value === 'Always') continue;
          report({
            span: nodeSpan(pp.value as Node),
            message: `${containerLabel(kc)} sets imagePullPolicy: ${v.value}: a cached image starts without the registry checking the pod's credentials.`,
            fixes: [{ title: 'Set imagePullPolicy to Always', safety: 'unsafe', edits: [m.editor.setValue(pp.value as Node, 'Always')] }],
          });
          continue;
        }
        if (img.value.includes('@') || kc.templated) continue;
        const last = img.value.slice(img.value.lastIndexOf('/') + 1);
        const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
        // no tag or :latest: the default policy is Always
        if (tag === '' || tag === 'latest') continue;
        const fixes: Fix[] = [{ title: 'Set imagePullPolicy to Always', safety: 'unsafe', edits: [m.editor.insertEntries(kc.node, { imagePullPolicy: 'Always' })] }];
        report({
          span: img.span,
          message: `${containerLabel(kc)} uses the default imagePullPolicy for a tagged image (IfNotPresent): a cached image starts without the registry checking the pod's credentials.`,
          fixes,
        });
      }
  },
);
