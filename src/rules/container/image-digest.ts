import { containerRules } from './_template';
import { splitImageRef } from '../../core/imageRef';
import { isOpaqueImage } from './_image';
import { who } from './_util';

export default containerRules({
  slug: 'image-not-pinned',
  title: 'Image is not pinned by digest',
  severity: 'info',
  description:
    'A tag can be moved to another image at any time; only a digest names exactly one image. Pinning by digest makes what runs the same as what was scanned and reviewed.',
  remediation: 'Reference the image by digest (`repository:tag@sha256:…`), updated by your dependency bot, or use an ECR repository with immutable tags.',
  equivalents: {
    k8s: ['CKV_K8S_43'],
    ecs: [],
    cdk: [],
  },
  check(c, report) {
    const img = c.image;
    if (!img?.known || !img.value || isOpaqueImage(img.value)) return;
    const r = splitImageRef(img.value);
    if (r.digest) return;
    report({ span: img.span, message: `${who(c)} image ${img.value} is not pinned by digest.` });
  },
});
