import type { LineIndex, Span, Suppression } from '../core';
import type { ContainerSpec, WorkloadSpec } from '../model/container';
import type { FileKind } from './classify';
import { parseK8s, K8sModel } from './k8s/parse';
import { parseEcs, EcsModel } from './ecs/parse';
import { parseDockerfile, DockerfileModel } from './dockerfile/parse';
import { parseCdk, CdkModel } from './cdk/parse';
import { parseAppRunner, AppRunnerModel } from './apprunner/parse';

/** What every format's model carries, whatever else it has. */
export interface BaseModel {
  kind: FileKind;
  text: string;
  lines: LineIndex;
  /** containers and workloads for the rules shared across formats */
  containers: ContainerSpec[];
  workloads: WorkloadSpec[];
  /** set when nothing could be analysed (the one info finding says why) */
  fatal?: { message: string; span?: Span };
  /** partial analysis: what was skipped (info findings, at most one per cause) */
  notes?: { span: Span; message: string }[];
  /** suppressions the format knows of beyond comments (e.g. Kubernetes annotations) */
  suppressions?: Suppression[];
  /**
   * statements that span several lines (a Dockerfile instruction with
   * continuations): a suppression comment on the line above a statement
   * covers every line of it
   */
  statements?: Span[];
}

export type FormatModel = K8sModel | EcsModel | DockerfileModel | CdkModel | AppRunnerModel;

export function parseFile(kind: FileKind, text: string, path: string, lines: LineIndex): FormatModel {
  switch (kind) {
    case 'k8s':
      return parseK8s(text, lines, path);
    case 'ecs-json':
    case 'cloudformation':
      return parseEcs(kind, text, lines, path);
    case 'dockerfile':
      return parseDockerfile(text, lines);
    case 'cdk':
      return parseCdk(text, lines, path);
    case 'apprunner':
      return parseAppRunner(text, lines);
  }
}
