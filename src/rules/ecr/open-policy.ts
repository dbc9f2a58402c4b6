import { defineRule } from '../rule';

export default defineRule({
  slug: 'open-policy',
  title: 'ECR repository policy grants access to everyone',
  severity: 'error',
  description:
    'A repository policy statement that allows `*` (any principal: `Principal: "*"`, `{ AWS: "*" }`, AnyPrincipal, StarPrincipal) without a condition lets any AWS account pull — or, with push actions, ' +
    'overwrite — your images, and with them whatever the layers contain: code, configuration, sometimes credentials. ' +
    'A condition whose operators are all `ForAllValues:…` does not restrict it: such a condition holds when the request lacks the key, as an anonymous request lacks `aws:PrincipalOrgID` or `aws:username`.',
  remediation: 'Grant the specific accounts or roles that need the images, or add a condition (for example `StringEquals` on `aws:PrincipalOrgID`, not `ForAllValues:StringEquals`) that limits the principals.',
  reads: ['repositories', 'registries'],
  equivalents: { ecr: ['CKV_AWS_32', 'AVD-AWS-0032'], cdk: ['AwsSolutions-ECR1', 'CKV_AWS_32'] },
  check({ repositories, registries }, { report }) {
    for (const r of repositories) {
      for (const st of r.policy) {
        if (!st.allow || st.conditional) continue;
        for (const p of st.openPrincipals) {
          report({
            span: p,
            message: st.vacuousCondition
              ? `${st.via} of ${r.label} allows any principal: its condition uses only ForAllValues: operators, which hold for a request without the key (an anonymous one).`
              : `${st.via} of ${r.label} allows any principal, without a condition.`,
          });
        }
      }
    }
    for (const g of registries) {
      for (const p of g.template?.openPrincipals ?? []) {
        report({ span: p, message: `The repository policy of ${g.label} allows any principal, without a condition, in every repository it creates.` });
      }
    }
  },
});
