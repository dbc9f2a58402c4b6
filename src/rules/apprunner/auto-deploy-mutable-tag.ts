import { cap, serviceRules } from './_template';
import { tagOf } from './image-latest';

export default serviceRules({
  slug: 'auto-deploy-mutable-tag',
  title: 'App Runner service deploys every push to a mutable tag',
  severity: 'info',
  description:
    'With `AutoDeploymentsEnabled` App Runner deploys each image pushed to the tag it follows. When the repository\'s tags are mutable, a push — by the pipeline, ' +
    'or by anyone with push rights — goes live before any scan result or review, and the tag no longer says which build is running.',
  remediation: 'Make the repository\'s tags immutable and deploy explicit version tags, or turn automatic deployments off and deploy from the pipeline after the scan.',
  equivalents: { apprunner: [], cdk: [] },
  check(s, report) {
    const a = s.autoDeploy;
    if (!a?.known || a.value !== true || s.imageTagsImmutable) return;
    if (s.imageRepositoryType && s.imageRepositoryType.toUpperCase() !== 'ECR') return;
    if (s.image?.known && tagOf(s.image.value!).digest) return;
    report({ span: a.span, message: `${cap(s.label)} deploys every image pushed to its tag automatically, and the tag can be overwritten (an unscanned push goes live).` });
  },
});
