import type { FixSafety, Rule, RuleContext, RuleMeta, Severity, Target } from '../core';

/**
 * A rule written once and instantiated per target (ContainerSpec rules for
 * k8s/ecs/cdk, repository rules for CloudFormation/CDK, App Runner rules for
 * apprunner.yaml/CloudFormation/CDK): each instance has the target's own id
 * and the peers' ids that match in that target.
 */
export interface PerTargetDef<T extends Target> {
  slug: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  fix?: FixSafety;
  /** the targets the rule applies to, with their peer equivalents */
  equivalents: Partial<Record<T, string[]>>;
  /** per-target overrides of the metadata */
  per?: Partial<Record<T, Partial<Pick<RuleMeta, 'title' | 'description' | 'remediation' | 'severity' | 'fix'>>>>;
}

export function perTargetRules<T extends Target, M>(
  def: PerTargetDef<T>,
  idOf: (target: T) => string,
  checkFor: (target: T) => (model: M, ctx: RuleContext) => void,
  metaFor: (target: T, meta: RuleMeta) => RuleMeta = (_t, m) => m,
): Rule<M>[] {
  return (Object.keys(def.equivalents) as T[]).map((target) => {
    const meta: RuleMeta = metaFor(target, {
      id: idOf(target),
      title: def.title,
      severity: def.severity,
      target,
      description: def.description,
      remediation: def.remediation,
      equivalents: def.equivalents[target] ?? [],
      fix: def.fix,
    });
    return { meta: { ...meta, ...def.per?.[target] }, check: checkFor(target) };
  });
}
