/**
 * ECR image references: `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@sha256:digest]`
 * (also `.amazonaws.com.cn` and the `ecr-fips` host).
 */
import type { ImageId } from './model';

import type { EcrImageRef } from '../core/imageRef';
export type { EcrImageRef, EcrImageRefMatch } from '../core/imageRef';
export { findEcrImageRefs, parseEcrImageRef } from '../core/imageRef';

/** The registry host for a reference (`<account>.dkr.ecr.<region>.amazonaws.com`). */
export function registryHost(r: Pick<EcrImageRef, 'registryId' | 'region' | 'domain' | 'fips'>): string {
  return `${r.registryId}.dkr.${r.fips ? 'ecr-fips' : 'ecr'}.${r.region}.${r.domain}`;
}

export function formatEcrImageRef(r: EcrImageRef): string {
  const base = `${registryHost(r)}/${r.repository}`;
  return r.digest ? `${base}${r.tag ? `:${r.tag}` : ''}@${r.digest}` : `${base}:${r.tag ?? 'latest'}`;
}

/** The ECR `imageId` for a reference; a reference with neither tag nor digest means `latest`. */
export function imageIdOf(r: EcrImageRef): ImageId {
  return r.digest ? { imageDigest: r.digest } : { imageTag: r.tag ?? 'latest' };
}

/** Whether a reference points at the given registry (account and region). */
export function refMatchesRegistry(r: EcrImageRef, registryId: string, region: string): boolean {
  return r.registryId === registryId && r.region === region;
}

/** Whether a reference denotes the given image (same repository and a matching tag or digest). */
export function refMatchesImage(r: EcrImageRef, image: { repositoryName: string; digest: string; tags: string[] }): boolean {
  if (r.repository !== image.repositoryName) return false;
  if (r.digest) return r.digest === image.digest;
  return image.tags.includes(r.tag ?? 'latest');
}

/** Stable cache key for a reference. */
export function refKey(r: EcrImageRef): string {
  return `${r.registryId}/${r.region}/${r.repository}${r.digest ? `@${r.digest}` : `:${r.tag ?? 'latest'}`}`;
}
