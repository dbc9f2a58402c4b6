import { cdkRule, isOpenPrincipal, statementOf } from './_util';

export default cdkRule(
  {
    slug: 'ecr-open-policy',
    title: 'ECR repository policy grants access to everyone',
    severity: 'error',
    description:
      'A repository policy statement that allows `*` (AnyPrincipal, StarPrincipal) without a condition lets any AWS account pull — or, with push actions, ' +
      'overwrite — your images, and with them whatever the layers contain: code, configuration, sometimes credentials.',
    remediation: 'Grant the specific accounts or roles that need the images, or add a condition (for example `aws:PrincipalOrgID`) that limits the principals.',
    equivalents: ['AwsSolutions-ECR1', 'CKV_AWS_32'],
  },
  (m, ctx) => {
    for (const c of m.calls) {
      if (c.via || !c.target || c.target.q !== 'ecr.Repository') continue;
      if (c.method === 'addToResourcePolicy') {
        const st = statementOf(m, c.node.arguments[0]);
        if (!st || st.deny || st.hasConditions) continue;
        for (const p of st.principals) {
          if (isOpenPrincipal(m, p)) ctx.report({ span: m.file.span(p), message: `A resource policy of ECR repository${c.target.id ? ` "${c.target.id}"` : ''} allows any principal, without a condition.` });
        }
      } else if (/^grant(Pull|PullPush|Push|Read)?$/.test(c.method)) {
        const p = c.node.arguments[0];
        if (p && isOpenPrincipal(m, p)) ctx.report({ span: m.file.span(p), message: `${c.method} on ECR repository${c.target.id ? ` "${c.target.id}"` : ''} grants access to any principal.` });
      }
    }
  },
);
