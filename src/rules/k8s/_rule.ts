import type { Report, RuleMeta } from '../../core';
import { defineRule, RuleInstance } from '../rule';
import type { K8sContainer, K8sModel, K8sPod, K8sResource } from '../../formats/k8s/parse';
import { POD_SPEC_PATHS } from '../../formats/k8s/parse';
import { asMap, get, keyText, nodeSpan, readString, Node, YAMLMap } from '../../formats/yaml/doc';

export type K8sRuleMeta = Omit<RuleMeta, 'target' | 'id' | 'profile' | 'profileReason' | 'aliases'> & { slug: string; strict?: string };

/** A rule about Kubernetes objects themselves (RBAC, Services, annotations): a `defineRule` that reads the manifest model. */
export function k8sRule(meta: K8sRuleMeta, check: (m: K8sModel, report: (r: Report) => void) => void): RuleInstance[] {
  const { equivalents, ...rest } = meta;
  return defineRule({ ...rest, reads: ['k8s'], equivalents: { k8s: equivalents }, check: ({ k8s }, ctx) => check(k8s, ctx.report) });
}

export function containerLabel(kc: K8sContainer): string {
  const k = kc.listKey === 'initContainers' ? 'Init container' : kc.listKey === 'ephemeralContainers' ? 'Ephemeral container' : 'Container';
  return kc.spec.name ? `${k} "${kc.spec.name}"` : k;
}

export function podLabel(pod: K8sPod): string {
  return pod.workload.label;
}

/** The pod template's metadata (annotations of the pod itself). */
export function podMetadata(pod: K8sPod): YAMLMap | undefined {
  const path = POD_SPEC_PATHS[pod.resource.kind];
  if (!path) return undefined;
  if (path.length === 1) return pod.resource.metadata;
  return asMap(get(pod.resource.node, ...path.slice(0, -1), 'metadata'));
}

export function annotationsOf(md: YAMLMap | undefined): Map<string, { value: string | undefined; span: Span; keySpan: Span }> {
  const out = new Map<string, { value: string | undefined; span: Span; keySpan: Span }>();
  for (const p of asMap(get(md, 'annotations'))?.items ?? []) {
    const k = keyText(p);
    if (!k) continue;
    const v = readString(p.value);
    const keySpan = nodeSpan(p.key as Node);
    out.set(k, { value: v?.known ? v.value : undefined, span: p.value ? nodeSpan(p.value as Node) : keySpan, keySpan });
  }
  return out;
}

/** Kinds that live outside namespaces. */
export const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'CSIDriver', 'RuntimeClass',
  'IngressClass', 'PodSecurityPolicy', 'ClusterIssuer', 'VolumeSnapshotClass', 'List',
]);

export type { K8sContainer, K8sModel, K8sPod, K8sResource };
import type { Span } from '../../core';
