/**
 * What the files that deploy a manifest do to it: kustomizations (namespace,
 * images, patches) and skaffold configs (images it builds and tags). A
 * manifest that such a file lists is analysed as deployed, not as written.
 */

/** One `images:` entry of a kustomization, or an image skaffold builds. */
export interface ImageRewrite {
  /** the image name it matches (without tag or digest) */
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  /** skaffold: the image is built and tagged at deploy time (its tag is unknown) */
  built?: boolean;
}

/** What a kustomize patch changes in the resources it targets. */
export interface PatchEffect {
  /** the kind and name it targets; undefined: any */
  kind?: string;
  name?: string;
  /** a JSON 6902 patch, or one Bulkhead cannot read: anything in the target may change */
  any?: boolean;
  /** pod spec keys it sets (`securityContext`, `hostNetwork` …) */
  pod?: string[];
  /** container name → the keys it sets on that container (`image`, `securityContext` …) */
  containers?: Record<string, string[]>;
}

/** One way the manifest is deployed: a chain of kustomizations, maybe under a skaffold config. */
export interface Build {
  /** the files of the chain, innermost first, relative to the manifest's folder (for messages) */
  via: string[];
  /** applied in order */
  images: ImageRewrite[];
  namespace?: string;
  patches: PatchEffect[];
}

/** One label requirement of a selector (`matchExpressions`, or a `matchLabels` pair as `In [value]`). */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A NetworkPolicy of the tree: the namespace it is deployed in and the pods it selects. */
export interface NetworkPolicySummary {
  name: string;
  /** its namespace; undefined: none is set (it goes where the manifests are applied) */
  namespace?: string;
  /** every requirement must hold; [] selects every pod of the namespace; 'unknown': a selector Bulkhead cannot read */
  selector: LabelRequirement[] | 'unknown';
  /** the file that holds it (absolute) */
  file: string;
}

/** A pod-bearing workload of the tree: what NetworkPolicies select it by. */
export interface WorkloadSummary {
  /** `Deployment/web` */
  name: string;
  /** undefined: none set; '*': an expression, or builds that disagree (it may be anywhere) */
  namespace?: string;
  /** the pod template's labels; 'unknown' when any cannot be read */
  labels: Record<string, string> | 'unknown';
  file: string;
}

export interface ManifestContext {
  /** every build that deploys the file (a base used by two overlays has two) */
  builds: Build[];
  /** the file is a kustomize patch: a partial object whose missing fields are set elsewhere */
  patch?: boolean;
  /** the NetworkPolicies of the tree (the workspace, or the files under the paths `bulkhead scan` is given), when it has any */
  networkPolicies?: NetworkPolicySummary[];
  /** the tree's pod-bearing workloads, given to a file that holds NetworkPolicies */
  workloads?: WorkloadSummary[];
}
