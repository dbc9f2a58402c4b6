import type { Span } from '../../core';
import { defineRule } from '../rule';

export default defineRule({
  slug: 'cross-account-policy',
  title: 'ECR repository policy grants another AWS account without a condition',
  severity: 'warning',
  description:
    'A repository policy statement that allows a whole other AWS account (`arn:aws:iam::111122223333:root`, a bare account id, `new iam.AccountPrincipal(…)`) without a condition ' +
    'delegates access to every role and user that account lets through: if that account is compromised, or is not the one you meant, your images — and whatever their layers hold — go with it, ' +
    'and with push actions they can be overwritten. A grant to the account that owns the repository (`AWS::AccountId`, `this.account`) is not reported, nor are principals Bulkhead cannot read.',
  remediation:
    'Add a condition that limits the principals (for example `aws:PrincipalOrgID` with your organization id), or name the roles that need the images and limit the actions to pulls (`ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer`, `ecr:BatchCheckLayerAvailability`).',
  reads: ['repositories'],
  check({ repositories }, { report }) {
    for (const r of repositories) {
      const own = new Set(r.ownAccounts ?? []);
      for (const st of r.policy) {
        if (!st.allow || st.conditional) continue;
        // one finding per principal (a policy written as a JSON string: one for the string)
        const bySpan = new Map<string, { span: Span; accounts: string[] }>();
        for (const p of st.accountPrincipals ?? []) {
          if (own.has(p.account)) continue;
          const k = `${p.span.start}:${p.span.end}`;
          const g = bySpan.get(k) ?? { span: p.span, accounts: [] };
          if (!g.accounts.includes(p.account)) g.accounts.push(p.account);
          bySpan.set(k, g);
        }
        for (const { span, accounts } of bySpan.values()) {
          const who = accounts.length === 1 ? `account ${accounts[0]}` : `accounts ${accounts.join(', ')}`;
          report({
            span,
            message:
              `${st.via} of ${r.label} grants ${who} without a condition; ` +
              'add an `aws:PrincipalOrgID` condition, or grant named roles only the pull actions.',
          });
        }
      }
    }
  },
});
