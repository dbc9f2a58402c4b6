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
 * The file is a header line, `bulkhead cache 3 <key>`; then each file's
 * findings as JSON and its part of the report, back to back; then an index,
 * one JSON line per file (see `IndexLine`); and last a line
 * `index <offset> <count>`. A run reads the index only, and each file's
 * findings or report part when it needs them, at their offset: findings to
 * fix or to write another format, a stored report part to copy it as it is.
 * The next cache is written while the files are reported, to a temporary
 * file renamed at the end, with its index last. So a run of any size holds
 * neither the cache nor the findings in memory. One that cannot be read is
 * ignored (and rewritten).
 */
export const CACHE_FORMAT = 3;
const MAGIC = 'bulkhead cache ';
/** what the last line may take at most */
const TRAILER_MAX = 64;

/** What a file's part of the report adds to the summary. `worst`: the rank of its most severe unsuppressed finding, -1 for none. */
export interface ReportCounts {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
  worst: number;
}

/** One file's entry, as `cacheEntries` reads it and `writeCacheEntries` writes it. */
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

/** An index line: relPath, hash, kind, render, error, warning, info, suppressed, worst, offset, findings' bytes, body's bytes. */
type IndexLine = [string, string, FileKind, string, number, number, number, number, number, number, number, number];

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

/** An entry of the cache file read at the start: where its parts lie. */
interface Stored {
  hash: string;
  kind: FileKind;
  render: string;
  counts: ReportCounts;
  at: number;
  findingsLength: number;
  bodyLength: number;
}

/** The header a cache file for `key` starts with. */
function cacheHeader(key: string): string {
  return `${MAGIC}${CACHE_FORMAT} ${key}\n`;
}

/** Reads exactly `length` bytes at `at` (fewer: the file was cut meanwhile). */
function readAt(fd: number, at: number, length: number): Buffer | undefined {
  const b = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, b, got, length - got, at + got);
    if (n === 0) return undefined;
    got += n;
  }
  return b;
}

type ReadIndex = { key: string; entries: Map<string, Stored> } | { error: string } | { other: true };

/**
 * The index of an open cache file, or why it is not one. Entries written
 * for another key (another version or configuration) are not read.
 */
export function readCacheIndex(fd: number, key?: string): ReadIndex {
  const size = fs.fstatSync(fd).size;
  const head = readAt(fd, 0, Math.min(size, 256)) ?? Buffer.alloc(0);
  const nl = head.indexOf(10);
  const header = head.toString('utf8', 0, nl < 0 ? head.length : nl);
  // the first format was one JSON object
  if (header.startsWith('{"format":')) return { other: true };
  const m = /^bulkhead cache (\d+) (\S+)$/.exec(header);
  if (!m) return { error: 'not a Bulkhead cache' };
  if (Number(m[1]) !== CACHE_FORMAT || (key !== undefined && m[2] !== key)) return { other: true };
  const dataAt = nl + 1;
  const tail = readAt(fd, Math.max(dataAt, size - TRAILER_MAX), size - Math.max(dataAt, size - TRAILER_MAX));
  const t = tail && /(?:^|\n)index (\d+) (\d+)\n$/.exec(tail.toString('latin1'));
  if (!t) return { error: 'cut short' };
  const indexAt = Number(t[1]);
  const count = Number(t[2]);
  const indexEnd = size - (t[0].length - (t[0].startsWith('\n') ? 1 : 0));
  if (!(indexAt >= dataAt && indexAt <= indexEnd)) return { error: 'damaged' };
  const index = readAt(fd, indexAt, indexEnd - indexAt);
  if (!index) return { error: 'cut short' };
  const entries = new Map<string, Stored>();
  let at = 0;
  while (at < index.length) {
    const end = index.indexOf(10, at);
    if (end < 0) return { error: 'damaged' };
    let h: unknown;
    try {
      h = JSON.parse(index.toString('utf8', at, end));
    } catch {
      return { error: 'damaged' };
    }
    if (!isIndexLine(h) || h[9] < dataAt || h[9] + h[10] + h[11] > indexAt) return { error: 'damaged' };
    entries.set(h[0], { hash: h[1], kind: h[2], render: h[3], counts: { error: h[4], warning: h[5], info: h[6], suppressed: h[7], worst: h[8] }, at: h[9], findingsLength: h[10], bodyLength: h[11] });
    at = end + 1;
  }
  if (entries.size !== count) return { error: 'damaged' };
  return { key: m[2], entries };
}

