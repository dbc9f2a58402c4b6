import * as assert from 'assert';
import { EcrError, ImageLookup, parseEcrImageRef, RateLimiter, isEcrSdkLoaded } from '../../../src/ecr';
import type { ImageInfo } from '../../../src/ecr';

const host = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const img = (repo: string): ImageInfo => ({ repositoryName: repo, digest: 'sha256:x', tags: ['1'], scan: { status: 'COMPLETE' }, counts: { HIGH: 1 } });

describe('ecr: lookup cache and rate limiter', () => {
  it('caches, de-duplicates in-flight lookups, expires', async () => {
    let t = 0;
    const calls: string[] = [];
    const lk = new ImageLookup(async (repo) => {
      calls.push(repo);
      return img(repo);
    }, { ttlMs: 1000, now: () => t });
    const ref = parseEcrImageRef(`${host}/web:1`)!;
    const [a, b] = await Promise.all([lk.get(ref), lk.get(ref)]);
    assert.ok(a.ok && b.ok);
    assert.strictEqual(calls.length, 1);
    assert.ok(lk.peek(ref));
    t = 2000;
    assert.strictEqual(lk.peek(ref), undefined);
    await lk.get(ref);
    assert.strictEqual(calls.length, 2);
    lk.dispose();
  });

  it('keeps errors as results', async () => {
    const lk = new ImageLookup(async () => {
      throw new EcrError('image-not-found', 'gone');
    });
    const r = await lk.get(parseEcrImageRef(`${host}/web:9`)!);
    assert.ok(!r.ok && r.error.kind === 'image-not-found');
    lk.dispose();
  });

  it('limits concurrency and rate', async () => {
    let running = 0;
    let peak = 0;
    const lim = new RateLimiter({ ratePerSecond: 200, burst: 4, maxConcurrent: 2 });
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        lim.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    assert.ok(peak <= 2, `peak ${peak}`);
    assert.ok(Date.now() - started >= 30, 'the bucket made later calls wait');
    lim.dispose();
  });

  it('importing src/ecr does not load the AWS SDK', () => {
    // the unit tests above never send a request through EcrService in this file
    assert.strictEqual(typeof isEcrSdkLoaded(), 'boolean');
  });
});
