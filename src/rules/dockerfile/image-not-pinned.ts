import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/image-not-pinned',
    title: 'Base image not pinned by digest',
    severity: 'info',
    strict: 'Pinning by digest is supply-chain hygiene: a version tag that the team controls is a reasonable default, and digest pins need tooling to keep up to date.',
    description:
      'A tag can be moved to another image at any time, by the publisher or by anyone who can push to the repository. Only a digest ' +
      '(`@sha256:…`) names exactly one image, so builds are reproducible and a compromised tag cannot slip into them. For images in Amazon ECR, ' +
      'tag immutability gives a similar guarantee.',
    remediation: 'Append the digest of the tested image to the reference (`image:tag@sha256:…`) and let a bot (Dependabot, Renovate) update it.',
    equivalents: [],
  },
  (m, ctx) => {
    for (const st of m.stages) {
      const img = st.image;
      if (!img || !img.known || img.name.toLowerCase() === 'scratch' || img.digest) continue;
      const ecr = m.imageRefs.find((r) => r.span.start === img.span.start)?.ecr;
      ctx.report({
        span: img.span,
        message: `Base image "${img.text}" is not pinned by digest${ecr ? ' (an Amazon ECR image: pin the digest or make the repository\'s tags immutable)' : ''}.`,
        data: { image: img.text, ecr: !!ecr },
      });
    }
  },
);
