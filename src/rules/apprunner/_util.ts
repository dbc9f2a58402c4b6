import type { AppRunnerServiceSpec } from '../../model/webservice';

/** The label with its first letter upper-cased, to start a message with. */
export function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** key names as each format spells them, for messages */
export function keyFor(s: AppRunnerServiceSpec, cfn: string, cdkL1: string, alpha: string, yaml = cfn): string {
  return s.format === 'cfn' ? cfn : s.format === 'cdk-l1' ? cdkL1 : s.format === 'cdk-alpha' ? alpha : yaml;
}
