import type * as TS from 'typescript';
import type { CdkModel } from '../../formats/cdk/parse';
import { cdkRule, statementOf } from './_util';

/** Actions that only accept `*` as their resource. */
const STAR_ONLY = new Set(['ecr:getauthorizationtoken', 'xray:puttracesegments', 'xray:puttelemetryrecords', 'cloudwatch:putmetricdata', 'ssmmessages:createcontrolchannel', 'ssmmessages:createdatachannel', 'ssmmessages:openconrolchannel', 'ssmmessages:opencontrolchannel', 'ssmmessages:opendatachannel']);
const TASK_PRINCIPALS = new Set(['ecs-tasks.amazonaws.com', 'batch.amazonaws.com']);

export default cdkRule(
  {
    slug: 'iam-wildcard-policy',
    title: 'Task role policy uses wildcard actions or resources',
    severity: 'warning',
    description:
      'A task or job role whose policy allows `*` actions, every action of a service (`s3:*`) or every resource hands whoever runs code in the container ' +
      'far more than the application needs: one injection or dependency compromise becomes access to every bucket, table or secret in the account.',
    remediation: 'List the specific actions the application calls and the ARNs of the resources it uses (or use the constructs\' `grant*` methods).',
    equivalents: ['AwsSolutions-IAM5'],
  },
  (m, ctx) => {
    const file = m.file;
    const ts = file.ts;
    const statements: TS.Expression[] = [];
    for (const c of m.calls) {
      if (c.method === 'addToTaskRolePolicy' || c.method === 'addToExecutionRolePolicy') statements.push(c.node.arguments[0]);
      else if ((c.method === 'addToPolicy' || c.method === 'addToPrincipalPolicy') && (c.via === 'taskRole' || c.via === 'jobRole' || (c.target && !c.via && isTaskRole(m, c.target.node)))) statements.push(c.node.arguments[0]);
    }
    for (const n of m.news) {
      if (n.q !== 'iam.Role' || !isTaskRole(m, n.node) || !n.props) continue;
      const ip = file.object(n.props.get('inlinePolicies')?.value);
      for (const prop of ip?.properties ?? []) {
        if (!ts.isPropertyAssignment(prop)) continue;
        const doc = file.deref(prop.initializer);
        if (!ts.isNewExpression(doc) || file.resolve(doc.expression) !== 'iam.PolicyDocument') continue;
        const o = file.object(doc.arguments?.[0]);
        const sp = o?.properties.find((x): x is TS.PropertyAssignment => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === 'statements');
        for (const el of file.array(sp?.initializer)?.elements ?? []) statements.push(el);
      }
    }
    const seen = new Set<TS.Node>();
    for (const e of statements) {
      const st = statementOf(m, e);
      if (!st || st.deny || seen.has(st.node)) continue;
      seen.add(st.node);
      for (const a of st.actions) {
        if (a.value === '*') ctx.report({ span: a.span, severity: 'error', message: 'A task role policy allows every action ("*").' });
        else if (/^[a-z0-9-]+:\*$/i.test(a.value)) ctx.report({ span: a.span, message: `A task role policy allows every ${a.value.split(':')[0]} action ("${a.value}").` });
      }
      const starOnly = st.actions.length > 0 && st.actions.every((a) => STAR_ONLY.has(a.value.toLowerCase()));
      if (!starOnly) for (const r of st.resources) if (r.value === '*') ctx.report({ span: r.span, message: 'A task role policy applies to every resource ("*").' });
    }
  },
);

function isTaskRole(m: CdkModel, n: TS.NewExpression): boolean {
  const file = m.file!;
  const ts = file.ts;
  if (file.resolve(n.expression) !== 'iam.Role') return false;
  const o = file.object(n.arguments?.[2]);
  const ab = o?.properties.find((x): x is TS.PropertyAssignment => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === 'assumedBy');
  const v = ab && file.deref(ab.initializer);
  if (!v || !ts.isNewExpression(v) || file.resolve(v.expression) !== 'iam.ServicePrincipal') return false;
  const s = file.string(v.arguments?.[0]);
  return !!s && TASK_PRINCIPALS.has(s.value);
}
