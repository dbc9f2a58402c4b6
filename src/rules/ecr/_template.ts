import type { Report, Rule } from '../../core';
import { repositoriesOf, RepositorySpec } from '../../model/repository';
import { PerTargetDef, perTargetRules } from '../_per-target';

export type RepositoryTarget = RepositorySpec['target'];

/**
 * A rule written once against RepositorySpec and instantiated per target:
 * `ecr/<slug>` for CloudFormation `AWS::ECR::Repository` resources and
 * `cdk/ecr-<slug>` for CDK `ecr.Repository` constructs, each with the peers'
 * ids that match in that target.
 */
export interface RepositoryRuleDef extends PerTargetDef<RepositoryTarget> {
  check(r: RepositorySpec, report: (r: Report) => void): void;
}

export function repositoryRuleId(target: RepositoryTarget, slug: string): string {
  return target === 'cdk' ? `cdk/ecr-${slug}` : `ecr/${slug}`;
}

export function repositoryRules(def: RepositoryRuleDef): Rule<unknown>[] {
  return perTargetRules<RepositoryTarget, unknown>(
    def,
    (target) => repositoryRuleId(target, def.slug),
    (target) => (model, ctx) => {
      for (const r of repositoriesOf(model)) if (r.target === target) def.check(r, ctx.report);
    },
  );
}

export function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
