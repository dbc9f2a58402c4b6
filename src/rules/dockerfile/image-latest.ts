import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/image-latest',
    title: 'Base image is untagged or uses latest',
    severity: 'warning',
    description:
      'An untagged image means `latest`, which changes under you: a rebuild can silently pull a different operating system, new vulnerabilities ' +
      'or a base that no longer has the user or packages the Dockerfile relies on, and no one can tell which base a running image was built from.',
    remediation: 'Pin the base image to an explicit version tag (e.g. `alpine:3.20`), and preferably to a digest (`@sha256:…`).',
    equivalents: ['DL3006', 'DL3007', 'CKV_DOCKER_7', 'DS-0001'],
  },
  (m, ctx) => {
    for (const st of m.stages) {
      const img = st.image;
      if (!img || !img.known || img.name.toLowerCase() === 'scratch' || img.digest) continue;
      if (img.tag !== undefined && img.tag.toLowerCase() !== 'latest') continue;
      ctx.report({
        span: img.span,
        message: img.tag ? `Base image "${img.text}" uses the latest tag, which changes between builds.` : `Base image "${img.text}" has no tag, so it means latest, which changes between builds.`,
        data: { image: img.text },
      });
    }
  },
);
