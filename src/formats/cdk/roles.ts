/**
 * The roles CDK tasks and jobs run as, mapped into RoleSpec: the policy
 * statements added to them (`addToTaskRolePolicy`, `taskRole.addToPolicy`,
 * `addToPolicy` on an `iam.Role` that ECS tasks or Batch assume, its
 * `inlinePolicies`) and the AWS managed policies the file names.
 */
import type * as TS from 'typescript';
import type { Span } from '../../core';
import { Field, known } from '../../model/container';
import type { RoleSpec, StatementSpec } from '../../model/iam';
import { readStatement } from './iam';
import { constructLabel } from './construct';
import type { CdkCall, CdkModel, CdkNew } from './model';

const TASK_PRINCIPALS = new Set(['ecs-tasks.amazonaws.com', 'batch.amazonaws.com']);

/** What every CDK statement message calls its policy. */
const VIA = 'a task role policy';

/** `new iam.Role(…, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') })` (or Batch's). */
export function isTaskRole(m: CdkModel, n: TS.NewExpression): boolean {
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

export function buildRoles(m: CdkModel): RoleSpec[] {
  const file = m.file;
  if (!file || !m.editor) return [];
  const ts = file.ts;
  const roles = new Map<string, RoleSpec>();
  const roleOf = (key: string, label: string, usedBy: string, span: Span, anchor: Span): RoleSpec => {
    let r = roles.get(key);
    if (!r) roles.set(key, (r = { target: 'cdk', format: 'cdk', label, usedBy, span, anchor, statements: [], managedPolicies: [] }));
    return r;
  };
  const ofConstruct = (n: CdkNew, via?: string): RoleSpec => {
    const what = constructLabel(n);
    if (n.q === 'iam.Role') return roleOf(`new:${n.node.pos}`, `role ${what}`, 'a task or job role', file.span(n.node), n.anchor);
    const kind = via === 'executionRole' ? 'execution role' : via === 'jobRole' ? 'job role' : 'task role';
    return roleOf(`${kind}:${n.node.pos}`, `the ${kind} of ${what}`, what, file.span(n.node), n.anchor);
  };
  /** the role a call adds to, or undefined when it is not a task or job role */
  const ofCall = (c: CdkCall): RoleSpec | undefined => {
    const at = file.span(c.node.expression);
    const receiver = (c.node.expression as TS.PropertyAccessExpression).expression.getText(file.sf);
    if (c.method === 'addToTaskRolePolicy' || c.method === 'addToExecutionRolePolicy') {
      const via = c.method === 'addToTaskRolePolicy' ? 'taskRole' : 'executionRole';
      return c.target && !c.via ? ofConstruct(c.target, via) : roleOf(`${via}:${receiver}`, `the ${via === 'taskRole' ? 'task' : 'execution'} role of ${receiver}`, receiver, at, at);
    }
    if (c.via === 'taskRole' || c.via === 'jobRole') return c.target ? ofConstruct(c.target, c.via) : undefined;
    if (c.target && !c.via && c.target.q === 'iam.Role' && isTaskRole(m, c.target.node)) return ofConstruct(c.target);
    return undefined;
  };

  // statements, each once (one statement object may be added to several roles)
  const seen = new Set<TS.Node>();
  const addStatement = (r: RoleSpec, e: TS.Expression | undefined): void => {
    const st = readStatement(file, e);
    if (!st || seen.has(st.node)) return;
    seen.add(st.node);
    const spec: StatementSpec = {
      allow: !st.deny,
      actions: st.actions.map((a) => known(a.value, a.span)),
      resources: st.resources.map((x) => known(x.value, x.span)),
      conditional: st.hasConditions,
      span: file.span(st.node),
      via: VIA,
    };
    r.statements.push(spec);
  };
  for (const c of m.calls) {
    if (!['addToTaskRolePolicy', 'addToExecutionRolePolicy', 'addToPolicy', 'addToPrincipalPolicy'].includes(c.method)) continue;
    const r = ofCall(c);
    if (r) addStatement(r, c.node.arguments[0]);
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
      for (const el of file.array(sp?.initializer)?.elements ?? []) addStatement(ofConstruct(n), el);
    }
  }

  // AWS managed policies, wherever the file names one: attached to the role
  // it is given to when that is visible, else to the role of the file's
  // tasks that cannot be told apart (a broad managed policy is rarely meant
  // for anything else in a container stack)
  for (const s of m.statics) {
    const f = managedPolicy(m, s.q, s.node);
    if (!f) continue;
    roleOfPolicy(m, s.node, ofCall, ofConstruct, roleOf).managedPolicies.push(f);
  }
  return [...roles.values()];
}

/** `ManagedPolicy.fromAwsManagedPolicyName('X')` → the ARN of X; `fromManagedPolicyArn(scope, id, 'arn:…')` → the ARN (the span: the literal). */
function managedPolicy(m: CdkModel, q: string, node: TS.CallExpression): Field<string> | undefined {
  const file = m.file!;
  if (q === 'iam.ManagedPolicy.fromAwsManagedPolicyName') {
    const a = file.string(node.arguments[0]);
    return a ? known(`arn:aws:iam::aws:policy/${a.value}`, a.span) : undefined;
  }
  const a = q === 'iam.ManagedPolicy.fromManagedPolicyArn' ? file.string(node.arguments[2]) : undefined;
  return a ? known(a.value, a.span) : undefined;
}

function roleOfPolicy(
  m: CdkModel,
  node: TS.CallExpression,
  ofCall: (c: CdkCall) => RoleSpec | undefined,
  ofConstruct: (n: CdkNew, via?: string) => RoleSpec,
  roleOf: (key: string, label: string, usedBy: string, span: Span, anchor: Span) => RoleSpec,
): RoleSpec {
  const file = m.file!;
  const ts = file.ts;
  let p: TS.Node | undefined = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p))) p = p.parent;
  // x.addManagedPolicy(<policy>)
  if (p && ts.isCallExpression(p) && p.arguments.includes(node as never)) {
    const c = m.calls.find((x) => x.node === p && x.method === 'addManagedPolicy');
    const r = c && (c.via ? (c.target && ['taskRole', 'jobRole', 'executionRole'].includes(c.via) ? ofConstruct(c.target, c.via) : undefined) : ofCall({ ...c, method: 'addToPolicy' }));
    if (r) return r;
  }
  // new iam.Role(…, { managedPolicies: [<policy>] })
  if (p && ts.isArrayLiteralExpression(p)) {
    const prop = p.parent;
    const obj = prop && ts.isPropertyAssignment(prop) ? prop.parent : undefined;
    const n = obj && m.news.find((x) => x.q === 'iam.Role' && x.props?.node === obj);
    if (n) return ofConstruct(n);
  }
  const at = file.span(node);
  return roleOf('file', 'a role', 'a role of this file', at, at);
}
