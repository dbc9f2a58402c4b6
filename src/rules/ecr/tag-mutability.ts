import { defineRule } from '../rule';
import { cap } from './_util';

export default defineRule({
  slug: 'tag-mutability',
  title: 'ECR repository allows tags to be overwritten',
  severity: 'warning',
  description:
    'With mutable tags anyone who can push may replace the image behind `v1.2.3` (or `latest`) without changing any task definition or service, ' +
    'so what runs is no longer what was reviewed and scanned. ECR makes tags mutable by default, in CloudFormation and in CDK.',
  remediation: 'Make tags immutable (`ImageTagMutability: IMMUTABLE`, or `imageTagMutability: ecr.TagMutability.IMMUTABLE` in CDK) and push a new tag for every build.',
  fix: 'unsafe',
  reads: ['repositories', 'registries'],
  equivalents: { ecr: ['CKV_AWS_51', 'AVD-AWS-0031'], cdk: ['CKV_AWS_51'] },
  per: {
    tf: { remediation: 'Set `image_tag_mutability = "IMMUTABLE"` and push a new tag for every build.' },
    cdk: { remediation: 'Set `imageTagMutability: ecr.TagMutability.IMMUTABLE` and push a new tag for every build.' },
    ecr: { remediation: 'Set `ImageTagMutability: IMMUTABLE` and push a new tag for every build.' },
  },
  check({ repositories, registries }, { report }) {
    for (const r of repositories) {
      const t = r.tagMutability;
      if (t === 'unknown') continue;
      const fix = r.writer.makeTagsImmutable();
      if (t === 'missing') {
        report({ span: r.anchor, message: `${cap(r.label)} has mutable image tags (the default): a pushed tag can be overwritten.`, fixes: fix ? [fix] : [] });
      } else if (t.known && /^MUTABLE/i.test(t.value!)) {
        const partly = /EXCLUSION/i.test(t.value!) ? ' (except the excluded tags)' : '';
        report({ span: t.span, message: `${cap(r.label)} has mutable image tags${partly}: a pushed tag can be overwritten.`, fixes: fix ? [fix] : [] });
      }
    }
    // a repository creation template gives every repository it creates its setting (MUTABLE when it names none)
    for (const g of registries) {
      const t = g.template;
      if (!t) continue;
      const m = t.tagMutability;
      if (m === 'unknown') continue;
      const fix = t.writer.makeTagsImmutable?.();
      if (m === 'missing') {
        report({ span: g.anchor, message: `${cap(g.label)} gives the repositories it creates mutable image tags (the default): a pushed tag can be overwritten.`, fixes: fix ? [fix] : [] });
      } else if (m.known && /^MUTABLE/i.test(m.value!)) {
        const partly = /EXCLUSION/i.test(m.value!) ? ' (except the excluded tags)' : '';
        report({ span: m.span, message: `${cap(g.label)} gives the repositories it creates mutable image tags${partly}: a pushed tag can be overwritten.`, fixes: fix ? [fix] : [] });
      }
    }
  },
});
