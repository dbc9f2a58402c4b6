// Rules written against the registry view (scanning configuration, pull-through cache, creation templates, replication), one file per slug (sorted).
import type { RuleInstance } from '../rule';

export const registryRules: RuleInstance[] = [];
