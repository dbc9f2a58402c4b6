import { defineRule } from '../rule';
import { cap } from './_util';

export function tagOf(image: string): { tag?: string; digest: boolean } {
  if (image.includes('@sha256:')) return { digest: true };
  const last = image.slice(image.lastIndexOf('/') + 1);
  const i = last.lastIndexOf(':');
  return { tag: i >= 0 ? last.slice(i + 1) : undefined, digest: false };
}

export default defineRule({
  slug: 'image-latest',
  title: 'App Runner service deploys the latest tag',
  severity: 'warning',
  description:
    'An `ImageIdentifier` on `latest` (or with no tag) deploys whatever was pushed last: a rollback redeploys the same moving target, two instances may run ' +
    'different builds, and nothing records which image was reviewed and scanned.',
  remediation: 'Point `ImageIdentifier` at a version tag (with immutable tags on the repository) or a digest, and update it on every release.',
  per: { tf: { remediation: 'Point `image_identifier` at a version tag (with immutable tags on the repository) or a digest, and update it on every release.' } },
  reads: ['webServices'],
  check({ webServices }, { report }) {
    for (const s of webServices) {
      const img = s.image;
      if (!img?.known) continue;
      const { tag, digest } = tagOf(img.value!);
      if (digest || (tag !== undefined && tag !== 'latest')) continue;
      report({ span: img.span, message: `${cap(s.label)} deploys ${tag ? 'the latest tag' : 'an image without a tag (latest)'}: what runs changes with every push.` });
    }
  },
});
