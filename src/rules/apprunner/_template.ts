import type { Report, Rule } from '../../core';
import { appRunnerServicesOf, AppRunnerServiceSpec } from '../../formats/apprunner/model';
import { PerTargetDef, perTargetRules } from '../_per-target';

export type ServiceTarget = AppRunnerServiceSpec['target'];

/**
 * An App Runner rule written once against AppRunnerServiceSpec and
 * instantiated per target: `apprunner/<slug>` for apprunner.yaml and
 * CloudFormation templates, `cdk/apprunner-<slug>` for CDK apps.
 */
export interface ServiceRuleDef extends PerTargetDef<ServiceTarget> {
  check(s: AppRunnerServiceSpec, report: (r: Report) => void): void;
}

export function serviceRules(def: ServiceRuleDef): Rule<unknown>[] {
  return perTargetRules<ServiceTarget, unknown>(
    def,
    (target) => target === 'cdk' ? `cdk/apprunner-${def.slug}` : `apprunner/${def.slug}`,
    (target) => (model, ctx) => {
      for (const s of appRunnerServicesOf(model)) if (s.target === target) def.check(s, ctx.report);
    },
    // CDK services have no writer yet: their findings carry no fix
    (target, meta) => (target === 'cdk' ? { ...meta, fix: undefined } : meta),
  );
}

export function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** key names as each format spells them, for messages */
export function keyFor(s: AppRunnerServiceSpec, cfn: string, cdkL1: string, alpha: string, yaml = cfn): string {
  return s.format === 'cfn' ? cfn : s.format === 'cdk-l1' ? cdkL1 : s.format === 'cdk-alpha' ? alpha : yaml;
}
