import type { Report, Rule, Target } from '../../core';
import type { ContainerSpec, WorkloadSpec } from '../../model/container';
import type { BaseModel } from '../../formats/parse';
import { PerTargetDef, perTargetRules } from '../_per-target';

export type ContainerTarget = Extract<Target, 'k8s' | 'ecs' | 'cdk'>;
export const CONTAINER_TARGETS: readonly ContainerTarget[] = ['k8s', 'ecs', 'cdk'];

/**
 * A rule written once against ContainerSpec / WorkloadSpec and instantiated
 * for each target that has containers, with the target's own id
 * (`k8s/privileged-container`, `ecs/privileged-container`, …) and the peers'
 * ids that match in that target.
 */
export interface ContainerRuleDef extends PerTargetDef<ContainerTarget> {
  check?(c: ContainerSpec, report: (r: Report) => void): void;
  checkWorkload?(w: WorkloadSpec, report: (r: Report) => void): void;
}

export function containerRules(def: ContainerRuleDef): Rule<BaseModel>[] {
  return perTargetRules<ContainerTarget, BaseModel>(
    def,
    (target) => `${target}/${def.slug}`,
    (target) => (model, ctx) => {
      if (def.check) for (const c of model.containers) if (c.target === target) def.check(c, ctx.report);
      if (def.checkWorkload) for (const w of model.workloads) if (w.target === target) def.checkWorkload(w, ctx.report);
    },
  );
}
