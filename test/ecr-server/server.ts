/**
 * A local stand-in for Amazon ECR that speaks its wire protocol (AWS JSON 1.1:
 * `POST /`, `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`,
 * `application/x-amz-json-1.1`, errors as `{ "__type", "message" }` with the
 * service's HTTP status). It is NOT AWS: it holds invented sample data, checks
 * only the shape of the SigV4 `Authorization` header, and exists so the real
 * SDK client can be tested (and demoed) without an AWS account.
 *
 * Test control: the methods of {@link EcrStandIn} in-process, or the admin
 * endpoints (`/__admin/...`, JSON) from another process.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { countsOf, StandInImage, StandInRepo, StandInVuln, sampleRepositories } from './data';

export const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
export const JSON_11 = 'application/x-amz-json-1.1';

export type FaultKind =
  | 'throttle'
  | 'server-error'
  | 'unavailable'
  | 'latency'
  | 'expired-token'
  | 'access-denied'
  | 'malformed'
  | 'reset'
  | 'not-found'
  /** the first page, with a nextToken that never changes: a client must not page forever */
  | 'endless-pages';

export interface Fault {
  kind: FaultKind;
  /** only this operation (e.g. 'DescribeImages'); all when omitted */
  operation?: string;
  /** how many requests it hits; unlimited when omitted */
  times?: number;
  /** for 'latency' (and added before any other fault) */
  delayMs?: number;
}

export interface StandInOptions {
  registryId?: string;
  region?: string;
  scanType?: 'BASIC' | 'ENHANCED';
  repositories?: StandInRepo[];
  /** status reads before a started scan completes (default 2) */
  scanReads?: number;
  /** minimum time before a started scan completes (default 0) */
  scanDelayMs?: number;
  /** when set, only these access key ids are accepted (UnrecognizedClientException otherwise) */
  acceptedAccessKeyIds?: string[];
}

export interface RequestRecord {
  operation: string;
  status: number;
  body: Record<string, unknown>;
  accessKeyId?: string;
}

class ApiError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

const epoch = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

function decodeToken(token: unknown, scope: string): number {
  if (token === undefined || token === null || token === '') return 0;
  try {
    const v = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof v.o === 'number' && v.o >= 0 && v.s === scope) return v.o;
  } catch {
    /* fall through */
  }
  throw new ApiError('InvalidParameterException', 'Invalid parameter at \'nextToken\' failed to satisfy constraint: \'The token is not valid\'');
}

function pageSize(v: unknown, dflt: number, max = 1000): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
    throw new ApiError('InvalidParameterException', `Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value between 1 and ${max}'`);
  }
  return v;
}

export class EcrStandIn {
  readonly registryId: string;
  readonly region: string;
  scanType: 'BASIC' | 'ENHANCED';
  repositories: StandInRepo[];
  scanReads: number;
  scanDelayMs: number;
  acceptedAccessKeyIds?: string[];
  faults: Fault[] = [];
  readonly requests: RequestRecord[] = [];
  private server: http.Server | undefined;
  private readonly sockets = new Set<import('net').Socket>();

  constructor(o: StandInOptions = {}) {
    this.registryId = o.registryId ?? '123456789012';
    this.region = o.region ?? 'us-east-1';
    this.scanType = o.scanType ?? 'BASIC';
    this.repositories = o.repositories ?? sampleRepositories();
    this.scanReads = o.scanReads ?? 2;
    this.scanDelayMs = o.scanDelayMs ?? 0;
    this.acceptedAccessKeyIds = o.acceptedAccessKeyIds;
  }

  // ---- test control -------------------------------------------------------

  injectFault(f: Fault): void {
    this.faults.push({ ...f });
  }

  clearFaults(): void {
    this.faults = [];
  }

  repo(name: string): StandInRepo | undefined {
    return this.repositories.find((r) => r.name === name);
  }

  image(repo: string, ref: { imageTag?: string; imageDigest?: string }): StandInImage | undefined {
    const r = this.repo(repo);
    if (!r) return undefined;
    return r.images.find((i) => (ref.imageDigest ? i.digest === ref.imageDigest : i.tags.includes(ref.imageTag ?? '')));
  }

  removeRepository(name: string): void {
    this.repositories = this.repositories.filter((r) => r.name !== name);
  }

