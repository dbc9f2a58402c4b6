import * as assert from 'assert';
import { EcrError, EcrService, describeScanStatus } from '../../../src/ecr';
import { generatedRepositories, sampleRepositories } from '../../ecr-server/data';
import { DUMMY, rig, Rig } from './helpers';

async function kindOf(p: Promise<unknown>): Promise<EcrError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof EcrError, `not an EcrError: ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}

function noSecrets(s: string) {
  assert.ok(!s.includes(DUMMY.accessKeyId), `access key id in: ${s}`);
  assert.ok(!s.includes(DUMMY.secretAccessKey), `secret in: ${s}`);
}

describe('ecr: client against the ECR stand-in (real SDK over HTTP)', function () {
  this.timeout(20_000);
  let r: Rig;
  afterEach(async () => r && (await r.close()));

  it('GetRegistryScanningConfiguration: account, region, scan type', async () => {
    r = await rig({ scanType: 'ENHANCED' });
    const reg = await r.ecr.getRegistry();
    assert.strictEqual(reg.registryId, '123456789012');
    assert.strictEqual(reg.region, 'us-east-1');
    assert.strictEqual(reg.scanType, 'ENHANCED');
    assert.strictEqual(reg.rules[0].scanFrequency, 'CONTINUOUS_SCAN');
    const req = r.server.requests[0];
    assert.strictEqual(req.operation, 'GetRegistryScanningConfiguration');
    assert.strictEqual(req.accessKeyId, DUMMY.accessKeyId, 'the SDK signed the request');
  });

  it('DescribeRepositories: settings, guidance warnings, pagination', async () => {
    r = await rig({ repositories: [...sampleRepositories(), ...generatedRepositories(1000)] });
    const first = await r.ecr.listRepositories({ maxResults: 100 });
    assert.strictEqual(first.items.length, 100);
    assert.ok(first.nextToken);
    const web = first.items.find((x) => x.name === 'bulkhead/web')!;
    assert.deepStrictEqual([web.scanOnPush, web.tagMutability, web.encryptionType, web.warnings], [true, 'IMMUTABLE', 'KMS', []]);
    assert.strictEqual(web.uri, '123456789012.dkr.ecr.us-east-1.amazonaws.com/bulkhead/web');
    const api = first.items.find((x) => x.name === 'bulkhead/api')!;
    assert.strictEqual(api.warnings.length, 3);
    let total = first.items.length;
    let token: string | undefined = first.nextToken;
    let pages = 1;
    while (token) {
      const p = await r.ecr.listRepositories({ maxResults: 500, nextToken: token });
      total += p.items.length;
      token = p.nextToken;
      pages++;
    }
    assert.strictEqual(total, 1003);
    assert.strictEqual(pages, 3);
    const named = await r.ecr.listRepositories({ names: ['bulkhead/worker'] });
    assert.deepStrictEqual(named.items.map((x) => x.name), ['bulkhead/worker']);
  });

  it('DescribeImages: newest first, summary counts, statuses, pagination', async () => {
    r = await rig();
    const page = await r.ecr.listImages('bulkhead/web');
    assert.deepStrictEqual(page.items.map((i) => i.tags[0] ?? '<untagged>'), ['1.4.2', '1.4.1', '1.3.0', '<untagged>']);
    assert.strictEqual(page.items[0].counts?.CRITICAL, 2);
    assert.strictEqual(page.items[0].counts?.HIGH, 5);
    assert.ok(page.items[0].pushedAt instanceof Date);
    assert.strictEqual(page.items[0].scan.status, 'COMPLETE');
    assert.strictEqual(page.items[2].scan.status, 'SCAN_ELIGIBILITY_EXPIRED');
    const p1 = await r.ecr.listImages('bulkhead/worker', { maxResults: 3 });
    assert.strictEqual(p1.items.length, 3);
    const p2 = await r.ecr.listImages('bulkhead/worker', { maxResults: 3, nextToken: p1.nextToken });
    assert.strictEqual(p2.items.length, 1);
    assert.strictEqual(p2.nextToken, undefined);
    const statuses = [...p1.items, ...p2.items].map((i) => i.scan.status).sort();
    assert.deepStrictEqual(statuses, ['COMPLETE', 'LIMIT_EXCEEDED', 'NONE', 'UNSUPPORTED_IMAGE']);
    const one = await r.ecr.describeImage('bulkhead/web', { imageTag: 'latest' });
    assert.deepStrictEqual(one.tags, ['1.4.2', 'latest']);
  });

  it('ListImages: ids, paginated', async () => {
    r = await rig();
    const p = await r.ecr.listImageIds('bulkhead/web', { maxResults: 2 });
    assert.strictEqual(p.items.length, 2);
    assert.ok(p.nextToken);
    assert.ok(p.items[0].imageDigest?.startsWith('sha256:'));
  });

  it('an unknown scan status arrives as itself', async () => {
    r = await rig();
    r.server.repo('bulkhead/web')!.images[0].scanStatus = 'QUANTUM_FLUX';
    const page = await r.ecr.listImages('bulkhead/web');
    const img = page.items.find((i) => i.tags.includes('1.4.2'))!;
    assert.strictEqual(img.scan.status, 'QUANTUM_FLUX');
    assert.strictEqual(describeScanStatus(img.scan.status), 'Scan status QUANTUM_FLUX');
    const f = await r.ecr.getFindings('bulkhead/web', { imageTag: '1.4.2' });
    assert.strictEqual(f.scan.status, 'QUANTUM_FLUX');
    assert.strictEqual(f.items.length, 0);
  });

  it('DescribeImageScanFindings, basic shape: maxResults honoured, all 2,000 pages', async () => {
    r = await rig({ scanType: 'BASIC' });
    const first = await r.ecr.getFindings('bulkhead/api', { imageTag: '2.0.0' }, { maxResults: 250 });
    assert.strictEqual(first.items.length, 250);
    assert.strictEqual(first.items[0].source, 'basic');
    assert.ok(first.items[0].packages[0].name);
    assert.ok(first.items[0].url?.startsWith('https://'));
    assert.strictEqual(first.scan.status, 'COMPLETE');
    assert.ok(first.digest?.startsWith('sha256:'));
    let n = first.items.length;
    let token: string | undefined = first.nextToken;
    while (token) {
      const p = await r.ecr.getFindings('bulkhead/api', { imageTag: '2.0.0' }, { maxResults: 1000, nextToken: token });
      n += p.items.length;
      token = p.nextToken;
    }
    assert.strictEqual(n, 2000);
    const sum = Object.values(first.counts ?? {}).reduce<number>((acc, v) => acc + (v ?? 0), 0);
    assert.strictEqual(sum, 2000);
  });

  it('DescribeImageScanFindings, enhanced shape: pages of 100 whatever maxResults says', async () => {
    r = await rig({ scanType: 'ENHANCED' });
    const a = await r.ecr.getFindings('bulkhead/api', { imageTag: '2.0.0' }, { maxResults: 10 });
    assert.strictEqual(a.items.length, 100);
    const b = await r.ecr.getFindings('bulkhead/api', { imageTag: '2.0.0' }, { maxResults: 1000, nextToken: a.nextToken! });
    assert.strictEqual(b.items.length, 100);
    assert.strictEqual(a.scan.status, 'ACTIVE');
    const f = a.items[0];
    assert.strictEqual(f.source, 'enhanced');
    assert.ok(/^CVE-\d{4}-\d+$/.test(f.id));
    assert.ok(f.title.includes(' - '));
    assert.ok(f.url?.startsWith('https://nvd.nist.gov/'));
    const withFix = [...a.items, ...b.items].find((x) => x.packages[0]?.fixedInVersion);
    assert.ok(withFix?.remediation?.startsWith('Upgrade'));
    assert.ok((a.counts?.UNTRIAGED ?? 0) > 0, 'Inspector UNTRIAGED severities are kept as themselves');
  });

  it('a scan life cycle: NONE → StartImageScan → IN_PROGRESS → COMPLETE, polled with backoff', async () => {
    r = await rig({ scanType: 'BASIC', scanReads: 3 });
    const e = await kindOf(r.ecr.getFindings('bulkhead/worker', { imageTag: 'nightly' }));
    assert.strictEqual(e.kind, 'scan-not-found');
    const seen: string[] = [];
    const done = await r.ecr.scanAndWait('bulkhead/worker', { imageTag: 'nightly' }, { initialDelayMs: 5, onStatus: (s) => seen.push(s.status) });
    assert.strictEqual(done.status, 'COMPLETE');
    assert.deepStrictEqual(seen, ['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE']);
    const f = await r.ecr.getFindings('bulkhead/worker', { imageTag: 'nightly' });
    assert.strictEqual(f.items.length, 6);
  });

  it('a scan that fails ends FAILED; waiting can be cancelled', async () => {
    r = await rig({ scanReads: 1 });
    r.server.image('bulkhead/web', { imageTag: '1.4.1' })!.scanOutcome = 'FAILED';
    const s = await r.ecr.scanAndWait('bulkhead/web', { imageTag: '1.4.1' }, { initialDelayMs: 5 });
    assert.strictEqual(s.status, 'FAILED');
    r.server.scanReads = 1000;
    const ac = new AbortController();
    const p = r.ecr.scanAndWait('bulkhead/web', { imageTag: '1.4.2' }, { initialDelayMs: 20, signal: ac.signal });
    setTimeout(() => ac.abort(), 60);
    const e = await kindOf(p);
    assert.strictEqual(e.kind, 'cancelled');
  });

  describe('error kinds', () => {
    it('access denied names the missing ecr: action', async () => {
      r = await rig();
      r.server.injectFault({ kind: 'access-denied', operation: 'DescribeImageScanFindings' });
      const e = await kindOf(r.ecr.getFindings('bulkhead/web', { imageTag: '1.4.2' }));
      assert.strictEqual(e.kind, 'access-denied');
      assert.ok(e.message.includes('`ecr:DescribeImageScanFindings`'), e.message);
      r.server.clearFaults();
      r.server.injectFault({ kind: 'access-denied', operation: 'StartImageScan' });
      const e2 = await kindOf(r.ecr.startScan('bulkhead/web', { imageTag: '1.4.2' }));
      assert.ok(e2.message.includes('ecr:StartImageScan'));
      noSecrets(e.message);
    });

    it('throttling: adaptive retries absorb a burst, a persistent one is reported', async () => {
      r = await rig();
      r.server.injectFault({ kind: 'throttle', operation: 'DescribeRepositories', times: 1 });
      const ok = await r.ecr.listRepositories();
      assert.strictEqual(ok.items.length, 3);
      assert.deepStrictEqual(r.server.requests.map((q) => q.status), [400, 200]);
      r.server.requests.length = 0;
      r.server.injectFault({ kind: 'throttle' });
      const e = await kindOf(r.ecr.listRepositories());
      assert.strictEqual(e.kind, 'throttled');
      assert.strictEqual(r.server.requests.length, 3, 'maxAttempts requests were made');
    });

    it('server errors (5xx) are retried, then reported', async () => {
      r = await rig();
      r.server.injectFault({ kind: 'server-error', times: 1 });
      assert.strictEqual((await r.ecr.listRepositories()).items.length, 3);
      r.server.injectFault({ kind: 'unavailable' });
      const e = await kindOf(r.ecr.listRepositories());
      assert.strictEqual(e.kind, 'server');
    });

    it('expired token', async () => {
      r = await rig();
      r.server.injectFault({ kind: 'expired-token' });
      const e = await kindOf(r.ecr.listRepositories());
      assert.strictEqual(e.kind, 'expired-token');
      assert.ok(e.message.includes('aws sso login'), e.message);
      noSecrets(e.message);
    });

    it('unsigned requests are rejected by the stand-in', async () => {
      r = await rig();
      const res = await fetch(r.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' },
        body: '{}',
      });
      assert.strictEqual(res.status, 403);
      const body = (await res.json()) as { __type: string; message: string };
      assert.strictEqual(body.__type, 'MissingAuthenticationTokenException');
      const bad = await fetch(r.url, {
        method: 'POST',
        headers: { authorization: 'AWS4-HMAC-SHA256 nonsense', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' },
        body: '{}',
      });
      assert.strictEqual(((await bad.json()) as { __type: string }).__type, 'IncompleteSignatureException');
    });

    it('unknown access key → invalid credentials', async () => {
      r = await rig({ acceptedAccessKeyIds: ['AKIAOTHERKEY00000000'] });
      const e = await kindOf(r.ecr.listRepositories());
      assert.strictEqual(e.kind, 'invalid-credentials');
      noSecrets(e.message);
    });

    it('malformed response body', async () => {
      r = await rig();
      r.server.injectFault({ kind: 'malformed' });
      const e = await kindOf(r.ecr.listRepositories());
      assert.strictEqual(e.kind, 'bad-response');
    });

    it('network failures: connection refused, reset, timeout', async () => {
      r = await rig();
      const url = r.url;
      r.server.injectFault({ kind: 'reset' });
      assert.strictEqual((await kindOf(r.ecr.listRepositories())).kind, 'network');
      r.server.clearFaults();
      r.server.injectFault({ kind: 'latency', delayMs: 1500 });
      const slow = r.client({ requestTimeoutMs: 200, maxAttempts: 1 });
      assert.strictEqual((await kindOf(slow.listRepositories())).kind, 'network');
      r.server.clearFaults();
      await r.server.close();
      const gone = new EcrService({ endpoint: url, region: 'us-east-1', credentials: DUMMY, maxAttempts: 1 });
      const e = await kindOf(gone.listRepositories());
      assert.strictEqual(e.kind, 'network');
      assert.ok(e.message.includes(url), e.message);
      gone.dispose();
    });

    it('repository or image deleted meanwhile', async () => {
      r = await rig();
      r.server.removeImage('bulkhead/web', { imageTag: '1.4.1' });
      const e1 = await kindOf(r.ecr.getFindings('bulkhead/web', { imageTag: '1.4.1' }));
      assert.strictEqual(e1.kind, 'image-not-found');
      r.server.removeRepository('bulkhead/web');
      const e2 = await kindOf(r.ecr.listImages('bulkhead/web'));
      assert.strictEqual(e2.kind, 'repository-not-found');
      assert.ok(!e2.retryable);
    });

    it('a bad page token is an invalid request', async () => {
      r = await rig();
      const e = await kindOf(r.ecr.listRepositories({ nextToken: 'garbage' }));
      assert.strictEqual(e.kind, 'invalid-request');
    });

    it('no secret reaches messages or log lines, whatever fails', async () => {
      const lines: string[] = [];
      r = await rig({}, { log: (l) => lines.push(l) });
      for (const kind of ['access-denied', 'expired-token', 'throttle', 'malformed', 'server-error'] as const) {
        r.server.clearFaults();
        r.server.injectFault({ kind });
        const e = await kindOf(r.ecr.listRepositories());
        noSecrets(e.message);
        noSecrets(e.stack ?? '');
      }
      assert.ok(lines.length >= 5);
      for (const l of lines) noSecrets(l);
    });
  });
});
