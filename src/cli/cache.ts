import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../core';
import type { FileKind } from '../formats/classify';
import { ReportSink } from './sink';

/**
 * `scan --cache`: the findings of each file, keyed by its path and the hash
 * of its bytes, valid for one Bulkhead version and one effective
 * configuration (the config file's text, the profile). An unchanged file is
 * not analysed again, and its part of the report is not written again
 * either when the run's output is written the same way (format, folders).
 *
 * The file is a header line, `bulkhead cache 2 <key>`, then one entry per
 * file: a JSON line (see `EntryHead`), the findings as JSON and the
 * report's part, each of the length the line gives, and a line break. A run
 * reads it whole into one buffer and indexes the lines: a file's findings
 * are parsed only when they are needed (`--fix`, another output), and its
 * report part is copied as it is. The next cache is written while the files
 * are reported, through a temporary file renamed at the end, so a run of any
 * size holds no findings for it. One that cannot be read is ignored (and
 * rewritten).
 */
export const CACHE_FORMAT = 2;
const MAGIC = 'bulkhead cache ';

/** What a file's part of the report adds to the summary. `worst`: the rank of its most severe unsuppressed finding, -1 for none. */
export interface ReportCounts {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
  worst: number;
}

/** One file's entry, as `entries` reads it and `encodeEntry` writes it. */
export interface CacheEntry {
  relPath: string;
  /** of the file's bytes (and of what else its findings depend on) */
  hash: string;
  kind: FileKind;
  /** how the report part was written (format, folders; see `renderKey`) */
  render: string;
  counts: ReportCounts;
  findings: string | Uint8Array;
  body: string | Uint8Array;
}

/** The entry's line: relPath, hash, kind, render, error, warning, info, suppressed, worst, findings' bytes, body's bytes. */
type EntryHead = [string, string, FileKind, string, number, number, number, number, number, number, number];

export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a cache has for a file's bytes: its kind, and its findings, parsed when asked for. */
export interface CacheHit {
  kind: FileKind;
  findings(): Finding[];
}

/** What analysing a file asks of a cache. */
export interface CacheLookup {
  get(relPath: string, hash: string): CacheHit | undefined;
}

/** An entry as it goes to a worker with its file: the findings only when the worker fixes from them. */
export interface HandedEntry {
  hash: string;
  kind: FileKind;
  findings?: Finding[];
}

/** A lookup over the entries a worker thread was handed with its files (the cache itself stays in the main thread). */
export class HandedCache implements CacheLookup {
  private readonly entries = new Map<string, HandedEntry>();
  reset(entries: [string, HandedEntry][]): void {
    this.entries.clear();
    for (const [k, v] of entries) this.entries.set(k, v);
  }
  get(relPath: string, hash: string): CacheHit | undefined {
    const c = this.entries.get(relPath);
    if (!c || c.hash !== hash) return undefined;
    const findings = c.findings ?? [];
    return { kind: c.kind, findings: () => findings };
  }
}

/** An entry of the cache file read at the start: where its parts lie in the file's bytes. */
interface Stored {
  hash: string;
  kind: FileKind;
  render: string;
  counts: ReportCounts;
  /** the whole entry, line to line break */
  from: number;
  to: number;
  findingsAt: number;
  bodyAt: number;
  bodyEnd: number;
}

export function encodeEntry(e: CacheEntry): { head: string; findings: string | Uint8Array; body: string | Uint8Array } {
  const len = (x: string | Uint8Array) => (typeof x === 'string' ? Buffer.byteLength(x, 'utf8') : x.length);
  const head: EntryHead = [e.relPath, e.hash, e.kind, e.render, e.counts.error, e.counts.warning, e.counts.info, e.counts.suppressed, e.counts.worst, len(e.findings), len(e.body)];
  return { head: JSON.stringify(head) + '\n', findings: e.findings, body: e.body };
}

/** The header a cache file for `key` starts with. */
export function cacheHeader(key: string): string {
  return `${MAGIC}${CACHE_FORMAT} ${key}\n`;
}

/**
 * The entries of a cache file's bytes, or why it is not one. `key`: what the
 * header says (entries of another key are not read: another version or
 * configuration wrote them).
 */
