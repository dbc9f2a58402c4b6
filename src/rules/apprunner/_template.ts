import type { FixSafety, Report, Rule, RuleMeta, Severity } from '../../core';
import { appRunnerServicesOf, AppRunnerServiceSpec } from '../../formats/apprunner/model';

export type ServiceTarget = AppRunnerServiceSpec['target'];

/**
 * An App Runner rule written once against AppRunnerServiceSpec and
 * instantiated per target: `apprunner/<slug>` for apprunner.yaml and
 * CloudFormation templates, `cdk/apprunner-<slug>` for CDK apps.
 */
export interface ServiceRuleDef {
  slug: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  fix?: FixSafety;
  equivalents: Partial<Record<ServiceTarget, string[]>>;
  per?: Partial<Record<ServiceTarget, Partial<Pick<RuleMeta, 'title' | 'description' | 'remediation' | 'severity' | 'fix'>>>>;
  check(s: AppRunnerServiceSpec, report: (r: Report) => void): void;
}

export function serviceRules(def: ServiceRuleDef): Rule<unknown>[] {
  return (Object.keys(def.equivalents) as ServiceTarget[]).map((target) => {
    const meta: RuleMeta = {
      id: target === 'cdk' ? `cdk/apprunner-${def.slug}` : `apprunner/${def.slug}`,
      title: def.title,
      severity: def.severity,
      target,
      description: def.description,
      remediation: def.remediation,
      equivalents: def.equivalents[target] ?? [],
      // CDK services have no writer yet: their findings carry no fix
      fix: target === 'cdk' ? undefined : def.fix,
      ...def.per?.[target],
    };
    return {
      meta,
      check(model, ctx) {
        for (const s of appRunnerServicesOf(model)) if (s.target === target) def.check(s, ctx.report);
      },
    };
  });
}

export function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** key names as each format spells them, for messages */
export function keyFor(s: AppRunnerServiceSpec, cfn: string, cdkL1: string, alpha: string, yaml = cfn): string {
  return s.format === 'cfn' ? cfn : s.format === 'cdk-l1' ? cdkL1 : s.format === 'cdk-alpha' ? alpha : yaml;
}
