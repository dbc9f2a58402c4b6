import { defineRule } from '../rule';
import { imageTag } from './_image';
import { who } from './_util';

export default defineRule({
  slug: 'image-tag-latest',
  title: 'Image uses the latest tag or no tag',
  severity: 'warning',
  description:
    'An image without a tag, or tagged `latest`, resolves to whatever was pushed last: deployments are not reproducible, a rollback may not roll back, ' +
    'and a compromised or broken push is picked up silently at the next restart.',
  remediation: 'Use a specific version tag, or better an immutable digest (`image@sha256:…`), and enable tag immutability on the ECR repository.',
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_14', 'KSV013', 'latest-tag', 'tagNotSpecified'],
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      const img = c.image;
      if (!img?.known || !img.value) continue;
      const r = imageTag(img.value);
      if (!r) continue;
      if (r.digest) continue;
      if (r.tag && r.tag !== 'latest') continue;
      report({
        span: img.span,
        message: r.tag ? `${who(c)} uses the mutable "latest" tag (${img.value}).` : `${who(c)} has no image tag (${img.value}): it means "latest".`,
      });
    }
  },
});
