import { asMap, asSeq, get, nodeSpan, readString, Node, YAMLMap } from '../../formats/yaml/doc';
import type { Span } from '../../core';
import type { K8sModel, K8sResource } from './_rule';

export interface RbacRule {
  role: K8sResource;
  verbs: { value: string; span: Span }[];
  resources: { value: string; span: Span }[];
  apiGroups: { value: string; span: Span }[];
  span: Span;
  /** the policy rule itself (resourceNames …) */
  node: YAMLMap;
}

export const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
export const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

function list(n: unknown): { value: string; span: Span }[] {
  const out: { value: string; span: Span }[] = [];
  const seq = asSeq(n);
  if (seq) {
    for (const it of seq.items) {
      const r = readString(it);
      if (r?.known) out.push({ value: r.value, span: nodeSpan(it as Node) });
    }
  } else {
    const r = readString(n);
    if (r?.known) out.push({ value: r.value, span: nodeSpan(n as Node) });
  }
  return out;
}

/** Every policy rule of every Role/ClusterRole in the file. */
export function rbacRules(m: K8sModel): RbacRule[] {
  const out: RbacRule[] = [];
  for (const r of m.resources) {
    if (!ROLE_KINDS.has(r.kind)) continue;
    for (const it of asSeq(get(r.node, 'rules'))?.items ?? []) {
      const pr = asMap(it);
      if (!pr) continue;
      out.push({ role: r, verbs: list(get(pr, 'verbs')), resources: list(get(pr, 'resources')), apiGroups: list(get(pr, 'apiGroups')), span: nodeSpan(pr), node: pr });
    }
  }
  return out;
}

export function roleLabel(r: K8sResource): string {
  return `${r.kind} ${r.name ?? '(unnamed)'}`;
}

export interface Subject {
  binding: K8sResource;
  kind?: string;
  name: string;
  namespace?: string;
  span: Span;
}

export function subjects(m: K8sModel): Subject[] {
  const out: Subject[] = [];
  for (const r of m.resources) {
    if (!BINDING_KINDS.has(r.kind)) continue;
    for (const it of asSeq(get(r.node, 'subjects'))?.items ?? []) {
      const s = asMap(it);
      const name = readString(get(s, 'name'));
      if (!s || !name?.known) continue;
      const kind = readString(get(s, 'kind'));
      const ns = readString(get(s, 'namespace'));
      out.push({ binding: r, kind: kind?.known ? kind.value : undefined, name: name.value, namespace: ns?.known ? ns.value : undefined, span: nodeSpan(get(s, 'name') as Node) });
    }
  }
  return out;
}

/** The policy rule covers Roles or ClusterRoles (where bind and escalate apply). */
export function onRoles(r: RbacRule): boolean {
  const group = r.apiGroups.some((g) => g.value === '*' || g.value === 'rbac.authorization.k8s.io');
  return group && r.resources.some((x) => x.value === '*' || x.value === 'roles' || x.value === 'clusterroles');
}

/**
 * The grants of core-API (`""` or `*` group) resources among `resources`
 * with any of `verbs`: each policy rule's matching resource token and the
 * verbs that make it a grant.
 */
export function coreGrants(m: K8sModel, resources: ReadonlySet<string>, verbs: ReadonlySet<string>): { rule: RbacRule; resource: { value: string; span: Span }; verbs: string[] }[] {
  const out: { rule: RbacRule; resource: { value: string; span: Span }; verbs: string[] }[] = [];
  for (const r of rbacRules(m)) {
    if (r.apiGroups.length && !r.apiGroups.some((g) => g.value === '' || g.value === '*')) continue;
    const vs = r.verbs.filter((v) => verbs.has(v.value)).map((v) => v.value);
    if (!vs.length) continue;
    for (const res of r.resources) if (resources.has(res.value)) out.push({ rule: r, resource: res, verbs: vs });
  }
  return out;
}
