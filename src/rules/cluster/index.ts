// Rules written against the cluster view, one file per slug (sorted).
import type { RuleInstance } from '../rule';
import containerInsights from './container-insights';
import execKmsKey from './exec-kms-key';
import execLogEncryption from './exec-log-encryption';
import execLogging from './exec-logging';

export const clusterRules: RuleInstance[] = [...containerInsights, ...execKmsKey, ...execLogEncryption, ...execLogging];
