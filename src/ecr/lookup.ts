/**
 * Image lookups by reference for the code ↔ registry cross-link: cached (TTL),
 * de-duplicated while in flight, and rate-limited (a token bucket plus a cap
 * on concurrent requests) so that opening a big manifest cannot flood ECR.
 */
import { EcrError } from './errors';
import { EcrImageRef, imageIdOf, refKey } from './imageRef';
import type { ImageInfo } from './model';

export type LookupResult = { ok: true; image: ImageInfo; at: number } | { ok: false; error: EcrError; at: number };

export interface RateLimiterOptions {
  /** tokens added per second */
  ratePerSecond: number;
  /** bucket size */
  burst: number;
  maxConcurrent: number;
  now?: () => number;
}

export class RateLimiter {
  private tokens: number;
  private last: number;
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly o: RateLimiterOptions) {
    this.now = o.now ?? Date.now;
    this.tokens = o.burst;
    this.last = this.now();
  }

  get pending(): number {
    return this.queue.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.queue.push(resolve);
      this.pump();
    });
    try {
      return await fn();
    } finally {
      this.running--;
      this.pump();
    }
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.o.burst, this.tokens + ((t - this.last) / 1000) * this.o.ratePerSecond);
    this.last = t;
  }

  private pump(): void {
    this.refill();
    while (this.queue.length && this.running < this.o.maxConcurrent && this.tokens >= 1) {
      this.tokens -= 1;
      this.running++;
      this.queue.shift()!();
    }
    if (this.queue.length && this.running < this.o.maxConcurrent && !this.timer) {
      const wait = Math.max(5, Math.ceil(((1 - this.tokens) / this.o.ratePerSecond) * 1000));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      this.timer.unref?.();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface ImageLookupOptions {
  ttlMs?: number;
  /** errors are kept for a shorter time */
  errorTtlMs?: number;
  limiter?: RateLimiter;
  maxEntries?: number;
  now?: () => number;
}

export type DescribeFn = (repository: string, imageId: { imageTag?: string; imageDigest?: string }, registryId: string) => Promise<ImageInfo>;

export class ImageLookup {
  private readonly cache = new Map<string, LookupResult>();
  private readonly inflight = new Map<string, Promise<LookupResult>>();
  private readonly limiter: RateLimiter;
  private readonly now: () => number;
  /** number of describe calls actually made (for tests and the bench) */
  calls = 0;

  constructor(private readonly describe: DescribeFn, private readonly o: ImageLookupOptions = {}) {
    this.limiter = o.limiter ?? new RateLimiter({ ratePerSecond: 5, burst: 10, maxConcurrent: 3 });
    this.now = o.now ?? Date.now;
  }

  /** A cached result still fresh, without any request. */
  peek(ref: EcrImageRef): LookupResult | undefined {
    const r = this.cache.get(refKey(ref));
    if (!r) return undefined;
    const ttl = r.ok ? this.o.ttlMs ?? 5 * 60_000 : this.o.errorTtlMs ?? 60_000;
    return this.now() - r.at <= ttl ? r : undefined;
  }

  get(ref: EcrImageRef): Promise<LookupResult> {
    const hit = this.peek(ref);
    if (hit) return Promise.resolve(hit);
    const key = refKey(ref);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.limiter
      .run(async () => {
        this.calls++;
        return this.describe(ref.repository, imageIdOf(ref), ref.registryId);
      })
      .then(
        (image): LookupResult => ({ ok: true, image, at: this.now() }),
        (e: unknown): LookupResult => ({
          ok: false,
          error: e instanceof EcrError ? e : new EcrError('other', String((e as Error)?.message ?? e)),
          at: this.now(),
        }),
      )
      .then((r) => {
        this.inflight.delete(key);
        this.cache.set(key, r);
        const max = this.o.maxEntries ?? 2000;
        if (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
        return r;
      });
    this.inflight.set(key, p);
    return p;
  }

  invalidate(ref?: EcrImageRef): void {
    if (ref) this.cache.delete(refKey(ref));
    else this.cache.clear();
  }

  dispose(): void {
    this.limiter.dispose();
    this.cache.clear();
  }
}
