// Rules written against the iam view, one file per slug (sorted).
import type { RuleInstance } from '../rule';
import adminManagedPolicy from './admin-managed-policy';
import wildcardPolicy from './wildcard-policy';

export const iamRules: RuleInstance[] = [...adminManagedPolicy, ...wildcardPolicy];