export function readCacheBytes(buf: Buffer): { key: string; entries: Map<string, Stored> } | { error: string } | { other: true } {
  const nl = buf.indexOf(10);
  const header = buf.toString('utf8', 0, nl < 0 ? Math.min(buf.length, 200) : nl);
  // the first format was one JSON object
  if (header.startsWith('{"format":')) return { other: true };
  const m = /^bulkhead cache (\d+) (\S+)$/.exec(header);
  if (!m) return { error: 'not a Bulkhead cache' };
  if (Number(m[1]) !== CACHE_FORMAT) return { other: true };
  const entries = new Map<string, Stored>();
  let at = nl + 1;
  while (at < buf.length) {
    const end = buf.indexOf(10, at);
    if (end < 0) return { error: 'cut short' };
    let h: unknown;
    try {
      h = JSON.parse(buf.toString('utf8', at, end));
    } catch {
      return { error: 'damaged' };
    }
    if (!isHead(h)) return { error: 'damaged' };
    const findingsAt = end + 1;
    const bodyAt = findingsAt + h[9];
    const bodyEnd = bodyAt + h[10];
    if (bodyEnd >= buf.length || buf[bodyEnd] !== 10) return { error: 'cut short' };
    entries.set(h[0], { hash: h[1], kind: h[2], render: h[3], counts: { error: h[4], warning: h[5], info: h[6], suppressed: h[7], worst: h[8] }, from: at, to: bodyEnd + 1, findingsAt, bodyAt, bodyEnd });
    at = bodyEnd + 1;
  }
  return { key: m[2], entries };
}

function isHead(h: unknown): h is EntryHead {
  if (!Array.isArray(h) || h.length !== 11) return false;
  for (let i = 0; i < 4; i++) if (typeof h[i] !== 'string') return false;
  for (let i = 4; i < 11; i++) if (!Number.isSafeInteger(h[i]) || h[i] < (i === 8 ? -1 : 0)) return false;
  return true;
}

/** The entries of a cache file, whole (for tools and tests; a scan reads them as it needs them). */
export function cacheEntries(file: string): { key: string; entries: CacheEntry[] } {
  const buf = fs.readFileSync(file);
  const r = readCacheBytes(buf);
  if (!('entries' in r)) throw new Error(`${file}: ${'error' in r ? r.error : 'another format'}`);
  return {
    key: r.key,
    entries: [...r.entries].map(([relPath, s]) => ({ relPath, hash: s.hash, kind: s.kind, render: s.render, counts: s.counts, findings: buf.toString('utf8', s.findingsAt, s.bodyAt), body: buf.toString('utf8', s.bodyAt, s.bodyEnd) })),
  };
}

/** Writes a cache file whole (for tools and tests; a scan writes it as it goes). */
export function writeCacheEntries(file: string, key: string, entries: CacheEntry[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    const sink = new ReportSink(fd, () => undefined);
    sink.text(cacheHeader(key));
    for (const e of entries) writeEntry(sink, e);
    sink.flush();
  } finally {
    fs.closeSync(fd);
  }
}

function writeEntry(sink: ReportSink, e: CacheEntry): void {
  const x = encodeEntry(e);
  sink.text(x.head);
  for (const part of [x.findings, x.body]) {
    if (typeof part === 'string') sink.text(part);
    else sink.bytes(part);
  }
  sink.text('\n');
}

/**
 * What decides how a file's part of the report is written, besides its
 * findings: a stored part is reused only when this matches.
 */
