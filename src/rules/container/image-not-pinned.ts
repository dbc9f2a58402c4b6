import { defineRule } from '../rule';
import { imageTag } from './_image';
import { who } from './_util';

export default defineRule({
  slug: 'image-not-pinned',
  title: 'Image is not pinned by digest',
  severity: 'info',
  strict: 'Pinning by digest is supply-chain hygiene: a version tag that the team controls is a reasonable default, and digest pins need tooling to keep up to date.',
  description:
    'A tag can be moved to another image at any time; only a digest names exactly one image. Pinning by digest makes what runs the same as what was scanned and reviewed.',
  remediation: 'Reference the image by digest (`repository:tag@sha256:…`), updated by your dependency bot, or use an ECR repository with immutable tags.',
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_43'],
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      const img = c.image;
      if (!img?.known || !img.value) continue;
      const r = imageTag(img.value);
      if (!r) continue;
      if (r.digest) continue;
      report({ span: img.span, message: `${who(c)} image ${img.value} is not pinned by digest.` });
    }
  },
});
