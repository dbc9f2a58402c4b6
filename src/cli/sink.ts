import * as fs from 'fs';

/**
 * Where `bulkhead scan` writes its report: a file, in writes of 64 KiB
 * (one write per finding was 6 % of a large scan), or the caller's `out`
 * as it comes. It takes text and UTF-8 bytes: the workers send their part
 * of the report as bytes, so the main thread of a large scan neither
 * builds nor flattens strings for it (20,000 files: 119 MB of report).
 */
export class ReportSink {
  static readonly SIZE = 1 << 16;
  private buf?: Buffer;
  private used = 0;
  private flushed = 0;

  constructor(
    private readonly fd: number | undefined,
    private readonly out: (s: string) => void,
  ) {
    if (fd !== undefined) this.buf = Buffer.allocUnsafe(ReportSink.SIZE);
  }

  text(s: string): void {
    if (!s) return;
    const buf = this.buf;
    if (!buf) return this.out(s);
    // a UTF-8 byte for each UTF-16 unit but at most three: the bound decides without encoding
    if (this.used + s.length * 3 > buf.length) {
      this.flush();
      if (s.length * 3 > buf.length) return this.whole(Buffer.from(s, 'utf8'));
    }
    this.used += buf.write(s, this.used, 'utf8');
  }

  bytes(b: Uint8Array): void {
    if (b.length === 0) return;
    const buf = this.buf;
    if (!buf) return this.out(Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8'));
    if (this.used + b.length > buf.length) {
      this.flush();
      if (b.length > buf.length) return this.whole(b);
    }
    buf.set(b, this.used);
    this.used += b.length;
  }

  /** Bytes taken so far (for a file: its offset after them). */
  get position(): number {
    return this.flushed + this.used;
  }

  flush(): void {
    if (!this.buf || this.used === 0) return;
    const n = this.used;
    this.used = 0;
    this.whole(this.buf.subarray(0, n));
  }

  private whole(b: Uint8Array): void {
    for (let off = 0; off < b.length; ) off += fs.writeSync(this.fd!, b, off, b.length - off);
    this.flushed += b.length;
  }
}

/**
 * Texts as UTF-8 in one buffer, each a view of it: the buffer goes to the
 * main thread in one transfer, without a copy. It is the first of `spare`
 * that is large enough (taken from it), or a new one.
 */
export function packTexts(texts: string[], spare: ArrayBuffer[] = []): { buffer: ArrayBuffer; views: Uint8Array[] } {
  let total = 0;
  for (const t of texts) total += Buffer.byteLength(t, 'utf8');
  const k = spare.findIndex((b) => b.byteLength >= total);
  // a new one is a buffer of its own (not the shared pool), so it can be transferred
  const buffer = k >= 0 ? spare.splice(k, 1)[0] : (Buffer.allocUnsafeSlow(total).buffer as ArrayBuffer);
  const buf = Buffer.from(buffer);
  const views: Uint8Array[] = [];
  let off = 0;
  for (const t of texts) {
    const n = buf.write(t, off, 'utf8');
    views.push(new Uint8Array(buffer, off, n));
    off += n;
  }
  return { buffer, views };
}
