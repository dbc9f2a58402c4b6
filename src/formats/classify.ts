import type { CommentStyle } from '../core';

/**
 * The kinds of file Bulkhead analyses. A file's kind decides its parser; the
 * rules that run on it are those of the targets its kind carries (a
 * CloudFormation template holds ECS, Batch, ECR and App Runner resources).
 */
export type FileKind = 'k8s' | 'ecs-json' | 'cloudformation' | 'dockerfile' | 'cdk' | 'apprunner' | 'eksctl' | 'terraform';
export const FILE_KINDS: readonly FileKind[] = ['k8s', 'ecs-json', 'cloudformation', 'dockerfile', 'cdk', 'apprunner', 'eksctl', 'terraform'];

export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Names that end like another kind of file (Dockerfile.md, Dockerfile-notes.txt) are not Dockerfiles. */
const NOT_DOCKERFILE_EXT = /\.(md|markdown|txt|rst|adoc|json|ya?ml|toml|sh|bash|ps1|py|js|ts|go|rb|java|j2|jinja2?|tpl|tmpl|template|erb|bak|orig|lock)$/;

/**
 * Dockerfile, Containerfile and their variants as repositories name them:
 * Dockerfile.prod, prod.Dockerfile, Dockerfile-update, Dockerfile_dev,
 * TrainingDockerfile.
 */
export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  if (NOT_DOCKERFILE_EXT.test(n)) return false;
  return /^(dockerfile|containerfile)([._-][\w.-]*)?$/.test(n) || /^[\w.-]*(dockerfile|containerfile)$/.test(n);
}

