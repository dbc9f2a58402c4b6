import { registryAllowed, registryOf } from '../../core';
import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/untrusted-registry',
    title: 'Base image comes from a registry outside the allowed list',
    severity: 'warning',
    description:
      'When `.bulkhead.yaml` lists `allowedRegistries`, a base image from anywhere else bypasses the scanning, signing and access control of the ' +
      'registries you trust, and can change under you. Without `allowedRegistries` this rule reports nothing.',
    remediation: 'Build from an image in an allowed registry (an ECR pull-through cache rule for public images, or a copy in your own repository), or add its registry to `allowedRegistries`.',
    equivalents: ['DL3026'],
  },
  (m, ctx) => {
    const allowed = ctx.allowedRegistries;
    if (!allowed?.length) return;
    for (const st of m.stages) {
      const img = st.image;
      // an earlier stage, scratch, or a reference built from an ARG without a default: nothing to check
      if (!img || !img.known || img.name.toLowerCase() === 'scratch') continue;
      const host = registryOf(img.text);
      if (registryAllowed(host, allowed)) continue;
      ctx.report({ span: img.span, message: `Base image "${img.text}" comes from ${host}, which is not in allowedRegistries.` });
    }
  },
);
