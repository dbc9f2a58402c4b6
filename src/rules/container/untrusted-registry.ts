import { registryAllowed, registryOf } from '../../core';
import { defineRule } from '../rule';
import { who } from './_util';

export default defineRule({
  slug: 'untrusted-registry',
  title: 'Image comes from a registry outside the allowed list',
  severity: 'warning',
  description:
    'When `.bulkhead.yaml` lists `allowedRegistries` (for example your own ECR registries and a pull-through cache), an image from anywhere else ' +
    'bypasses the scanning, signing and access control those registries give, and can change under you. Without `allowedRegistries` this rule reports nothing.',
  remediation: 'Pull the image through an allowed registry (an ECR pull-through cache rule for public images, or a copy in your own repository), or add its registry to `allowedRegistries`.',
  reads: ['containers'],
  equivalents: { k8s: ['C-0078', 'KSV125'] },
  check({ containers }, ctx) {
    const allowed = ctx.allowedRegistries;
    if (!allowed?.length) return;
    for (const c of containers) {
      const img = c.image;
      if (!img?.known || !img.value || /\$\{|\{\{|<|\u00a4/.test(img.value)) continue; // unseen or a placeholder
      const host = registryOf(img.value);
      if (registryAllowed(host, allowed)) continue;
      ctx.report({ span: img.span, message: `${who(c)} pulls ${img.value} from ${host}, which is not in allowedRegistries.` });
    }
  },
});
