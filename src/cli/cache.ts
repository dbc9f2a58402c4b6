import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../core';
import type { FileKind } from '../formats/classify';

/**
 * `scan --cache`: the findings of each file, keyed by its path and the hash
 * of its bytes, valid for one Bulkhead version and one effective
 * configuration (the config file's text, the profile). An unchanged file is
 * not analysed again. The cache is one JSON file, written atomically at the
 * end of a run; one that cannot be read is ignored (and rewritten).
 */
export interface CachedFile {
  hash: string;
  kind: FileKind;
  findings: Finding[];
}

interface CacheFile {
  format: 1;
  /** version + configuration the findings hold for */
  key: string;
  files: Record<string, CachedFile>;
}

export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What analysing a file asks of a cache: the findings recorded for these bytes. */
export interface CacheLookup {
  get(relPath: string, hash: string): CachedFile | undefined;
}

/** A lookup over the entries a worker thread was handed with its files (the cache itself stays in the main thread). */
export class HandedCache implements CacheLookup {
  private readonly entries = new Map<string, CachedFile>();
  reset(entries: [string, CachedFile][]): void {
    this.entries.clear();
    for (const [k, v] of entries) this.entries.set(k, v);
  }
  get(relPath: string, hash: string): CachedFile | undefined {
    const c = this.entries.get(relPath);
    return c && c.hash === hash && Array.isArray(c.findings) ? c : undefined;
  }
}

export class ScanCache implements CacheLookup {
  private readonly old: Record<string, CachedFile>;
  private readonly next: Record<string, CachedFile> = {};
  hits = 0;
  misses = 0;
  /** the file held a cache for this version and configuration */
  private readonly loaded: boolean;
  /** why the old cache was not used, when it existed */
  readonly ignored?: string;

  /** `root`: the folder the files' paths are relative to */
  constructor(
    readonly file: string,
    private readonly key: string,
    private readonly root: string,
  ) {
    let old: Record<string, CachedFile> = {};
    let ignored: string | undefined;
    let loaded = false;
    try {
      const raw = fs.readFileSync(file, 'utf8');
      const parsed = JSON.parse(raw) as Partial<CacheFile>;
      if (parsed.format !== 1 || typeof parsed.files !== 'object' || !parsed.files) ignored = 'not a Bulkhead cache';
      else if (parsed.key === key) {
        old = parsed.files;
        loaded = true;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') ignored = code ?? 'unreadable';
    }
    this.old = old;
    this.ignored = ignored;
    this.loaded = loaded;
  }

  /** The findings recorded for this file's bytes, if any. */
  get(relPath: string, hash: string): CachedFile | undefined {
    const c = this.old[relPath];
    if (c && c.hash === hash && Array.isArray(c.findings)) {
      this.hits++;
      return c;
    }
    this.misses++;
    return undefined;
  }

  /** The entry recorded for a path, whatever its hash (to hand to a worker with the file). */
  peek(relPath: string): CachedFile | undefined {
    return Object.prototype.hasOwnProperty.call(this.old, relPath) ? this.old[relPath] : undefined;
  }

  set(relPath: string, entry: CachedFile): void {
    this.next[relPath] = entry;
  }

  /**
   * Writes what this run saw over what the cache held (a run over part of the
   * tree, a shard or changed files, keeps the rest), dropping files that no
   * longer exist.
   */
  save(): void {
    const files: Record<string, CachedFile> = {};
    let dropped = 0;
    for (const [k, v] of Object.entries(this.old)) {
      if (fs.existsSync(path.resolve(this.root, k))) files[k] = v;
      else dropped++;
    }
    // nothing new and nothing gone: the file on disk already says this (a run on an unchanged tree writes nothing)
    if (dropped === 0 && Object.keys(this.next).length === 0 && this.loaded) return;
    Object.assign(files, this.next);
    const body: CacheFile = { format: 1, key: this.key, files };
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(tmp, JSON.stringify(body));
      fs.renameSync(tmp, this.file);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
}
