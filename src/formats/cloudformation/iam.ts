/**
 * `AWS::IAM::Role` resources that a task, job or pod runs as → roles (target
 * `iam`). A role is read when a task definition's `TaskRoleArn`, a Batch
 * job definition's `JobRoleArn`/`TaskRoleArn` or an EKS Pod Identity
 * association's `RoleArn` refers to it (`!GetAtt R.Arn`, `!Ref R`,
 * `!Sub '${R.Arn}'`), or when its trust policy lets pods assume it (IRSA:
 * web identity from the cluster's OIDC provider; Pod Identity:
 * `pods.eks.amazonaws.com`), with the permissions the template attaches
 * to it: inline `Policies`, `ManagedPolicyArns` (AWS managed ARNs and the
 * template's own `AWS::IAM::ManagedPolicy`), and `AWS::IAM::Policy`,
 * `ManagedPolicy` and `RolePolicy` resources naming it in `Roles`/`RoleName`.
 * A role given as a literal ARN or a parameter is not in the template: not read.
 */
import { Field, known, unknownField } from '../../model/container';
import type { RoleSpec, StatementSpec } from '../../model/iam';
import { asMap, asSeq, isIntrinsic, isScalar, keyText, nodeSpan, Node } from '../yaml/doc';
import { getAttOf, knownString, mapsAt, nodeAt, readPolicyDocument, refOf, val } from './props';
import type { CfnReadContext, CfnReader, CfnResource } from './resource';

const ROLE = 'AWS::IAM::Role';

/** The role resource a `*RoleArn` value points at. */
function roleOf(n: unknown, cx: CfnReadContext): CfnResource | undefined {
  const ref = refOf(n);
  const att = ref ? undefined : getAttOf(n);
  const id = ref ?? (att?.attr === 'Arn' ? att.id : undefined);
  const r = id ? cx.byId.get(id) : undefined;
  return r?.type === ROLE ? r : undefined;
}

/** Which roles the template's tasks, jobs and pods run as, and what uses each (in template order). */
function roleUses(cx: CfnReadContext): Map<CfnResource, string[]> {
  const uses = new Map<CfnResource, string[]>();
  const add = (role: CfnResource, what: string) => {
    const list = uses.get(role) ?? [];
    if (!list.includes(what)) list.push(what);
    uses.set(role, list);
  };
  const use = (n: unknown, what: string) => {
    const role = roleOf(n, cx);
    if (role) add(role, what);
  };
  for (const r of cx.resources) {
    if (!r.props) continue;
    if (r.type === ROLE) {
      // a role pods assume: IRSA (it trusts the cluster's OIDC provider) or EKS Pod Identity (it trusts pods.eks.amazonaws.com)
      const pods = podTrust(val(r.props, 'AssumeRolePolicyDocument'));
      if (pods) add(r, pods);
    } else if (r.type === 'AWS::EKS::PodIdentityAssociation') {
      const ns = knownString(val(r.props, 'Namespace'));
      const sa = knownString(val(r.props, 'ServiceAccount'));
      use(val(r.props, 'RoleArn'), `the role of ${ns && sa ? `service account ${ns}/${sa}` : 'a service account'} (EKS Pod Identity association ${r.logicalId})`);
    } else if (r.type === 'AWS::ECS::TaskDefinition') use(val(r.props, 'TaskRoleArn'), `the task role of task definition ${r.logicalId}`);
    else if (r.type === 'AWS::Batch::JobDefinition') {
      const job = `job definition ${r.logicalId}`;
      const cp = nodeAt(r.props, ['ContainerProperties']);
      if (cp && cp !== 'unknown') use(val(cp, 'JobRoleArn'), `the job role of ${job}`);
      for (const tp of mapsAt(r.props, ['EcsProperties', 'TaskProperties']).maps) use(val(tp, 'TaskRoleArn'), `the task role of ${job}`);
      for (const nr of mapsAt(r.props, ['NodeProperties', 'NodeRangeProperties']).maps) {
        const c = nodeAt(nr, ['Container']);
        if (c && c !== 'unknown') use(val(c, 'JobRoleArn'), `the job role of ${job}`);
      }
    }
  }
  return uses;
}

/**
 * Whether a trust policy lets pods assume the role, and whose: IRSA
 * (`sts:AssumeRoleWithWebIdentity` from an OIDC provider, the service
 * account in its `…:sub` condition) or EKS Pod Identity
 * (`pods.eks.amazonaws.com`). Undefined otherwise.
 */
function podTrust(doc: unknown): string | undefined {
  const d = asMap(doc);
  const sts = val(d, 'Statement');
  for (const st of asSeq(sts)?.items ?? (asMap(sts) ? [sts] : [])) {
    const actions = strings(val(st, 'Action'));
    const principal = asMap(val(st, 'Principal'));
    if (strings(val(principal, 'Service')).includes('pods.eks.amazonaws.com')) return 'the role of pods (EKS Pod Identity)';
    if (!actions.includes('sts:AssumeRoleWithWebIdentity')) continue;
    let sa: string | undefined;
    for (const test of asMap(val(st, 'Condition'))?.items ?? []) {
      for (const kv of asMap(test.value)?.items ?? []) {
        const k = keyText(kv);
        const v = strings(kv.value).find((x) => x.startsWith('system:serviceaccount:'));
        if (k?.endsWith(':sub') && v) sa = v.slice('system:serviceaccount:'.length).replace(':', '/');
      }
    }
    return `the role of ${sa ? `service account ${sa}` : 'a service account'} (IRSA)`;
  }
  return undefined;
}

/** The literal strings of a string or a list of them. */
function strings(n: unknown): string[] {
  const items = asSeq(n)?.items ?? [n];
  return items.map((x) => knownString(x as Node)).filter((x): x is string => x !== undefined);
}

