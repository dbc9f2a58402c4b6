/**
 * NetworkPolicies: which pods they select. A pod that no policy of its
 * namespace selects accepts traffic from anywhere in the cluster, and may
 * reach anywhere. The policies of the whole tree are indexed (see
 * kustomize/context.ts) so a workload is checked against the policies of
 * other files too.
 */
import type { LabelRequirement, NetworkPolicySummary, WorkloadSummary } from '../../model/deployment';
import { POD_SPEC_PATHS } from './kinds';
import { mayHoldNetworkPolicy, mayHoldWorkload } from '../classify';
import { asMap, asSeq, get, isIntrinsic, keyText, parseYamlDocs, readString, YAMLMap } from '../yaml/doc';

export { mayHoldNetworkPolicy, mayHoldWorkload };

/** A selector's requirements; 'unknown' when any part of it cannot be read. */
export function readSelector(n: unknown): LabelRequirement[] | 'unknown' {
  if (n == null) return [];
  if (isIntrinsic(n)) return 'unknown';
  const m = asMap(n);
  if (!m) return (n as { value?: unknown }).value == null ? [] : 'unknown';
  const out: LabelRequirement[] = [];
  const labels = get(m, 'matchLabels');
  if (labels != null) {
    const lm = asMap(labels);
    if (!lm) return 'unknown';
    for (const p of lm.items) {
      const k = keyText(p);
      const v = readString(p.value);
      if (!k || !v?.known) return 'unknown';
      out.push({ key: k, operator: 'In', values: [v.value] });
    }
  }
  const exprs = get(m, 'matchExpressions');
  if (exprs != null) {
    const seq = asSeq(exprs);
    if (!seq) return 'unknown';
    for (const it of seq.items) {
      const key = readString(get(it, 'key'));
      const op = readString(get(it, 'operator'));
      if (!key?.known || !op?.known || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op.value)) return 'unknown';
      const values: string[] = [];
      for (const v of asSeq(get(it, 'values'))?.items ?? []) {
        const r = readString(v);
        if (!r?.known) return 'unknown';
        values.push(r.value);
      }
      out.push({ key: key.value, operator: op.value as LabelRequirement['operator'], values });
    }
  }
  return out;
}

/** Does the selector select a pod with these labels? An unknown selector may select anything: true. */
export function selects(selector: LabelRequirement[] | 'unknown', labels: ReadonlyMap<string, string>): boolean {
  if (selector === 'unknown') return true;
  return selector.every((r) => {
    const v = labels.get(r.key);
    switch (r.operator) {
      case 'In':
        return v !== undefined && r.values.includes(v);
      case 'NotIn':
        return v === undefined || !r.values.includes(v);
      case 'Exists':
        return v !== undefined;
      case 'DoesNotExist':
        return v === undefined;
    }
  });
}

/** The NetworkPolicies of one parsed object (a document, a `List` item). */
export function networkPolicyOf(node: YAMLMap, file: string, namespace: string | undefined): NetworkPolicySummary | undefined {
  const kind = readString(get(node, 'kind'));
  if (!kind?.known || kind.value !== 'NetworkPolicy') return undefined;
  const name = readString(get(node, 'metadata', 'name'));
  const spec = get(node, 'spec');
  return {
    name: name?.known ? name.value : '(unnamed)',
    namespace,
    selector: spec == null ? [] : isIntrinsic(spec) || (!asMap(spec) && (spec as { value?: unknown }).value != null) ? 'unknown' : readSelector(get(spec, 'podSelector')),
    file,
  };
}

/**
 * The NetworkPolicies of a file. `buildNamespaces`: the namespaces the
 * kustomizations that deploy the file set (they override the policy's own
 * `metadata.namespace`); without any, its own namespace.
 */
export function networkPoliciesIn(text: string, file: string, buildNamespaces: (string | undefined)[] = []): NetworkPolicySummary[] {
  if (!mayHoldNetworkPolicy(text)) return [];
  const out: NetworkPolicySummary[] = [];
  for (const it of objectsIn(text)) {
    const own = readString(get(it, 'metadata', 'namespace'));
    const mine = own?.known ? own.value : undefined;
    const namespaces = buildNamespaces.length ? buildNamespaces.map((n) => n ?? mine) : [mine];
    for (const ns of new Set(namespaces)) {
      const p = networkPolicyOf(it, file, ns);
      if (p) out.push(p);
    }
  }
  return out;
}

/**
 * The pod-bearing workloads of a file, with their pod labels and the
 * namespaces the builds that deploy the file give them. A Helm template's
 * (`{{`) labels and namespaces are unknown.
 */
export function workloadsIn(text: string, file: string, buildNamespaces: (string | undefined)[] = []): WorkloadSummary[] {
  if (!mayHoldWorkload(text)) return [];
  const helm = text.includes('{{');
  const out: WorkloadSummary[] = [];
  for (const it of helm ? [] : objectsIn(text)) {
    const k = readString(get(it, 'kind'));
    const path = k?.known ? POD_SPEC_PATHS[k.value] : undefined;
    if (!k?.known || !path || k.value === 'PodTemplate') continue;
    const name = readString(get(it, 'metadata', 'name'));
    const ownNode = get(it, 'metadata', 'namespace');
    const own = readString(ownNode);
    const mine = own?.known ? own.value : ownNode != null ? '*' : undefined;
    const namespaces = [...new Set(buildNamespaces.length ? buildNamespaces.map((n) => n ?? mine) : [mine])];
    const md = path.length === 1 ? get(it, 'metadata') : get(it, ...path.slice(0, -1), 'metadata');
    out.push({ name: `${k.value}/${name?.known ? name.value : '(unnamed)'}`, namespace: namespaces.length === 1 ? namespaces[0] : '*', labels: labelsOf(md), file });
  }
  // a Helm template's workloads: somewhere, with labels unknown
  if (helm) out.push({ name: `(Helm template ${file})`, namespace: '*', labels: 'unknown', file });
  return out;
}

/** The objects of a manifest: its documents without syntax errors, a `List`'s items in its place. */
function objectsIn(text: string): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const d of parseYamlDocs(text)) {
    const root = asMap(d.root);
    if (d.errors.length || !root) continue;
    const kind = readString(get(root, 'kind'));
    if (kind?.known && kind.value === 'List') {
      for (const it of asSeq(get(root, 'items'))?.items ?? []) {
        const m = asMap(it);
        if (m) out.push(m);
      }
    } else out.push(root);
  }
  return out;
}

/** The labels of a metadata mapping; 'unknown' when any of them (or the mapping) cannot be read. */
export function labelsOf(metadata: unknown): Record<string, string> | 'unknown' {
  const lm = get(metadata, 'labels');
  if (lm != null && !asMap(lm)) return 'unknown';
  const out: Record<string, string> = {};
  for (const p of asMap(lm)?.items ?? []) {
    const key = keyText(p);
    const v = readString(p.value);
    if (!key || !v?.known) return 'unknown';
    out[key] = v.value;
  }
  return out;
}
