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

export class ScanCache {
  private readonly old: Record<string, CachedFile>;
  private readonly next: Record<string, CachedFile> = {};
  hits = 0;
  misses = 0;
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
    try {
      const raw = fs.readFileSync(file, 'utf8');
      const parsed = JSON.parse(raw) as Partial<CacheFile>;
      if (parsed.format !== 1 || typeof parsed.files !== 'object' || !parsed.files) ignored = 'not a Bulkhead cache';
      else if (parsed.key === key) old = parsed.files;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') ignored = code ?? 'unreadable';
    }
    this.old = old;
    this.ignored = ignored;
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
    for (const [k, v] of Object.entries(this.old)) if (fs.existsSync(path.resolve(this.root, k))) files[k] = v;
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