function statementsOf(doc: Node | null | undefined, via: string): StatementSpec[] {
  const sts = readPolicyDocument(doc);
  if (sts === 'unknown') return [];
  const out: StatementSpec[] = [];
  for (const s of sts) {
    // an Effect Bulkhead cannot see may be a Deny: nothing to say about it
    if (s.effect === 'unknown') continue;
    out.push({
      allow: s.effect === 'allow',
      actions: s.actions,
      resources: s.resources,
      conditional: s.conditional,
      notAction: s.notAction,
      span: s.span,
      via,
    });
  }
  return out;
}

/** A managed policy ARN: literal, or `!Sub`/`Fn::Join` whose only variable is `AWS::Partition`. */
function arnField(n: Node | null | undefined): Field<string> {
  const span = nodeSpan(n);
  if (isScalar(n) && !isIntrinsic(n)) return known(String(n.value), span);
  const sub = subString(n);
  if (sub !== undefined) return known(sub, span);
  const join = joinString(n);
  if (join !== undefined) return known(join, span);
  return unknownField(span);
}

function subString(n: unknown): string | undefined {
  let s: unknown;
  if ((n as Node | undefined)?.tag === '!Sub' && isScalar(n)) s = n.value;
  else {
    const m = asMap(n);
    if (m && m.items.length === 1 && keyText(m.items[0]) === 'Fn::Sub' && isScalar(m.items[0].value)) s = (m.items[0].value as { value: unknown }).value;
  }
  if (typeof s !== 'string') return undefined;
  const out = s.replace(/\$\{AWS::Partition\}/g, 'aws');
  return /\$\{/.test(out) ? undefined : out;
}

function joinString(n: unknown): string | undefined {
  let arg: unknown;
  if ((n as Node | undefined)?.tag === '!Join') arg = n;
  else {
    const m = asMap(n);
    if (!m || m.items.length !== 1 || keyText(m.items[0]) !== 'Fn::Join') return undefined;
    arg = m.items[0].value;
  }
  const seq = asSeq(arg);
  const parts = asSeq(seq?.items[1]);
  if (!seq || seq.items.length !== 2 || !isScalar(seq.items[0]) || !parts) return undefined;
  const out: string[] = [];
  for (const p of parts.items) {
    if (refOf(p) === 'AWS::Partition') out.push('aws');
    else if (isScalar(p) && !isIntrinsic(p)) out.push(String(p.value));
    else return undefined;
  }
  return out.join(String(seq.items[0].value ?? ''));
}

/** The logical ids a `Roles:` list or `RoleName:` names by `!Ref`. */
function namedRoles(r: CfnResource): string[] {
  if (!r.props) return [];
  const out: string[] = [];
  for (const it of asSeq(val(r.props, 'Roles'))?.items ?? []) {
    const id = refOf(it);
    if (id) out.push(id);
  }
  const one = refOf(val(r.props, 'RoleName'));
  if (one) out.push(one);
  return out;
}

function readRole(role: CfnResource, usedBy: string[], cx: CfnReadContext): RoleSpec {
  const statements: StatementSpec[] = [];
  const managedPolicies: Field<string>[] = [];
  const props = role.props;
  // messages name the policy and the role it gives permissions to
  const of = ` of role ${role.logicalId}`;
  for (const p of mapsAt(props, ['Policies']).maps) {
    const name = knownString(val(p, 'PolicyName'));
    statements.push(...statementsOf(val(p, 'PolicyDocument'), `${name ? `inline policy ${name}` : 'an inline policy'}${of}`));
  }
  const arns = nodeAt(props, ['ManagedPolicyArns']);
  if (arns && arns !== 'unknown' && !isIntrinsic(arns)) {
    for (const it of asSeq(arns)?.items ?? []) {
      const target = refOf(it) ? cx.byId.get(refOf(it)!) : undefined;
      if (target?.type === 'AWS::IAM::ManagedPolicy') {
        statements.push(...statementsOf(target.props ? val(target.props, 'PolicyDocument') : undefined, `managed policy ${target.logicalId}${of}`));
      } else managedPolicies.push(arnField(it as Node));
    }
  }
  // policies that attach themselves to the role
  const attachedBy = new Set<string>();
  for (const r of cx.resources) {
    if (r.type !== 'AWS::IAM::Policy' && r.type !== 'AWS::IAM::ManagedPolicy' && r.type !== 'AWS::IAM::RolePolicy') continue;
    if (!namedRoles(r).includes(role.logicalId) || attachedBy.has(r.logicalId)) continue;
    // a managed policy already read through ManagedPolicyArns is not read twice
    if (r.type === 'AWS::IAM::ManagedPolicy' && statements.some((s) => s.via === `managed policy ${r.logicalId}${of}`)) continue;
    attachedBy.add(r.logicalId);
    const kind = r.type === 'AWS::IAM::ManagedPolicy' ? 'managed policy' : 'policy';
    statements.push(...statementsOf(r.props ? val(r.props, 'PolicyDocument') : undefined, `${kind} ${r.logicalId}${of}`));
  }
  return {
    target: 'iam',
    format: 'cfn',
    label: `role ${role.logicalId}`,
    usedBy: usedBy.length > 1 ? `${usedBy[0]} (and ${usedBy.length - 1} more)` : usedBy[0],
    span: nodeSpan(role.node),
    anchor: role.anchor,
    statements,
    managedPolicies,
  };
}

export const iamReader: CfnReader = {
  types: [ROLE],
  after(cx) {
    const uses = [...roleUses(cx)].sort(([a], [b]) => cx.resources.indexOf(a) - cx.resources.indexOf(b));
    for (const [role, usedBy] of uses) cx.views.roles.push(readRole(role, usedBy, cx));
  },
};
