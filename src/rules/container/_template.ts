import type { FixSafety, Report, Rule, RuleMeta, Severity, Target } from '../../core';
import type { ContainerSpec, WorkloadSpec } from '../../model/container';
import type { BaseModel } from '../../formats/parse';

export type ContainerTarget = Extract<Target, 'k8s' | 'ecs' | 'cdk'>;
export const CONTAINER_TARGETS: readonly ContainerTarget[] = ['k8s', 'ecs', 'cdk'];

/**
 * A rule written once against ContainerSpec / WorkloadSpec and instantiated
 * for each target that has containers, with the target's own id
 * (`k8s/privileged-container`, `ecs/privileged-container`, …) and the peers'
 * ids that match in that target.
 */
export interface ContainerRuleDef {
  slug: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  fix?: FixSafety;
  /** targets the rule applies to, with their peer equivalents */
  equivalents: Partial<Record<ContainerTarget, string[]>>;
  /** per-target overrides of title/description/severity */
  per?: Partial<Record<ContainerTarget, Partial<Pick<RuleMeta, 'title' | 'description' | 'remediation' | 'severity' | 'fix'>>>>;
  check?(c: ContainerSpec, report: (r: Report) => void): void;
  checkWorkload?(w: WorkloadSpec, report: (r: Report) => void): void;
}

export function containerRules(def: ContainerRuleDef): Rule<BaseModel>[] {
  return (Object.keys(def.equivalents) as ContainerTarget[]).map((target) => {
    const meta: RuleMeta = {
      id: `${target}/${def.slug}`,
      title: def.title,
      severity: def.severity,
      target,
      description: def.description,
      remediation: def.remediation,
      equivalents: def.equivalents[target] ?? [],
      fix: def.fix,
      ...def.per?.[target],
    };
    return {
      meta,
      check(model, ctx) {
        if (def.check) for (const c of model.containers) if (c.target === target) def.check(c, ctx.report);
        if (def.checkWorkload) for (const w of model.workloads) if (w.target === target) def.checkWorkload(w, ctx.report);
      },
    };
  });
}
