// Rules written against the cluster view, one file per slug (sorted).
import type { RuleInstance } from '../rule';
import containerInsights from './container-insights';

export const clusterRules: RuleInstance[] = [...containerInsights];
