/**
 * A small, vscode-free wrapper around `@aws-sdk/client-ecr`: one page per call
 * (never a crawl), normalised results, classified errors, a cancellable scan
 * poll. The SDK is loaded on the first request, not at construction.
 */
import type { ECRClient } from '@aws-sdk/client-ecr';
import { classifyError, EcrError, redact } from './errors';
import { normaliseFindings } from './findings';
import {
  FindingsPage,
  ImageId,
  ImageInfo,
  isScanPending,
  Page,
  RegistryInfo,
  repositoryWarnings,
  RepositoryInfo,
  ScanStatusInfo,
} from './model';
import { isSsoProfile, listProfiles } from './profiles';
import type * as SdkModule from './sdk';

let sdkModule: typeof SdkModule | undefined;
/**
 * The SDK arrives through `./sdk`, required on first use only (the bundler
 * turns that specifier into the lazy `ecr-sdk.js` chunk).
 */
function sdk(): typeof SdkModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!sdkModule) sdkModule = require('./sdk') as typeof SdkModule;
  return sdkModule;
}
function loadEcrSdk() {
  return sdk().loadEcrSdk();
}
function loadCredentialProviders() {
  return sdk().loadCredentialProviders();
}

/** Whether the AWS SDK has been loaded by this module (activation must not do it). */
export function isEcrSdkLoaded(): boolean {
  return sdkModule !== undefined && sdkModule.isEcrSdkLoaded();
}

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface EcrClientOptions {
  /** shared-config profile; undefined → the SDK's default chain (AWS_PROFILE, default) */
  profile?: string;
  region?: string;
  /** endpoint override (VPC interface endpoint, or the local stand-in) */
  endpoint?: string;
  /** explicit credentials (tests, the local stand-in); otherwise `fromNodeProviderChain({ profile })` */
  credentials?: StaticCredentials;
  /** total attempts including retries (adaptive retry mode); default 4 */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /**
   * the longest one call may take, retries and a body that trickles in
   * included (the request timeout only notices a silent socket)
   */
  callDeadlineMs?: number;
  /** receives one line per request; never credentials */
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface PageOptions {
  nextToken?: string;
  maxResults?: number;
  signal?: AbortSignal;
}

export interface WaitOptions {
  signal?: AbortSignal;
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  timeoutMs?: number;
  onStatus?: (s: ScanStatusInfo) => void;
}

/** Resolve the region: explicit, environment, then the profile's `region`. */
/**
 * A warning when an endpoint override sends requests in clear text to
 * another machine (signed requests and the findings that come back cross
 * the network unencrypted); undefined for https and for this machine.
 */
export function plainHttpWarning(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:') return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) return undefined;
  return `the ECR endpoint ${u.origin} is plain HTTP to another machine: signed requests and scan findings cross the network unencrypted. Use https:// unless this is a test server.`;
}

export function resolveRegion(opts: EcrClientOptions): string | undefined {
  const env = opts.env ?? process.env;
  if (opts.region) return opts.region;
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  const name = opts.profile ?? env.AWS_PROFILE ?? 'default';
  try {
    return listProfiles({ env }).find((p) => p.name === name)?.region;
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EcrError('cancelled', 'Cancelled.'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new EcrError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function toImageInfo(d: {
  repositoryName?: string;
  registryId?: string;
  imageDigest?: string;
  imageTags?: string[];
  imagePushedAt?: Date;
  imageSizeInBytes?: number;
  imageScanStatus?: { status?: string; description?: string };
  imageScanFindingsSummary?: { findingSeverityCounts?: Record<string, number>; imageScanCompletedAt?: Date };
  lastRecordedPullTime?: Date;
}, repo: string): ImageInfo {
  return {
    repositoryName: d.repositoryName ?? repo,
    registryId: d.registryId,
    digest: d.imageDigest ?? '',
    tags: d.imageTags ?? [],
    pushedAt: d.imagePushedAt,
    sizeBytes: d.imageSizeInBytes,
    scan: d.imageScanStatus?.status
      ? { status: d.imageScanStatus.status, description: d.imageScanStatus.description }
      : { status: 'NONE' },
    counts: d.imageScanFindingsSummary?.findingSeverityCounts,
    scanCompletedAt: d.imageScanFindingsSummary?.imageScanCompletedAt,
    lastPulledAt: d.lastRecordedPullTime,
  };
}

export class EcrService {
  private client: ECRClient | undefined;
  readonly region: string | undefined;
  private readonly sso: boolean;

  constructor(readonly options: EcrClientOptions = {}) {
    this.region = resolveRegion(options);
    this.sso = !options.credentials && isSsoProfile(options.profile ?? (options.env ?? process.env).AWS_PROFILE, { env: options.env });
  }

  get profile(): string | undefined {
    return this.options.profile;
  }

  private getClient(): ECRClient {
    if (this.client) return this.client;
    if (!this.region) {
      throw new EcrError('invalid-request', 'No AWS region is set: choose a region (or set one in the profile).');
    }
    const { ECRClient } = loadEcrSdk();
    const credentials = this.options.credentials
      ? { ...this.options.credentials }
      : loadCredentialProviders().fromNodeProviderChain(this.options.profile ? { profile: this.options.profile } : {});
    this.client = new ECRClient({
      region: this.region,
      endpoint: this.options.endpoint || undefined,
      credentials,
      retryMode: 'adaptive',
      maxAttempts: this.options.maxAttempts ?? 4,
      requestHandler: { requestTimeout: this.options.requestTimeoutMs ?? 20_000, connectionTimeout: 5_000, throwOnRequestTimeout: true },
    });
    // A 200 with no body is no ECR answer (the SDK would read it as an empty
    // result: no repositories, no findings); neither is a redirect, which the
    // SDK does not follow (the endpoint is a proxy, a login page, or wrong).
    this.client.middlewareStack.add(
      (next) => async (args) => {
        const r = await next(args);
        const res = r.response as { statusCode?: number; headers?: Record<string, string>; body?: unknown } | undefined;
        const status = res?.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          const to = res?.headers?.location ?? res?.headers?.Location;
          throw new EcrError('bad-response', `${this.options.endpoint || 'ECR'} answered with a redirect (HTTP ${status}${to ? ` to ${redact(to)}` : ''}) instead of an ECR response: check the endpoint, proxy or VPN.`, undefined, undefined, status);
        }
        const body = res?.body as (AsyncIterable<Uint8Array> & { on?: unknown }) | Uint8Array | undefined;
        if (status === 200 && res && body && !(body instanceof Uint8Array) && typeof body.on === 'function') {
          // read here (the deserializer takes bytes as readily as a stream) to see that something came
          const chunks: Uint8Array[] = [];
          for await (const c of body) chunks.push(c);
          res.body = Buffer.concat(chunks);
        }
        if (status === 200 && (res?.headers?.['content-length'] === '0' || (res?.body instanceof Uint8Array && res.body.length === 0))) {
          throw new EcrError('bad-response', `${this.options.endpoint || 'ECR'} sent an empty response instead of an ECR answer: check the endpoint, proxy or VPN.`, undefined, undefined, status);
        }
        return r;
      },
      { step: 'deserialize', name: 'bulkheadResponseCheck', priority: 'low' },
    );
    return this.client;
  }

  private async call<T>(operation: string, input: object, signal?: AbortSignal): Promise<T> {
    const started = Date.now();
    let deadline: AbortSignal | undefined;
    try {
      const sdk = loadEcrSdk() as unknown as Record<string, new (i: object) => unknown>;
      const Command = sdk[`${operation}Command`];
      const client = this.getClient();
      deadline = AbortSignal.timeout(this.options.callDeadlineMs ?? 120_000);
      const both = signal ? AbortSignal.any([signal, deadline]) : deadline;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const out = (await client.send(new Command(input) as any, { abortSignal: both as never })) as T;
      this.options.log?.(`ECR ${operation} ok in ${Date.now() - started} ms`);
      return out;
    } catch (e) {
      const where = this.options.endpoint || (this.region ? `ECR in ${this.region}` : 'ECR');
      const err = deadline?.aborted && !signal?.aborted
        ? new EcrError('network', `No complete answer from ${where} within ${Math.round((this.options.callDeadlineMs ?? 120_000) / 1000)} s (${operation}). Check the network, proxy or endpoint setting, then retry.`, operation)
        : classifyError(e, { operation, profile: this.options.profile, ssoProfile: this.sso, endpoint: this.options.endpoint, region: this.region });
      this.options.log?.(`ECR ${operation} failed in ${Date.now() - started} ms: ${err.kind}: ${err.message}`);
      throw err;
    }
  }

  async getRegistry(signal?: AbortSignal): Promise<RegistryInfo> {
    const out = await this.call<{
      registryId?: string;
      scanningConfiguration?: { scanType?: string; rules?: { scanFrequency?: string; repositoryFilters?: { filter?: string }[] }[] };
    }>('GetRegistryScanningConfiguration', {}, signal);
    return {
      registryId: out.registryId ?? '',
      region: this.region ?? '',
      scanType: out.scanningConfiguration?.scanType ?? 'BASIC',
      rules: (out.scanningConfiguration?.rules ?? []).map((r) => ({
        scanFrequency: r.scanFrequency ?? '',
        filters: (r.repositoryFilters ?? []).map((f) => f.filter ?? ''),
      })),
    };
  }

  async listRepositories(opts: PageOptions & { registryId?: string; names?: string[] } = {}): Promise<Page<RepositoryInfo>> {
    const out = await this.call<{
      repositories?: {
        repositoryName?: string;
        repositoryUri?: string;
        repositoryArn?: string;
        registryId?: string;
        createdAt?: Date;
        imageTagMutability?: string;
        imageScanningConfiguration?: { scanOnPush?: boolean };
        encryptionConfiguration?: { encryptionType?: string; kmsKey?: string };
      }[];
      nextToken?: string;
    }>(
      'DescribeRepositories',
      {
        registryId: opts.registryId,
        repositoryNames: opts.names,
        nextToken: opts.names ? undefined : opts.nextToken,
        maxResults: opts.names ? undefined : opts.maxResults,
      },
      opts.signal,
    );
    return {
      items: (out.repositories ?? []).map((r) => {
        const info = {
          name: r.repositoryName ?? '',
          uri: r.repositoryUri ?? '',
          arn: r.repositoryArn,
          registryId: r.registryId,
          createdAt: r.createdAt,
          scanOnPush: r.imageScanningConfiguration?.scanOnPush === true,
          tagMutability: r.imageTagMutability ?? 'MUTABLE',
          encryptionType: r.encryptionConfiguration?.encryptionType ?? 'AES256',
          kmsKey: r.encryptionConfiguration?.kmsKey,
        };
        return { ...info, warnings: repositoryWarnings(info) };
      }),
      nextToken: out.nextToken || undefined,
    };
  }

  /** One page of `DescribeImages`, newest first within the page. */
  async listImages(repository: string, opts: PageOptions & { registryId?: string } = {}): Promise<Page<ImageInfo>> {
    const out = await this.call<{ imageDetails?: Parameters<typeof toImageInfo>[0][]; nextToken?: string }>(
      'DescribeImages',
      { repositoryName: repository, registryId: opts.registryId, nextToken: opts.nextToken, maxResults: opts.maxResults },
      opts.signal,
    );
    const items = (out.imageDetails ?? []).map((d) => toImageInfo(d, repository));
    items.sort((a, b) => (b.pushedAt?.getTime() ?? 0) - (a.pushedAt?.getTime() ?? 0));
    return { items, nextToken: out.nextToken || undefined };
  }

  /** One image by tag or digest (DescribeImages with imageIds). */
  async describeImage(repository: string, imageId: ImageId, opts: { registryId?: string; signal?: AbortSignal } = {}): Promise<ImageInfo> {
    const out = await this.call<{ imageDetails?: Parameters<typeof toImageInfo>[0][] }>(
      'DescribeImages',
      { repositoryName: repository, registryId: opts.registryId, imageIds: [imageId] },
      opts.signal,
    );
    const d = out.imageDetails?.[0];
    if (!d) throw new EcrError('image-not-found', 'The image no longer exists (deleted or re-tagged meanwhile?).', 'DescribeImages');
    return toImageInfo(d, repository);
  }

  /** One page of `ListImages` (ids only). */
  async listImageIds(repository: string, opts: PageOptions & { registryId?: string } = {}): Promise<Page<ImageId>> {
    const out = await this.call<{ imageIds?: ImageId[]; nextToken?: string }>(
      'ListImages',
      { repositoryName: repository, registryId: opts.registryId, nextToken: opts.nextToken, maxResults: opts.maxResults },
      opts.signal,
    );
    return { items: out.imageIds ?? [], nextToken: out.nextToken || undefined };
  }

  /**
   * One page of findings. Basic pages honour `maxResults`; enhanced pages come
   * back at 100 whatever it says (boto3#3449) — callers must not assume the size.
   */
  async getFindings(repository: string, imageId: ImageId, opts: PageOptions & { registryId?: string } = {}): Promise<FindingsPage> {
    const out = await this.call<{
      imageId?: ImageId;
      imageScanStatus?: { status?: string; description?: string };
      imageScanFindings?: {
        findingSeverityCounts?: Record<string, number>;
        imageScanCompletedAt?: Date;
        vulnerabilitySourceUpdatedAt?: Date;
        findings?: object[];
        enhancedFindings?: object[];
      };
      nextToken?: string;
    }>(
      'DescribeImageScanFindings',
      { repositoryName: repository, registryId: opts.registryId, imageId, nextToken: opts.nextToken, maxResults: opts.maxResults },
      opts.signal,
    );
    return {
      items: normaliseFindings(out.imageScanFindings),
      nextToken: out.nextToken || undefined,
      scan: out.imageScanStatus?.status
        ? { status: out.imageScanStatus.status, description: out.imageScanStatus.description }
        : { status: 'NONE' },
      counts: out.imageScanFindings?.findingSeverityCounts,
      scanCompletedAt: out.imageScanFindings?.imageScanCompletedAt,
      vulnerabilitySourceUpdatedAt: out.imageScanFindings?.vulnerabilitySourceUpdatedAt,
      digest: out.imageId?.imageDigest,
    };
  }

  async startScan(repository: string, imageId: ImageId, opts: { registryId?: string; signal?: AbortSignal } = {}): Promise<ScanStatusInfo> {
    const out = await this.call<{ imageScanStatus?: { status?: string; description?: string } }>(
      'StartImageScan',
      { repositoryName: repository, registryId: opts.registryId, imageId },
      opts.signal,
    );
    return { status: out.imageScanStatus?.status ?? 'IN_PROGRESS', description: out.imageScanStatus?.description };
  }

  /** Poll the image's scan status with backoff until it is no longer IN_PROGRESS/PENDING. */
  async waitForScan(repository: string, imageId: ImageId, opts: WaitOptions & { registryId?: string } = {}): Promise<ScanStatusInfo> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
    let delay = opts.initialDelayMs ?? 2_000;
    for (;;) {
      const img = await this.describeImage(repository, imageId, { registryId: opts.registryId, signal: opts.signal });
      opts.onStatus?.(img.scan);
      if (!isScanPending(img.scan.status)) return img.scan;
      if (Date.now() + delay > deadline) {
        throw new EcrError('other', `The scan is still ${img.scan.status} after waiting; try again later.`, 'DescribeImages');
      }
      await sleep(delay, opts.signal);
      delay = Math.min(opts.maxDelayMs ?? 15_000, Math.round(delay * (opts.factor ?? 1.5)));
    }
  }

  /** Start a scan, then wait for it to finish (cancellable). */
  async scanAndWait(repository: string, imageId: ImageId, opts: WaitOptions & { registryId?: string } = {}): Promise<ScanStatusInfo> {
    const first = await this.startScan(repository, imageId, opts);
    opts.onStatus?.(first);
    if (!isScanPending(first.status)) return first;
    return this.waitForScan(repository, imageId, opts);
  }

  dispose(): void {
    this.client?.destroy();
    this.client = undefined;
  }
}
