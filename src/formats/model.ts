import type { Fix, LineIndex, RelatedLocation, Span, Suppression } from '../core';
import type { ContainerSpec, WorkloadSpec } from '../model/container';
import type { Views } from '../model/views';
import type { FileKind } from './classify';

/** What every format's model carries, whatever else it has. */
export interface BaseModel {
  kind: FileKind;
  text: string;
  lines: LineIndex;
  /** containers and workloads for the rules shared across formats */
  containers: ContainerSpec[];
  workloads: WorkloadSpec[];
  /** the other shared views the reader filled (tasks, services, clusters, roles …) */
  views?: Partial<Views>;
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
  /**
   * resources a Checkov skip comment written inside covers whole: a
   * Terraform block, a CloudFormation resource (Checkov's rule: the comment
   * goes anywhere in the scope of the definition it skips)
   */
  skipScopes?: Span[];
  /**
   * named regions of a file whose lines do not say where a finding is (a
   * Terraform plan, often one line): a finding inside one that does not
   * name it gets its name appended (`module.api.aws_ecs_task_definition.this[0]`)
   */
  regions?: { span: Span; name: string; related?: RelatedLocation }[];
  /**
   * A report in the format's own words: the shared rules and writers name
   * properties as the readers do (`ScanOnPush`); a format that spells them
   * otherwise (Terraform's `scan_on_push`) rewrites messages and fix titles.
   */
  respell?: <R extends { span: Span; message: string; fixes?: Fix[] }>(r: R) => R;
}

