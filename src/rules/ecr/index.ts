// The ECR repository rules, one file each (sorted), written once over
// RepositorySpec and instantiated per target: ecr/… for CloudFormation,
// cdk/ecr-… for CDK. A test checks this list against the folder.
import type { Rule } from '../../core';
import crossAccountPolicy from './cross-account-policy';
import kmsEncryption from './kms-encryption';
import openPolicy from './open-policy';
import scanOnPush from './scan-on-push';
import tagMutability from './tag-mutability';

export const ecrRules: Rule<any>[] = [...crossAccountPolicy, ...kmsEncryption, ...openPolicy, ...scanOnPush, ...tagMutability];