export function renderKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export class ScanCache implements CacheLookup {
  private readonly buf: Buffer;
  private readonly old: Map<string, Stored>;
  hits = 0;
  misses = 0;
  /** the file held a cache for this version and configuration */
  private readonly loaded: boolean;
  /** why the old cache was not used, when it existed */
  readonly ignored?: string;
  /** what this run reported, in order */
  private readonly seen = new Set<string>();
  /** entries this run keeps as they were, before the first that changed */
  private kept: string[] = [];
  private out?: { fd: number; tmp: string; sink: ReportSink };
  private failed = false;

  /** `root`: the folder the files' paths are relative to; `render`: this run's `renderKey` */
  constructor(
    readonly file: string,
    private readonly key: string,
    private readonly root: string,
    private readonly render: string,
  ) {
    let buf = Buffer.alloc(0);
    let old = new Map<string, Stored>();
    let ignored: string | undefined;
    try {
      buf = fs.readFileSync(file);
      const r = readCacheBytes(buf);
      if ('error' in r) ignored = r.error;
      else if ('entries' in r && r.key === key) old = r.entries;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') ignored = code ?? 'unreadable';
    }
    this.loaded = old.size > 0 || (!ignored && buf.length > 0 && readCacheKey(buf) === key);
    // nothing of another key is kept
    this.buf = old.size ? buf : Buffer.alloc(0);
    this.old = old;
    this.ignored = ignored;
  }

  /** The findings recorded for this file's bytes, if any. */
  get(relPath: string, hash: string): CacheHit | undefined {
    const s = this.old.get(relPath);
    if (s && s.hash === hash) {
      this.hits++;
      return { kind: s.kind, findings: () => this.findingsOf(s) };
    }
    this.misses++;
    return undefined;
  }

  /** Whether a path has an entry, whatever its hash (a file that likely needs no analysis). */
  has(relPath: string): boolean {
    return this.old.has(relPath);
  }

  /** The entry for a path, whatever its hash, as it goes to a worker with the file. */
  handed(relPath: string, withFindings: boolean): HandedEntry | undefined {
    const s = this.old.get(relPath);
    return s && { hash: s.hash, kind: s.kind, ...(withFindings ? { findings: this.findingsOf(s) } : {}) };
  }

  /** The findings of a file the cache answered for. */
  findings(relPath: string): Finding[] {
    const s = this.old.get(relPath);
    return s ? this.findingsOf(s) : [];
  }

  /** The part of the report stored for a file, when it was written as this run writes it. */
  written(relPath: string): { bytes: Uint8Array; counts: ReportCounts } | undefined {
    const s = this.old.get(relPath);
    return s && s.render === this.render ? { bytes: this.buf.subarray(s.bodyAt, s.bodyEnd), counts: s.counts } : undefined;
  }

  private findingsOf(s: Stored): Finding[] {
    try {
      const f = JSON.parse(this.buf.toString('utf8', s.findingsAt, s.bodyAt)) as unknown;
      return Array.isArray(f) ? (f as Finding[]) : [];
    } catch {
      return [];
    }
  }

  /** A file this run answered from the cache with its stored report part: its entry stays as it is. */
  keep(relPath: string): void {
    this.seen.add(relPath);
    if (this.out) this.copy(relPath);
    else this.kept.push(relPath);
  }

  /**
   * A file this run analysed, or wrote its part of the report for another way:
   * its entry (`hash` and `findings` undefined: the stored ones, for a file answered from the cache).
   */
  put(relPath: string, e: { hash?: string; kind: FileKind; counts: ReportCounts; findings?: string | Uint8Array; body: string | Uint8Array }): void {
    this.seen.add(relPath);
    const s = this.old.get(relPath);
    const hash = e.hash ?? s?.hash;
    const findings = e.findings ?? (s ? this.buf.subarray(s.findingsAt, s.bodyAt) : undefined);
    if (hash === undefined || findings === undefined) return;
    const sink = this.open();
    if (!sink) return;
    try {
      writeEntry(sink, { relPath, hash, kind: e.kind, render: this.render, counts: e.counts, findings, body: e.body });
    } catch {
      this.abandon();
    }
  }

  private copy(relPath: string): void {
    const s = this.old.get(relPath);
    if (!s || !this.out) return;
    try {
      this.out.sink.bytes(this.buf.subarray(s.from, s.to));
    } catch {
      this.abandon();
    }
  }

  /** The next cache file, opened at the first entry that differs from the old one. */
  private open(): ReportSink | undefined {
    if (this.out || this.failed) return this.out?.sink;
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    try {
      const fd = fs.openSync(tmp, 'w');
      this.out = { fd, tmp, sink: new ReportSink(fd, () => undefined) };
      this.out.sink.text(cacheHeader(this.key));
      for (const k of this.kept) this.copy(k);
      this.kept = [];
    } catch {
      this.abandon();
    }
    return this.out?.sink;
  }

  /** A cache that cannot be written is not written: the scan goes on. */
  private abandon(): void {
    this.failed = true;
    if (!this.out) return;
    try {
      fs.closeSync(this.out.fd);
    } catch {
      /* gone already */
    }
    fs.rmSync(this.out.tmp, { force: true });
    this.out = undefined;
  }

  /**
   * Writes what this run saw over what the cache held (a run over part of the
   * tree, a shard or changed files, keeps the rest), dropping files that no
   * longer exist.
   */
  save(): void {
    const rest = [...this.old.keys()].filter((k) => !this.seen.has(k));
    const gone = new Set(rest.filter((k) => !fs.existsSync(path.resolve(this.root, k))));
    // nothing new and nothing gone: the file on disk already says this (a run on an unchanged tree writes nothing)
    if (!this.out && gone.size === 0 && this.loaded) return;
    try {
      const sink = this.open();
      if (!sink || !this.out) return;
      for (const k of rest) if (!gone.has(k)) this.copy(k);
      sink.flush();
      fs.closeSync(this.out.fd);
      fs.renameSync(this.out.tmp, this.file);
      this.out = undefined;
    } catch {
      this.abandon();
    }
  }

  /** A run that stopped early leaves no temporary file behind. */
  discard(): void {
    this.abandon();
  }
}

function readCacheKey(buf: Buffer): string | undefined {
  const nl = buf.indexOf(10);
  return /^bulkhead cache \d+ (\S+)$/.exec(buf.toString('utf8', 0, nl < 0 ? 0 : nl))?.[1];
}
