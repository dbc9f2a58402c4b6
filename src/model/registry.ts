import type { Fix, Span, Target } from '../core';
import type { Field } from './container';
import type { Setting } from './setting';

/**
 * Registry-level ECR configuration: scanning configuration, pull-through
 * cache rules, repository creation templates, replication
 * (`AWS::ECR::RegistryScanningConfiguration`, `PullThroughCacheRule`,
 * `RepositoryCreationTemplate`, `ReplicationConfiguration`; CDK L1s).
 */
export interface RegistrySpec {
  target: Target;
  format: 'cfn' | 'cdk-l1';
  kind: 'scanning' | 'pull-through-cache' | 'creation-template' | 'replication';
  label: string;
  span: Span;
  anchor: Span;
  /** scanning: `ScanType` BASIC/ENHANCED; rules with `ScanFrequency` SCAN_ON_PUSH / CONTINUOUS_SCAN and repository filters */
  scanning?: { scanType: Setting<string>; rules: ScanningRule[] | 'unknown' };
  /** pull-through cache: the upstream registry URL and its credential */
  pullThrough?: { upstream: Setting<string>; prefix: Setting<string>; credentialArn: Setting<string> };
  /** creation template: what repositories created from it get */
  template?: {
    prefix: Setting<string>;
    tagMutability: Setting<string>;
    encryption: Setting<string>;
    /** principals that stand for everyone (`*`) in the Allow statements without a condition of its repository policy */
    openPrincipals: Span[];
    writer: { makeTagsImmutable?(): Fix | undefined };
  };
  /** replication destinations (region/registry id) */
  replication?: { destinations: { region: Setting<string>; registryId: Setting<string>; span: Span }[] | 'unknown' };
}

export interface ScanningRule {
  frequency: Setting<string>;
  /** repository filters (wildcards); `*` covers all */
  filters: Field<string>[] | 'unknown';
  span: Span;
}

/**
 * Whether a registry scanning configuration in the same file scans every
 * repository on push (then a repository's own scanOnPush setting is moot).
 */
export function scansAllOnPush(registries: readonly RegistrySpec[]): boolean {
  for (const r of registries) {
    const rules = r.scanning?.rules;
    if (!rules || rules === 'unknown') continue;
    for (const rule of rules) {
      const f = rule.frequency;
      if (typeof f !== 'object' || !f.known || !['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'].includes(String(f.value).toUpperCase())) continue;
      if (rule.filters === 'unknown') continue;
      if (rule.filters.some((x) => x.known && x.value === '*')) return true;
    }
  }
  return false;
}
