import type { CommentStyle } from '../core';

/**
 * The kinds of file Bulkhead analyses. A file's kind decides its parser; the
 * rules that run on it are those of the targets its kind carries (a
 * CloudFormation template holds ECS, Batch, ECR and App Runner resources).
 */
export type FileKind = 'k8s' | 'ecs-json' | 'cloudformation' | 'dockerfile' | 'cdk' | 'apprunner';
export const FILE_KINDS: readonly FileKind[] = ['k8s', 'ecs-json', 'cloudformation', 'dockerfile', 'cdk', 'apprunner'];

export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n === 'dockerfile' ||
    n === 'containerfile' ||
    n.startsWith('dockerfile.') ||
    n.startsWith('containerfile.') ||
    n.endsWith('.dockerfile') ||
    n.endsWith('.containerfile')
  );
}

const CDK_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](aws-cdk-lib(?:\/[\w-]+)?|@aws-cdk\/[\w-]+)['"]/;
const CFN = /(^|\n)\s*["']?AWSTemplateFormatVersion["']?\s*:|["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/;
const ECS_JSON = /["']?(containerDefinitions|containerProperties|ecsProperties|awsvpcConfiguration|taskDefinitionArn)["']?\s*:/;
const K8S_API = /(^|\n|[{,]\s*)["']?apiVersion["']?\s*:/;
const K8S_KIND = /(^|\n|[{,]\s*)["']?kind["']?\s*:/;

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
  const isYaml = /\.(ya?ml)$/.test(lower) || languageId === 'yaml';
  const isJson = /\.(json|jsonc)$/.test(lower) || languageId === 'json' || languageId === 'jsonc';
  const isTemplate = /\.(template|cfn)$/.test(lower);
  if (!isYaml && !isJson && !isTemplate) return undefined;
  // apprunner.yaml, and named variants such as staging.apprunner.yaml (fixtures: invalid.apprunner.yaml)
  if (isYaml && /(^|\.)apprunner\.ya?ml$/.test(lower)) return 'apprunner';
  if (CFN.test(text)) return 'cloudformation';
  if (ECS_JSON.test(text)) return 'ecs-json';
  if (K8S_API.test(text) && K8S_KIND.test(text)) return 'k8s';
  return undefined;
}

/** How comments are written in a file (JSON has none: its ignores live in .bulkhead.yaml). */
export function commentStyleOf(kind: FileKind, path = ''): CommentStyle {
  if (kind === 'cdk') return 'slash';
  if (/\.jsonc?$/i.test(path)) return 'none';
  return 'hash';
}
