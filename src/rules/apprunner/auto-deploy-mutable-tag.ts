import { defineRule } from '../rule';
import { cap } from './_util';
import { tagOf } from './image-latest';

export default defineRule({
  slug: 'auto-deploy-mutable-tag',
  title: 'App Runner service deploys every push to a mutable tag',
  severity: 'info',
  description:
    'With `AutoDeploymentsEnabled` App Runner deploys each image pushed to the tag it follows. When the repository\'s tags are mutable, a push — by the pipeline, ' +
    'or by anyone with push rights — goes live before any scan result or review, and the tag no longer says which build is running.',
  remediation: 'Make the repository\'s tags immutable and deploy explicit version tags, or turn automatic deployments off and deploy from the pipeline after the scan.',
  reads: ['webServices'],
  check({ webServices }, { report }) {
    for (const s of webServices) {
      const a = s.autoDeploy;
      if (!a?.known || a.value !== true || s.imageTagsImmutable) continue;
      // a source-code service (GitHub, Bitbucket) or a source Bulkhead cannot see has no tag to overwrite
      if (!s.image && !s.imageRepositoryType) continue;
      if (s.imageRepositoryType && s.imageRepositoryType.toUpperCase() !== 'ECR') continue;
      if (s.image?.known && tagOf(s.image.value!).digest) continue;
      report({ span: a.span, message: `${cap(s.label)} deploys every image pushed to its tag automatically, and the tag can be overwritten (an unscanned push goes live).` });
    }
  },
});
