import type { Fix, Span, Target } from '../core';
import type { Field } from './container';

/**
 * The normalised view of an Amazon ECR repository, written once for the
 * repository rules (scan on push, tag mutability, KMS encryption, open
 * policies) and filled by each format that can declare one: CloudFormation
 * `AWS::ECR::Repository` (target `ecr`) and CDK `ecr.Repository` (target
 * `cdk`). As for ContainerSpec, a value Bulkhead cannot see is
 * `known: false`, and a setting that something unseen may supply (a spread
 * of props, an intrinsic around the whole block) is `'unknown'`: neither is
 * ever reported as missing or insecure.
 */
export interface RepositorySpec {
  /** the rule target the repository's findings belong to */
  target: Extract<Target, 'ecr' | 'cdk'>;
  format: 'cfn' | 'cdk';
  /** "repository Repo" / `Repository "Repo"`, for messages */
  label: string;
  /** the whole resource / construct */
  span: Span;
  /** where "missing X" findings point: the logical id, or the class name in `new ecr.Repository` */
  anchor: Span;
  /** `ImageScanningConfiguration.ScanOnPush` / `imageScanOnPush`; 'unknown' when it may be set unseen */
  scanOnPush: Field<boolean> | 'missing' | 'unknown';
  /** `ImageTagMutability` / `imageTagMutability`, as the API spells it: MUTABLE, IMMUTABLE, …_WITH_EXCLUSION */
  tagMutability: Field<string> | 'missing' | 'unknown';
  /** `EncryptionConfiguration.EncryptionType` / `encryption`: AES256, KMS, KMS_DSSE */
  encryption: Field<string> | 'missing' | 'unknown';
  /** a customer-managed key is named (`KmsKey` / `encryptionKey`): implies KMS */
  kmsKey?: Field<string>;
  /** the statements of the repository policy, as far as they can be read */
  policy: RepositoryStatement[];
  /**
   * a lifecycle policy expires old images (`LifecyclePolicy`, CDK
   * `lifecycleRules` or `addLifecycleRule`, Terraform `aws_ecr_lifecycle_policy`):
   * true when one is set, 'missing' when visibly none, 'unknown' when it may be set unseen
   */
  lifecyclePolicy?: true | 'missing' | 'unknown';
  /**
   * accounts known to be the repository's own (a CDK stack's literal
   * `env.account`): a grant to them is not cross-account. CloudFormation's own
   * account is only ever `AWS::AccountId`, an intrinsic, so never a literal.
   */
  ownAccounts?: string[];
  writer: RepositoryWriter;
}

export interface RepositoryStatement {
  /** false for `Effect: Deny` */
  allow: boolean;
  /** the statement has a condition (or one may be there unseen) */
  conditional: boolean;
  /** it has a condition, but only `ForAllValues:` operators: it holds for a request without the key (an anonymous one) */
  vacuousCondition?: boolean;
  /** principals that stand for everyone (`*`, `{AWS: '*'}`, AnyPrincipal …), each a finding target */
  openPrincipals: Span[];
  /** for messages: "a resource policy", "grantPull" … */
  via: string;
  /**
   * principals that grant a whole AWS account, written as a literal
   * (`arn:aws:iam::111122223333:root`, `111122223333`, `new iam.AccountPrincipal('…')`);
   * principals Bulkhead cannot read are left out
   */
  accountPrincipals?: AccountPrincipal[];
}

export interface AccountPrincipal {
  /** the 12-digit account id */
  account: string;
  /** where the finding points: the principal (or the whole policy string) */
  span: Span;
}

/** The account a principal string grants as a whole: a bare 12-digit id or an account root ARN. */
export function accountOfPrincipal(s: string): string | undefined {
  const t = s.trim();
  if (/^\d{12}$/.test(t)) return t;
  return /^arn:aws(?:-[a-z-]+)?:iam::(\d{12}):root$/.exec(t)?.[1];
}

/**
 * Format-specific fixes. Each returns undefined when no sound edit exists
 * (the setting sits behind an expression).
 */
export interface RepositoryWriter {
  /** turn scan on push on */
  enableScanOnPush(): Fix | undefined;
  /** make tags immutable */
  makeTagsImmutable(): Fix | undefined;
  /** encrypt with KMS (replaces the repository) */
  encryptWithKms(): Fix | undefined;
}

/** What a format model carries when it can declare repositories. */
export interface RepositoryHolder {
  repositories?: RepositorySpec[];
}

export function repositoriesOf(model: unknown): RepositorySpec[] {
  const r = model && typeof model === 'object' ? (model as RepositoryHolder).repositories : undefined;
  return Array.isArray(r) ? r : [];
}
