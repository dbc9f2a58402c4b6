// The ECR repository rules, one file per slug (sorted), written once over the
// repository view: ecr/… for CloudFormation, cdk/ecr-… for CDK. A test checks
// this list against the folder.
import type { RuleInstance } from '../rule';
import crossAccountPolicy from './cross-account-policy';
import kmsEncryption from './kms-encryption';
import lifecyclePolicy from './lifecycle-policy';
import openPolicy from './open-policy';
import scanOnPush from './scan-on-push';
import tagMutability from './tag-mutability';

export const ecrRules: RuleInstance[] = [
  ...crossAccountPolicy,
  ...kmsEncryption,
  ...lifecyclePolicy,
  ...openPolicy,
  ...scanOnPush,
  ...tagMutability,
];
