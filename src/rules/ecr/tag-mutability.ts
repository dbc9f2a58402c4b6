import { cap, repositoryRules } from './_template';

export default repositoryRules({
  slug: 'tag-mutability',
  title: 'ECR repository allows tags to be overwritten',
  severity: 'warning',
  description:
    'With mutable tags anyone who can push may replace the image behind `v1.2.3` (or `latest`) without changing any task definition or service, ' +
    'so what runs is no longer what was reviewed and scanned. ECR makes tags mutable by default, in CloudFormation and in CDK.',
  remediation: 'Make tags immutable (`ImageTagMutability: IMMUTABLE`, or `imageTagMutability: ecr.TagMutability.IMMUTABLE` in CDK) and push a new tag for every build.',
  fix: 'unsafe',
  equivalents: { ecr: ['CKV_AWS_51', 'AVD-AWS-0031'], cdk: ['CKV_AWS_51'] },
  per: {
    cdk: { remediation: 'Set `imageTagMutability: ecr.TagMutability.IMMUTABLE` and push a new tag for every build.' },
    ecr: { remediation: 'Set `ImageTagMutability: IMMUTABLE` and push a new tag for every build.' },
  },
  check(r, report) {
    const t = r.tagMutability;
    if (t === 'unknown') return;
    const fix = r.writer.makeTagsImmutable();
    if (t === 'missing') {
      report({ span: r.anchor, message: `${cap(r.label)} has mutable image tags (the default): a pushed tag can be overwritten.`, fixes: fix ? [fix] : [] });
    } else if (t.known && /^MUTABLE/i.test(t.value!)) {
      const partly = /EXCLUSION/i.test(t.value!) ? ' (except the excluded tags)' : '';
      report({ span: t.span, message: `${cap(r.label)} has mutable image tags${partly}: a pushed tag can be overwritten.`, fixes: fix ? [fix] : [] });
    }
  },
});
