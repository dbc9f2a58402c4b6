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

export interface ManifestContext {
  /** every build that deploys the file (a base used by two overlays has two) */
  builds: Build[];
  /** the file is a kustomize patch: a partial object whose missing fields are set elsewhere */
  patch?: boolean;
}
