import type { Span } from '../../core';
import type { ContainerSpec, WorkloadSpec } from '../../model/container';
import type { BaseModel } from '../model';
import type { YAMLMap } from '../yaml/doc';
import type { YamlEditor } from '../yaml/edit';
import type { TemplateLine } from './helm';
import type { NetworkPolicySummary, WorkloadSummary } from '../../model/deployment';

/** The Kubernetes model's types (apart from the reader, so the hardening writer imports no parser). */
export interface K8sResource {
  kind: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
  /** `metadata.namespace` absent */
  namespaceSpan?: Span;
  node: YAMLMap;
  span: Span;
  /** where resource-level findings point: the `kind` value */
  anchor: Span;
  metadata?: YAMLMap;
  annotations: Map<string, { value: string; span: Span }>;
  labels: Map<string, string>;
  docIndex: number;
  /** a kustomize patch: a partial object, whose missing fields are set elsewhere */
  partial?: boolean;
  /** the builds that deploy it set different namespaces (or some none) */
  namespaceUnknown?: boolean;
  /** the kustomization that sets `namespace` (then `namespace` is its value) */
  namespaceBy?: string;
}

export interface K8sPod {
  resource: K8sResource;
  /** the pod spec mapping */
  spec: YAMLMap;
  /** the pod-level securityContext, if present */
  securityContext?: YAMLMap;
  workload: WorkloadSpec;
  containers: K8sContainer[];
  /** a Helm template action inside the pod spec may add fields: what it lacks is unknown */
  templated: boolean;
  /** `securityContext: {{ … }}`: every pod-level security setting is unknown */
  securityContextTemplated?: boolean;
}

export interface K8sContainer {
  spec: ContainerSpec;
  node: YAMLMap;
  securityContext?: YAMLMap;
  pod: K8sPod;
  index: number;
  listKey: 'containers' | 'initContainers' | 'ephemeralContainers';
  /** a Helm template action inside the container may add fields: what it lacks is unknown (see also pod.templated) */
  templated: boolean;
  /** `securityContext: {{ … }}`: every container-level security setting is unknown */
  securityContextTemplated?: boolean;
}

export interface K8sModel extends BaseModel {
  kind: 'k8s';
  resources: K8sResource[];
  pods: K8sPod[];
  editor: YamlEditor;
  /** the text was a Helm template: template expressions were blanked out for parsing */
  helm: boolean;
  /** lines that held only template actions */
  templateLines: TemplateLine[];
  /** the NetworkPolicies this file and the rest of the tree hold (this file's as written now) */
  networkPolicies: NetworkPolicySummary[];
  /**
   * the other files' pod-bearing workloads, given when this file holds
   * NetworkPolicies; undefined: the tree's are not known (only this file's count)
   */
  treeWorkloads?: WorkloadSummary[];
}

/** Where each pod-bearing kind keeps its pod spec. */
