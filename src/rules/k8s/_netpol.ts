import type { K8sModel, K8sPod } from '../../formats/k8s/parse';
import { labelsOf, selects } from '../../formats/k8s/netpol';
import type { NetworkPolicySummary } from '../../model/deployment';
import { getPair } from '../../formats/yaml/doc';
import { podMetadata } from './_rule';

/** A pod-bearing workload and the NetworkPolicies of its namespace in the tree. */
export interface PodIsolation {
  pod: K8sPod;
  /** its namespace; undefined: none set (the policies without one share it) */
  namespace?: string;
  /** the tree's policies in that namespace */
  policies: NetworkPolicySummary[];
  /** one of them selects the pod */
  selected: boolean;
}

/**
 * Which workloads of the file the tree's NetworkPolicies isolate. Left out,
 * as unknown: Helm templates (labels come from template expressions),
 * kustomize patches, namespaces the builds disagree on or that an expression
 * sets, pod labels that are not all plain strings, host-network pods (no
 * policy applies to them), bare PodTemplates.
 */
export function podIsolation(m: K8sModel): PodIsolation[] {
  if (m.helm) return [];
  const out: PodIsolation[] = [];
  for (const pod of m.pods) {
    const r = pod.resource;
    if (r.kind === 'PodTemplate' || r.partial || r.namespaceUnknown) continue;
    if (r.namespace === undefined && getPair(r.metadata, 'namespace')) continue;
    const host = pod.workload.hostNetwork;
    if (host && (!host.known || host.value)) continue;
    const labels = labelsOf(podMetadata(pod));
    if (labels === 'unknown') continue;
    const policies = m.networkPolicies.filter((p) => p.namespace === r.namespace);
    out.push({ pod, namespace: r.namespace, policies, selected: policies.some((p) => selects(p.selector, new Map(Object.entries(labels)))) });
  }
  return out;
}

export function workloadName(pod: K8sPod): string {
  return pod.workload.label;
}

export function namespaceText(ns: string | undefined): string {
  return ns === undefined ? 'its namespace (none set)' : `namespace ${ns}`;
}
