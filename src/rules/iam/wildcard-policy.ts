import { isWildcardAction } from '../../model/iam';
import { defineRule } from '../rule';
import { cap } from '../_text';

/** Actions that only accept `*` as their resource. */
const STAR_ONLY = new Set(['ecr:getauthorizationtoken', 'xray:puttracesegments', 'xray:puttelemetryrecords', 'cloudwatch:putmetricdata', 'ssmmessages:createcontrolchannel', 'ssmmessages:createdatachannel', 'ssmmessages:openconrolchannel', 'ssmmessages:opencontrolchannel', 'ssmmessages:opendatachannel']);

export default defineRule({
  slug: 'wildcard-policy',
  title: 'Task role policy uses wildcard actions or resources',
  severity: 'warning',
  description:
    'A task, job or pod role (IRSA, EKS Pod Identity) whose policy allows `*` actions, every action of a service (`s3:*`) or every resource hands whoever runs code in the container ' +
    'far more than the application needs: one injection or dependency compromise becomes access to every bucket, table or secret in the account.',
  remediation: 'List the specific actions the application calls and the ARNs of the resources it uses.',
  reads: ['roles'],
  equivalents: { cdk: ['AwsSolutions-IAM5'] },
  per: { cdk: { remediation: 'List the specific actions the application calls and the ARNs of the resources it uses (or use the constructs\' `grant*` methods).' } },
  check({ roles }, ctx) {
    for (const r of roles) {
      for (const st of r.statements) {
        if (!st.allow) continue;
        for (const a of st.actions) {
          if (!a.known || !isWildcardAction(a.value!)) continue;
          const v = a.value!.trim();
          if (v === '*') ctx.report({ span: a.span, severity: 'error', message: `${cap(st.via)} allows every action ("*").` });
          else ctx.report({ span: a.span, message: `${cap(st.via)} allows every ${v.split(':')[0]} action ("${a.value}").` });
        }
        // actions that take no resource but `*` make a `*` resource necessary, not broad
        const starOnly = st.actions.length > 0 && st.actions.every((a) => a.known && STAR_ONLY.has(a.value!.toLowerCase()));
        if (starOnly) continue;
        for (const x of st.resources) if (x.known && x.value === '*') ctx.report({ span: x.span, message: `${cap(st.via)} applies to every resource ("*").` });
      }
    }
  },
});
