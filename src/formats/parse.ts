import type { LineIndex } from '../core';
import type { FileKind } from './classify';
import type { ManifestContext } from '../model/deployment';
import { parseK8s, K8sModel } from './k8s/parse';
import { parseEcs, EcsModel } from './ecs/parse';
import { parseDockerfile, DockerfileModel } from './dockerfile/parse';
import { parseCdk, CdkModel } from './cdk/parse';
import { parseAppRunner, AppRunnerModel } from './apprunner/parse';
import { parseEksctl, EksctlModel } from './eksctl/parse';
import { parseTerraform, TerraformModel, TerraformModule } from './terraform/parse';
import { parseTerraformJson } from './terraform/plan';

export type { BaseModel } from './model';

export type FormatModel = K8sModel | EcsModel | DockerfileModel | CdkModel | AppRunnerModel | EksctlModel | TerraformModel;

/** `context`: how the kustomizations and skaffold configs of the tree deploy the file (manifests only) */
/** `module`: the other files of a Terraform file's folder (variables, locals, tfvars) */
export function parseFile(kind: FileKind, text: string, path: string, lines: LineIndex, context?: ManifestContext, module?: TerraformModule): FormatModel {
  switch (kind) {
    case 'k8s':
      return parseK8s(text, lines, path, context);
    case 'ecs-json':
    case 'cloudformation':
      return parseEcs(kind, text, lines, path);
    case 'dockerfile':
      return parseDockerfile(text, lines);
    case 'cdk':
      return parseCdk(text, lines, path);
    case 'apprunner':
      return parseAppRunner(text, lines);
    case 'eksctl':
      return parseEksctl(text, lines, path);
    case 'terraform':
      // `*.tf.json` and `terraform show -json` output are JSON; a .tf file never starts with `{`
      return /^\s*\{/.test(text) ? parseTerraformJson(text, lines, module, path) : parseTerraform(text, lines, module, path);
  }
}