const CDK_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](aws-cdk-lib(?:\/[\w-]+)?|@aws-cdk\/[\w-]+)['"]/;
const CFN = /(^|\n)[ \t\r\f\v]*["']?AWSTemplateFormatVersion["']?\s*:|["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/;
const ECS_JSON = /["']?(containerDefinitions|containerProperties|ecsProperties|awsvpcConfiguration|taskDefinitionArn)["']?\s*:/;
const K8S_API = /(^|\n|[{,]\s*)["']?apiVersion["']?\s*:/;
const K8S_KIND = /(^|\n|[{,]\s*)["']?kind["']?\s*:/;
/** eksctl's `ClusterConfig` has apiVersion and kind like a Kubernetes object but is EKS cluster configuration */
const EKSCTL_API = /(^|\n|[{,]\s*)["']?apiVersion["']?\s*:\s*["']?eksctl\.io\//;
const EKSCTL_KIND = /(^|\n|[{,]\s*)["']?kind["']?\s*:\s*["']?ClusterConfig(?![\w-])/;
/**
 * Tool configuration shaped like Kubernetes objects, never applied to a
 * cluster: kustomize (Kustomization, Component), skaffold, kpt, Kubernetes
 * component configs (KubeletConfiguration …), Helm chart metadata.
 */
const NOT_K8S_API = /(^|\n|[{,]\s*)["']?apiVersion["']?\s*:\s*["']?(kustomize\.config\.k8s\.io|skaffold\/|kpt\.dev|fn\.kpt\.dev|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io|apiserver\.config\.k8s\.io|kind\.x-k8s\.io|k3d\.io|ctlptl\.dev)/;

/** A file that may be a CDK app, by its name alone (TypeScript sources other than declarations). */
export function mayBeCdkPath(path: string): boolean {
  const lower = basename(path).toLowerCase();
  return /\.(ts|tsx|mts|cts)$/.test(lower) && !lower.endsWith('.d.ts');
}

/**
 * Which kind a file is, by name and content, without parsing. Undefined for
 * files Bulkhead does not read (they get no findings at all).
 */
export function classify(path: string, text: string, languageId?: string): FileKind | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (languageId === 'dockerfile' || isDockerfileName(name)) return 'dockerfile';
  if (/\.(ts|tsx|mts|cts)$/.test(lower) || languageId === 'typescript' || languageId === 'typescriptreact') {
    if (lower.endsWith('.d.ts')) return undefined;
    return CDK_IMPORT.test(text) ? 'cdk' : undefined;
  }
  // Terraform: .tf files (the HashiCorp extension's language ids for unsaved ones)
  if (isTerraformPath(lower, languageId)) return 'terraform';
  const isYaml = /\.(ya?ml)$/.test(lower) || languageId === 'yaml';
  const isJson = /\.(json|jsonc)$/.test(lower) || languageId === 'json' || languageId === 'jsonc';
  const isTemplate = /\.(template|cfn)$/.test(lower);
  if (!isYaml && !isJson && !isTemplate) return undefined;
  // `terraform show -json` output: a plan or a state
  if (isJson && isTerraformJsonOutput(text)) return 'terraform';
  // apprunner.yaml, and named variants such as staging.apprunner.yaml (fixtures: invalid.apprunner.yaml)
  if (isYaml && /(^|\.)apprunner\.ya?ml$/.test(lower)) return 'apprunner';
  if (EKSCTL_API.test(text) && EKSCTL_KIND.test(text)) return 'eksctl';
  if (CFN.test(text)) return 'cloudformation';
  if (ECS_JSON.test(text)) return 'ecs-json';
  if (K8S_API.test(text) && K8S_KIND.test(text) && !onlyToolConfig(text)) return 'k8s';
  return undefined;
}

/** A `terraform show -json` document: its format and Terraform version keys, and what only plans and states hold. */
export function isTerraformJsonOutput(text: string): boolean {
  return /^\s*\{/.test(text) && /"format_version"\s*:/.test(text.slice(0, 4096)) && /"terraform_version"\s*:/.test(text) && /"(planned_values|resource_changes|values)"\s*:/.test(text);
}

/** Is this text likely to hold a Kubernetes NetworkPolicy (a cheap test before parsing)? */
export function mayHoldNetworkPolicy(text: string): boolean {
  return text.includes('NetworkPolicy') && /["']?kind["']?\s*:\s*["']?NetworkPolicy\b/.test(text);
}

/** Is this text likely to hold a pod-bearing workload (a cheap test before parsing)? */
export function mayHoldWorkload(text: string): boolean {
  return /["']?kind["']?\s*:\s*["']?(Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|DeploymentConfig|Job|CronJob)\b/.test(text);
}

/** A Terraform file (`.tf`, `.tf.json`), by name or by the HashiCorp extension's language id. */
export function isTerraformPath(path: string, languageId?: string): boolean {
  return /\.tf(\.json)?$/i.test(path) || languageId === 'terraform';
}

/** A file of a Terraform module (a folder) that gives values to its `.tf` files: `*.tf`, `terraform.tfvars`, `*.auto.tfvars`. */
export function isTerraformModuleFile(name: string): boolean {
  return /\.tf$/i.test(name) || name === 'terraform.tfvars' || /\.auto\.tfvars$/.test(name);
}

/** At most this many of a module's files are read for values, each at most this large. */
export const TERRAFORM_MODULE_LIMITS = { files: 200, bytes: 1024 * 1024 };

/** Every apiVersion in the file names tool configuration (a kustomization, a skaffold config …). */
function onlyToolConfig(text: string): boolean {
  if (!NOT_K8S_API.test(text)) return false;
  const all = text.match(/(^|\n|[{,]\s*)["']?apiVersion["']?\s*:/g)?.length ?? 0;
  const tool = text.match(new RegExp(NOT_K8S_API.source, 'g'))?.length ?? 0;
  return tool >= all;
}

/** How comments are written in a file (JSON has none: its ignores live in .bulkhead.yaml). */
export function commentStyleOf(kind: FileKind, path = ''): CommentStyle {
  if (kind === 'cdk') return 'slash';
  // Kubernetes, CloudFormation, apprunner.yaml and eksctl YAML: `#` comments
  if (/\.jsonc?$/i.test(path)) return 'none';
  return 'hash';
}