function isIndexLine(h: unknown): h is IndexLine {
  if (!Array.isArray(h) || h.length !== 12) return false;
  for (let i = 0; i < 4; i++) if (typeof h[i] !== 'string') return false;
  for (let i = 4; i < 12; i++) if (!Number.isSafeInteger(h[i]) || h[i] < (i === 8 ? -1 : 0)) return false;
  return true;
}

/** A cache file being written: the entries' parts as they come, the index at the end. */
class CacheWriter {
  private readonly sink: ReportSink;
  private readonly index: string[] = [];
  constructor(
    readonly fd: number,
    key: string,
  ) {
    this.sink = new ReportSink(fd, () => undefined);
    this.sink.text(cacheHeader(key));
  }
  /** an entry whose parts are `data`: its findings, then its report part */
  add(relPath: string, e: Omit<CacheEntry, 'relPath' | 'findings' | 'body'>, findingsLength: number, bodyLength: number, ...data: (string | Uint8Array)[]): void {
    const line: IndexLine = [relPath, e.hash, e.kind, e.render, e.counts.error, e.counts.warning, e.counts.info, e.counts.suppressed, e.counts.worst, this.sink.position, findingsLength, bodyLength];
    for (const d of data) {
      if (typeof d === 'string') this.sink.text(d);
      else this.sink.bytes(d);
    }
    this.index.push(JSON.stringify(line));
  }
  entry(e: CacheEntry): void {
    const len = (x: string | Uint8Array) => (typeof x === 'string' ? Buffer.byteLength(x, 'utf8') : x.length);
    this.add(e.relPath, e, len(e.findings), len(e.body), e.findings, e.body);
  }
  finish(): void {
    const at = this.sink.position;
    for (const line of this.index) this.sink.text(line + '\n');
    this.sink.text(`index ${at} ${this.index.length}\n`);
    this.sink.flush();
  }
}