  removeImage(repo: string, ref: { imageTag?: string; imageDigest?: string }): void {
    const r = this.repo(repo);
    const img = this.image(repo, ref);
    if (r && img) r.images = r.images.filter((i) => i !== img);
  }

  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('stand-in not started');
    return `http://127.0.0.1:${a.port}`;
  }

  start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve(this.url));
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ---- HTTP ---------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    if (url.startsWith('/__admin/')) return this.admin(req.method ?? 'GET', url, text, res);

    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    let body: Record<string, unknown> = {};
    let accessKeyId: string | undefined;
    const send = (status: number, payload: unknown, raw?: string) => {
      this.requests.push({ operation, status, body, accessKeyId });
      const out = raw ?? JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': JSON_11,
        'x-amzn-requestid': `standin-${this.requests.length}`,
        'content-length': Buffer.byteLength(out),
      });
      res.end(out);
    };
    const fail = (e: ApiError) => {
      send(e.status, { __type: e.type, message: e.message });
    };

    try {
      if (req.method !== 'POST' || url.split('?')[0] !== '/') throw new ApiError('UnknownOperationException', 'Only POST / is served.', 404);
      accessKeyId = this.checkAuth(req.headers.authorization);
      if (!operation) throw new ApiError('UnknownOperationException', `Unknown or missing X-Amz-Target: '${target}'`, 400);
      const ct = String(req.headers['content-type'] ?? '');
      if (!ct.startsWith(JSON_11)) throw new ApiError('SerializationException', `Expected content-type ${JSON_11}`, 400);
      try {
        body = text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      } catch {
        throw new ApiError('SerializationException', 'Request body is not valid JSON', 400);
      }

      const fault = this.takeFault(operation);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault) {
        switch (fault.kind) {
          case 'latency':
            break;
          case 'throttle':
            throw new ApiError('ThrottlingException', 'Rate exceeded', 400);
          case 'server-error':
            throw new ApiError('ServerException', 'We encountered an internal error. Please try again.', 500);
          case 'unavailable':
            throw new ApiError('ServiceUnavailableException', 'Service unavailable', 503);
          case 'expired-token':
            throw new ApiError('ExpiredTokenException', 'The security token included in the request is expired', 403);
          case 'access-denied':
            throw new ApiError(
              'AccessDeniedException',
              `User: arn:aws:sts::${this.registryId}:assumed-role/Dev/someone is not authorized to perform: ecr:${operation} on resource: arn:aws:ecr:${this.region}:${this.registryId}:repository/* because no identity-based policy allows the ecr:${operation} action`,
              400,
            );
          case 'not-found':
            throw new ApiError('RepositoryNotFoundException', `The repository with name '${String(body.repositoryName ?? '')}' does not exist in the registry with id '${this.registryId}'`, 400);
          case 'malformed':
            return send(200, undefined, '{"repositories": [ {"repositoryName": "trunc');
          case 'reset':
            this.requests.push({ operation, status: 0, body, accessKeyId });
            req.socket.destroy();
            return;
          case 'endless-pages': {
            const page = this.dispatch(operation, { ...body, nextToken: undefined }) as Record<string, unknown>;
            return send(200, { ...page, nextToken: 'the-same-token-again' });
          }
        }
      }
      const out = this.dispatch(operation, body);
      send(200, out);
    } catch (e) {
      if (e instanceof ApiError) fail(e);
      else fail(new ApiError('ServerException', (e as Error).message, 500));
    }
  }

  private takeFault(operation: string): Fault | undefined {
    const i = this.faults.findIndex((f) => !f.operation || f.operation === operation);
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (f.times !== undefined) {
      f.times--;
      if (f.times <= 0) this.faults.splice(i, 1);
    }
    return f;
  }

  /** Shape check of SigV4 (the signature itself is not verified). Returns the access key id. */
  private checkAuth(h: string | undefined): string {
    if (!h) throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    const m = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(h);
    if (!m) {
      throw new ApiError('IncompleteSignatureException', 'Authorization header requires \'Credential\', \'SignedHeaders\' and \'Signature\' parameters (AWS4-HMAC-SHA256).', 403);
    }
    if (m[4] !== 'ecr') throw new ApiError('InvalidSignatureException', `Credential should be scoped to correct service: 'ecr'.`, 403);
    if (m[3] !== this.region) throw new ApiError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${m[3]}'.`, 403);
    if (!m[5].split(';').includes('x-amz-target')) throw new ApiError('IncompleteSignatureException', 'x-amz-target must be signed.', 403);
    if (this.acceptedAccessKeyIds && !this.acceptedAccessKeyIds.includes(m[1])) {
      throw new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
    }
    return m[1];
  }

  private admin(method: string, url: string, text: string, res: http.ServerResponse): void {
    const reply = (status: number, v: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(v));
    };
    try {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const path = url.split('?')[0];
      if (path === '/__admin/faults' && method === 'POST') {
        this.injectFault(body as unknown as Fault);
        return reply(200, { faults: this.faults });
      }
      if (path === '/__admin/faults' && method === 'DELETE') {
        this.clearFaults();
        return reply(200, { faults: [] });
      }
      if (path === '/__admin/scan-type' && method === 'POST') {
        this.scanType = body.scanType === 'ENHANCED' ? 'ENHANCED' : 'BASIC';
        return reply(200, { scanType: this.scanType });
      }
      if (path === '/__admin/requests' && method === 'GET') return reply(200, this.requests);
      if (path === '/__admin/reset' && method === 'POST') {
        this.repositories = sampleRepositories();
        this.clearFaults();
        this.requests.length = 0;
        return reply(200, { ok: true });
      }
      if (path === '/__admin/state' && method === 'GET') {
        return reply(200, { registryId: this.registryId, region: this.region, scanType: this.scanType, repositories: this.repositories.length });
      }
      reply(404, { message: 'unknown admin endpoint' });
    } catch (e) {
      reply(400, { message: (e as Error).message });
    }
  }

  // ---- operations ---------------------------------------------------------

  private dispatch(op: string, b: Record<string, unknown>): unknown {
    if (b.registryId !== undefined && b.registryId !== this.registryId) {
      if (op === 'GetRegistryScanningConfiguration') throw new ApiError('ValidationException', 'registryId is not a parameter of this operation');
      if (typeof b.repositoryName === 'string' || op === 'DescribeRepositories') {
        throw new ApiError('RepositoryNotFoundException', `The repository with name '${String(b.repositoryName ?? '')}' does not exist in the registry with id '${String(b.registryId)}'`);
      }
    }
    switch (op) {
      case 'GetRegistryScanningConfiguration':
        return this.getRegistryScanningConfiguration();
      case 'DescribeRepositories':
        return this.describeRepositories(b);
      case 'DescribeImages':
        return this.describeImages(b);
      case 'ListImages':
        return this.listImages(b);
      case 'DescribeImageScanFindings':
        return this.describeImageScanFindings(b);
      case 'StartImageScan':
        return this.startImageScan(b);
      default:
        throw new ApiError('UnknownOperationException', `The stand-in does not implement ${op}.`, 400);
    }
  }

  private needRepo(b: Record<string, unknown>): StandInRepo {
    const name = b.repositoryName;
    if (typeof name !== 'string' || name.length < 2) {
      throw new ApiError('InvalidParameterException', "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must have length greater than or equal to 2'");
    }
    const r = this.repo(name);
    if (!r) throw new ApiError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${this.registryId}'`);
    return r;
  }

  private needImage(r: StandInRepo, id: unknown): StandInImage {
    const ref = (id ?? {}) as { imageTag?: string; imageDigest?: string };
    if (!ref.imageTag && !ref.imageDigest) throw new ApiError('InvalidParameterException', "Invalid parameter at 'imageId': an image tag or digest is required");
    const img = this.image(r.name, ref);
    if (!img) {
      throw new ApiError(
        'ImageNotFoundException',
        `The image with imageId {imageDigest:'${ref.imageDigest ?? 'null'}', imageTag:'${ref.imageTag ?? 'null'}'} does not exist within the repository with name '${r.name}' in the registry with id '${this.registryId}'`,
      );
    }
    return img;
  }

  /** A read of an image's scan state moves a started scan along. */
  private advance(img: StandInImage): void {
    if (img.scanStatus !== 'IN_PROGRESS' || img.pendingReads === undefined) return;
    img.pendingReads--;
    if (img.pendingReads <= 0 && Date.now() >= (img.completeAt ?? 0)) {
      img.pendingReads = undefined;
      img.completeAt = undefined;
      if (img.scanOutcome === 'FAILED') {
        img.scanStatus = 'FAILED';
        img.scanDescription = 'The scan failed (stand-in scanOutcome FAILED).';
        img.vulns = [];
      } else {
        img.scanStatus = this.scanType === 'ENHANCED' ? 'ACTIVE' : 'COMPLETE';
        img.scanDescription = this.scanType === 'ENHANCED' ? 'Continuous scan is selected for image.' : 'The scan was completed successfully.';
        if (img.nextVulns) img.vulns = img.nextVulns;
        img.nextVulns = undefined;
      }
      img.scanCompletedAt = new Date();
    }
  }

  private statusOf(img: StandInImage): string {
    // Seeded COMPLETE images read as ACTIVE when the registry uses enhanced scanning.
    if (this.scanType === 'ENHANCED' && img.scanStatus === 'COMPLETE') return 'ACTIVE';
    return img.scanStatus;
  }

  private hasFindings(img: StandInImage): boolean {
    return img.scanStatus === 'COMPLETE' || img.scanStatus === 'ACTIVE';
  }

  private getRegistryScanningConfiguration(): unknown {
    return {
      registryId: this.registryId,
      scanningConfiguration: {
        scanType: this.scanType,
        rules: [
          {
            scanFrequency: this.scanType === 'ENHANCED' ? 'CONTINUOUS_SCAN' : 'SCAN_ON_PUSH',
            repositoryFilters: [{ filter: 'bulkhead/*', filterType: 'WILDCARD' }],
          },
        ],
      },
    };
  }

  private repoJson(r: StandInRepo): unknown {
    return {
      repositoryArn: `arn:aws:ecr:${this.region}:${this.registryId}:repository/${r.name}`,
      registryId: this.registryId,
      repositoryName: r.name,
      repositoryUri: `${this.registryId}.dkr.ecr.${this.region}.amazonaws.com/${r.name}`,
      createdAt: epoch(r.createdAt),
      imageTagMutability: r.tagMutability,
      imageScanningConfiguration: { scanOnPush: r.scanOnPush },
      encryptionConfiguration: r.kmsKey ? { encryptionType: r.encryptionType, kmsKey: r.kmsKey } : { encryptionType: r.encryptionType },
    };
  }

  private describeRepositories(b: Record<string, unknown>): unknown {
    if (Array.isArray(b.repositoryNames)) {
      if (b.nextToken !== undefined || b.maxResults !== undefined) {
        throw new ApiError('InvalidParameterException', 'nextToken and maxResults cannot be used with repositoryNames');
      }
      const out = (b.repositoryNames as string[]).map((n) => {
        const r = this.repo(n);
        if (!r) throw new ApiError('RepositoryNotFoundException', `The repository with name '${n}' does not exist in the registry with id '${this.registryId}'`);
        return this.repoJson(r);
      });
      return { repositories: out };
    }
    const size = pageSize(b.maxResults, 100);
    const from = decodeToken(b.nextToken, 'repos');
    const slice = this.repositories.slice(from, from + size);
    const next = from + size < this.repositories.length ? encodeToken(from + size, 'repos') : undefined;
    return { repositories: slice.map((r) => this.repoJson(r)), ...(next ? { nextToken: next } : {}) };
  }

  private imageJson(r: StandInRepo, img: StandInImage): unknown {
    this.advance(img);
    const status = this.statusOf(img);
    const detail: Record<string, unknown> = {
      registryId: this.registryId,
      repositoryName: r.name,
      imageDigest: img.digest,
      imageSizeInBytes: img.sizeBytes,
      imagePushedAt: epoch(img.pushedAt),
      imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    };
    if (img.tags.length) detail.imageTags = img.tags;
    if (status !== 'NONE') {
      detail.imageScanStatus = { status, ...(img.scanDescription ? { description: img.scanDescription } : {}) };
      if (this.hasFindings(img)) {
        detail.imageScanFindingsSummary = {
          imageScanCompletedAt: epoch(img.scanCompletedAt),
          vulnerabilitySourceUpdatedAt: epoch(img.scanCompletedAt),
          findingSeverityCounts: countsOf(img.vulns),
        };
      }
    }
    return detail;
  }

  private describeImages(b: Record<string, unknown>): unknown {
    const r = this.needRepo(b);
    if (Array.isArray(b.imageIds)) {
      if (b.nextToken !== undefined) throw new ApiError('InvalidParameterException', 'nextToken cannot be used when you specify images with imageIds');
      return { imageDetails: (b.imageIds as unknown[]).map((id) => this.imageJson(r, this.needImage(r, id))) };
    }
    const tagStatus = (b.filter as { tagStatus?: string } | undefined)?.tagStatus ?? 'ANY';
    const all = r.images.filter((i) => (tagStatus === 'TAGGED' ? i.tags.length > 0 : tagStatus === 'UNTAGGED' ? i.tags.length === 0 : true));
    const size = pageSize(b.maxResults, 100);
    const from = decodeToken(b.nextToken, `images:${r.name}`);
    const slice = all.slice(from, from + size);
    const next = from + size < all.length ? encodeToken(from + size, `images:${r.name}`) : undefined;
    return { imageDetails: slice.map((i) => this.imageJson(r, i)), ...(next ? { nextToken: next } : {}) };
  }

  private listImages(b: Record<string, unknown>): unknown {
    const r = this.needRepo(b);
    const ids: { imageDigest: string; imageTag?: string }[] = [];
    for (const i of r.images) {
      if (i.tags.length === 0) ids.push({ imageDigest: i.digest });
      for (const t of i.tags) ids.push({ imageDigest: i.digest, imageTag: t });
    }
    const size = pageSize(b.maxResults, 100);
    const from = decodeToken(b.nextToken, `ids:${r.name}`);
    const next = from + size < ids.length ? encodeToken(from + size, `ids:${r.name}`) : undefined;
    return { imageIds: ids.slice(from, from + size), ...(next ? { nextToken: next } : {}) };
  }

  private basicFinding(v: StandInVuln): unknown {
    const attributes = [
      { key: 'package_version', value: v.packageVersion },
      { key: 'package_name', value: v.packageName },
    ];
    if (v.cvss !== undefined) {
      attributes.push({ key: 'CVSS2_VECTOR', value: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }, { key: 'CVSS2_SCORE', value: String(Math.min(10, v.cvss)) });
    }
    return {
      name: v.id,
      description: v.description,
      uri: `https://security-tracker.debian.org/tracker/${v.id}`,
      severity: v.severity,
      attributes,
    };
  }

  private enhancedFinding(r: StandInRepo, img: StandInImage, v: StandInVuln, i: number): unknown {
    const observed = epoch(img.scanCompletedAt ?? img.pushedAt);
    const sev = v.severity === 'UNDEFINED' ? 'UNTRIAGED' : v.severity;
    const f: Record<string, unknown> = {
      awsAccountId: this.registryId,
      description: v.description,
      findingArn: `arn:aws:inspector2:${this.region}:${this.registryId}:finding/${img.digest.slice(7, 23)}${String(i).padStart(8, '0')}`,
      firstObservedAt: observed,
      lastObservedAt: observed,
      updatedAt: observed,
      packageVulnerabilityDetails: {
        cvss: v.cvss !== undefined ? [{ baseScore: v.cvss, scoringVector: v.vector, source: 'NVD', version: '3.1' }] : [],
        referenceUrls: [`https://security-tracker.debian.org/tracker/${v.id}`],
        relatedVulnerabilities: [],
        source: 'NVD',
        sourceUrl: `https://nvd.nist.gov/vuln/detail/${v.id}`,
        vendorCreatedAt: observed,
        vendorSeverity: sev,
        vulnerabilityId: v.id,
        vulnerablePackages: [
          {
            arch: 'X86_64',
            epoch: 0,
            name: v.packageName,
            packageManager: v.packageManager,
            version: v.packageVersion,
            release: '',
            sourceLayerHash: img.digest,
            ...(v.fixedIn ? { fixedInVersion: v.fixedIn } : { fixedInVersion: 'NotAvailable' }),
          },
        ],
      },
      remediation: { recommendation: { text: v.fixedIn ? `Upgrade ${v.packageName} to ${v.fixedIn} or later.` : 'None Provided' } },
      resources: [
        {
          id: `arn:aws:ecr:${this.region}:${this.registryId}:repository/${r.name}/${img.digest}`,
          type: 'AWS_ECR_CONTAINER_IMAGE',
          details: {
            awsEcrContainerImage: {
              architecture: 'amd64',
              imageHash: img.digest,
              imageTags: img.tags,
              platform: 'DEBIAN_12',
              pushedAt: epoch(img.pushedAt),
              registry: this.registryId,
              repositoryName: r.name,
            },
          },
        },
      ],
      severity: sev,
      status: 'ACTIVE',
      title: `${v.id} - ${v.packageName}`,
      type: 'PACKAGE_VULNERABILITY',
      fixAvailable: v.fixedIn ? 'YES' : 'NO',
      exploitAvailable: 'NO',
    };
    if (v.cvss !== undefined) {
      f.score = v.cvss;
      f.scoreDetails = { cvss: { adjustments: [], score: v.cvss, scoreSource: 'NVD', scoringVector: v.vector, version: '3.1' } };
    }
    return f;
  }

  private describeImageScanFindings(b: Record<string, unknown>): unknown {
    const r = this.needRepo(b);
    const img = this.needImage(r, b.imageId);
    this.advance(img);
    if (img.scanStatus === 'NONE') {
      throw new ApiError('ScanNotFoundException', `Image scan does not exist for the image with '{imageDigest:'${img.digest}', imageTag:'${img.tags[0] ?? 'null'}'}' in the repository with name '${r.name}' in the registry with id '${this.registryId}'`);
    }
    const status = this.statusOf(img);
    const base: Record<string, unknown> = {
      registryId: this.registryId,
      repositoryName: r.name,
      imageId: { imageDigest: img.digest, ...((b.imageId as { imageTag?: string }).imageTag ? { imageTag: (b.imageId as { imageTag?: string }).imageTag } : {}) },
      imageScanStatus: { status, ...(img.scanDescription ? { description: img.scanDescription } : {}) },
    };
    if (!this.hasFindings(img)) return base;
    const enhanced = this.scanType === 'ENHANCED';
    // Enhanced findings come back 100 to a page whatever maxResults says (boto3#3449).
    const requested = pageSize(b.maxResults, 100);
    const size = enhanced ? 100 : requested;
    const scope = `findings:${r.name}:${img.digest}:${enhanced ? 'e' : 'b'}`;
    const from = decodeToken(b.nextToken, scope);
    const slice = img.vulns.slice(from, from + size);
    const next = from + size < img.vulns.length ? encodeToken(from + size, scope) : undefined;
    const findings: Record<string, unknown> = {
      imageScanCompletedAt: epoch(img.scanCompletedAt),
      vulnerabilitySourceUpdatedAt: epoch(img.scanCompletedAt),
      findingSeverityCounts: enhanced ? renameUndefined(countsOf(img.vulns)) : countsOf(img.vulns),
    };
    if (enhanced) findings.enhancedFindings = slice.map((v, i) => this.enhancedFinding(r, img, v, from + i));
    else findings.findings = slice.map((v) => this.basicFinding(v));
    return { ...base, imageScanFindings: findings, ...(next ? { nextToken: next } : {}) };
  }

  private startImageScan(b: Record<string, unknown>): unknown {
    const r = this.needRepo(b);
    const img = this.needImage(r, b.imageId);
    if (img.scanStatus === 'IN_PROGRESS' && img.pendingReads === undefined) img.pendingReads = this.scanReads;
    if (img.scanStatus !== 'IN_PROGRESS') {
      img.scanStatus = 'IN_PROGRESS';
      img.scanDescription = undefined;
      img.pendingReads = this.scanReads;
      img.completeAt = Date.now() + this.scanDelayMs;
      if (!img.nextVulns) img.nextVulns = img.vulns;
    }
    return {
      registryId: this.registryId,
      repositoryName: r.name,
      imageId: { imageDigest: img.digest, ...((b.imageId as { imageTag?: string }).imageTag ? { imageTag: (b.imageId as { imageTag?: string }).imageTag } : {}) },
      imageScanStatus: { status: 'IN_PROGRESS' },
    };
  }
}

function renameUndefined(c: Record<string, number>): Record<string, number> {
  // Inspector reports UNTRIAGED where basic scanning says UNDEFINED.
  if (c.UNDEFINED === undefined) return c;
  const { UNDEFINED, ...rest } = c;
  return { ...rest, UNTRIAGED: UNDEFINED };
}
