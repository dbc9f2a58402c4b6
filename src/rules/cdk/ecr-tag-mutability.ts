import { cdkRule, constructs, fix, label, member, missing, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'ecr-tag-mutability',
    title: 'ECR repository allows tags to be overwritten',
    severity: 'warning',
    description:
      'With mutable tags anyone who can push may replace the image behind `v1.2.3` (or `latest`) without changing any task definition, ' +
      'so what runs is no longer what was reviewed and scanned. `ecr.Repository` makes tags mutable by default.',
    remediation: 'Set `imageTagMutability: ecr.TagMutability.IMMUTABLE` and push a new tag for every build.',
    equivalents: ['CKV_AWS_51'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    for (const n of constructs(m, 'ecr.Repository')) {
      const p = n.props?.get('imageTagMutability');
      const edits = () => {
        const imp = m.editor.imports();
        const e = setConstructProp(m, n, p, 'imageTagMutability', `${imp.ref('ecr', 'TagMutability')}.IMMUTABLE`);
        return e ? [...e, ...imp.edits] : undefined;
      };
      if (p) {
        if (member(m, p.value, 'ecr.TagMutability') !== 'MUTABLE') continue;
        ctx.report({ span: m.file.span(p.value), message: `${label(n)} has mutable image tags: a pushed tag can be overwritten.`, fixes: fix('Make image tags immutable', 'unsafe', edits()) });
      } else if (missing(n, 'imageTagMutability')) {
        ctx.report({ span: n.anchor, message: `${label(n)} has mutable image tags (the default): a pushed tag can be overwritten.`, fixes: fix('Make image tags immutable', 'unsafe', edits()) });
      }
    }
  },
);