/** The entries of a cache file, whole (for tools and tests; a scan reads what it needs). */
export function cacheEntries(file: string): { key: string; entries: CacheEntry[] } {
  const fd = fs.openSync(file, 'r');
  try {
    const r = readCacheIndex(fd);
    if (!('entries' in r)) throw new Error(`${file}: ${'error' in r ? r.error : 'another format'}`);
    return {
      key: r.key,
      entries: [...r.entries].map(([relPath, s]) => {
        const b = readAt(fd, s.at, s.findingsLength + s.bodyLength)!;
        return { relPath, hash: s.hash, kind: s.kind, render: s.render, counts: s.counts, findings: b.toString('utf8', 0, s.findingsLength), body: b.toString('utf8', s.findingsLength) };
      }),
    };
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a cache file whole (for tools and tests; a scan writes it as it goes). */
export function writeCacheEntries(file: string, key: string, entries: CacheEntry[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    const w = new CacheWriter(fd, key);
    for (const e of entries) w.entry(e);
    w.finish();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * What decides how a file's part of the report is written, besides its
 * findings: a stored part is reused only when this matches.
 */
export function renderKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export class ScanCache implements CacheLookup {
  /** the cache file as it was at the start, open for reading its entries' parts */
  private oldFd?: number;
  private readonly old: Map<string, Stored>;
  /** the file held a cache for this version and configuration */
  private readonly loaded: boolean;
  /** why the old cache was not used, when it existed */
  readonly ignored?: string;
  /** no cache can be kept at this path (a folder) */
  readonly unwritable: boolean = false;
  /** what this run reported */
  private readonly seen = new Set<string>();
  /** entries this run keeps as they were, before the first that changed */
  private kept: string[] = [];
  private out?: { writer: CacheWriter; tmp: string };
  private failed = false;
  /** why this run could not write the cache (the file on disk is as it was) */
  writeError?: string;

  /** `root`: the folder the files' paths are relative to; `render`: this run's `renderKey` */
  constructor(
    readonly file: string,
    private readonly key: string,
    private readonly root: string,
    private readonly render: string,
  ) {
    let old = new Map<string, Stored>();
    let ignored: string | undefined;
    let loaded = false;
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      const r = readCacheIndex(fd, key);
      if ('error' in r) ignored = r.error;
      else if ('entries' in r) {
        old = r.entries;
        loaded = true;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a folder: nothing to read, and nothing can be written in its place
      if (code === 'EISDIR') {
        ignored = 'a folder, not a file';
        this.unwritable = this.failed = true;
      } else if (code !== 'ENOENT') ignored = code ?? 'unreadable';
    }
    if (fd !== undefined && !loaded) fs.closeSync(fd);
    else this.oldFd = fd;
    this.old = old;
    this.ignored = ignored;
    this.loaded = loaded;
  }

  /** The findings recorded for this file's bytes, if any. */
  get(relPath: string, hash: string): CacheHit | undefined {
    const s = this.old.get(relPath);
    return s && s.hash === hash ? { kind: s.kind, findings: () => this.findingsOf(s) } : undefined;
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
    if (!s || s.render !== this.render) return undefined;
    const bytes = this.read(s.at + s.findingsLength, s.bodyLength);
    return bytes && { bytes, counts: s.counts };
  }

  private read(at: number, length: number): Buffer | undefined {
    if (this.oldFd === undefined) return undefined;
    try {
      return readAt(this.oldFd, at, length);
    } catch {
      return undefined;
    }
  }

  private findingsOf(s: Stored): Finding[] {
    try {
      const f = JSON.parse(this.read(s.at, s.findingsLength)?.toString('utf8') ?? '[]') as unknown;
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
    const findings = e.findings ?? (s && this.read(s.at, s.findingsLength));
    if (hash === undefined || findings === undefined) return;
    const w = this.open();
    if (!w) return;
    try {
      w.entry({ relPath, hash, kind: e.kind, render: this.render, counts: e.counts, findings, body: e.body });
    } catch (e) {
      this.abandon(e);
    }
  }

  private copy(relPath: string): void {
    const s = this.old.get(relPath);
    if (!s || !this.out) return;
    const data = this.read(s.at, s.findingsLength + s.bodyLength);
    if (!data) return;
    try {
      this.out.writer.add(relPath, s, s.findingsLength, s.bodyLength, data);
    } catch (e) {
      this.abandon(e);
    }
  }

  /** The next cache file, opened at the first entry that differs from the old one. */
  private open(): CacheWriter | undefined {
    if (this.out || this.failed) return this.out?.writer;
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    try {
      this.out = { writer: new CacheWriter(fs.openSync(tmp, 'w'), this.key), tmp };
      for (const k of this.kept) this.copy(k);
      this.kept = [];
    } catch (e) {
      this.abandon(e);
    }
    return this.out?.writer;
  }

  /** A cache that cannot be written is not written: the scan goes on (`writeError` says why). */
  private abandon(e?: unknown): void {
    if (e !== undefined && !this.failed) this.writeError = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    this.failed = true;
    if (!this.out) return;
    try {
      fs.closeSync(this.out.writer.fd);
    } catch {
      /* closed already */
    }
    fs.rmSync(this.out.tmp, { force: true });
    this.out = undefined;
  }

  private closeOld(): void {
    if (this.oldFd === undefined) return;
    try {
      fs.closeSync(this.oldFd);
    } catch {
      /* closed already */
    }
    this.oldFd = undefined;
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
    if (!this.out && gone.size === 0 && this.loaded) return this.closeOld();
    try {
      const w = this.open();
      if (!w || !this.out) return;
      for (const k of rest) if (!gone.has(k)) this.copy(k);
      w.finish();
      fs.closeSync(w.fd);
      // (closed before the rename, which some systems refuse over an open file)
      this.closeOld();
      fs.renameSync(this.out.tmp, this.file);
      this.out = undefined;
    } catch (e) {
      this.abandon(e);
    } finally {
      this.closeOld();
    }
  }

  /** After save, or after an error: no temporary file or open file left behind. */
  discard(): void {
    this.abandon();
    this.closeOld();
  }
}
