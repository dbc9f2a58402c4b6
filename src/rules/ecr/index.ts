// The ECR repository rules, one file per slug (sorted), written once over the
// repository view: ecr/… for CloudFormation, cdk/ecr-… for CDK. A test checks
// this list against the folder.
import type { RuleInstance } from '../rule';
import crossAccountPolicy from './cross-account-policy';
import kmsEncryption from './kms-encryption';
import openPolicy from './open-policy';
import scanOnPush from './scan-on-push';
import tagMutability from './tag-mutability';

export const ecrRules: RuleInstance[] = [
  ...crossAccountPolicy,
  ...kmsEncryption,
  ...openPolicy,
  ...scanOnPush,
  ...tagMutability,
];
