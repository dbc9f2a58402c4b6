/**
 * The only module that loads the AWS SDK. Nothing here runs at import time:
 * `loadEcrSdk()` / `loadCredentialProviders()` `require` the packages on first
 * use, so the extension can activate without paying for the SDK. Bundlers
 * should keep this module (or `@aws-sdk/*`) as a separate lazily-required chunk.
 */
import type * as EcrSdk from '@aws-sdk/client-ecr';
import type * as CredentialProviders from '@aws-sdk/credential-providers';

export type EcrSdkModule = typeof EcrSdk;
export type CredentialProvidersModule = typeof CredentialProviders;

let sdk: EcrSdkModule | undefined;
let creds: CredentialProvidersModule | undefined;

export function loadEcrSdk(): EcrSdkModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!sdk) sdk = require('@aws-sdk/client-ecr') as EcrSdkModule;
  return sdk;
}

export function loadCredentialProviders(): CredentialProvidersModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!creds) creds = require('@aws-sdk/credential-providers') as CredentialProvidersModule;
  return creds;
}

/** Whether the SDK has been loaded in this process (for the lazy-load test and the bench). */
export function isEcrSdkLoaded(): boolean {
  return sdk !== undefined;
}
