import type { FixSafety, Report, Rule, RuleMeta, Severity } from '../../core';
import { repositoriesOf, RepositorySpec } from '../../model/repository';

export type RepositoryTarget = RepositorySpec['target'];

/**
 * A rule written once against RepositorySpec and instantiated per target:
 * `ecr/<slug>` for CloudFormation `AWS::ECR::Repository` resources and
 * `cdk/ecr-<slug>` for CDK `ecr.Repository` constructs, each with the peers'
 * ids that match in that target.
 */
export interface RepositoryRuleDef {
  slug: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  fix?: FixSafety;
  equivalents: Record<RepositoryTarget, string[]>;
  per?: Partial<Record<RepositoryTarget, Partial<Pick<RuleMeta, 'title' | 'description' | 'remediation' | 'severity'>>>>;
  check(r: RepositorySpec, report: (r: Report) => void): void;
}

export function repositoryRuleId(target: RepositoryTarget, slug: string): string {
  return target === 'cdk' ? `cdk/ecr-${slug}` : `ecr/${slug}`;
}

export function repositoryRules(def: RepositoryRuleDef): Rule<unknown>[] {
  return (Object.keys(def.equivalents) as RepositoryTarget[]).map((target) => {
    const meta: RuleMeta = {
      id: repositoryRuleId(target, def.slug),
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
        for (const r of repositoriesOf(model)) if (r.target === target) def.check(r, ctx.report);
      },
    };
  });
}

export function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
