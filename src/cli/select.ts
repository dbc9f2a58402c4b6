import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';
import { mayHoldNetworkPolicy } from '../formats/k8s/netpol';

/**
 * Which of the walked files a scan analyses: `--shard K/N` (a stable split
 * by path, so that N CI jobs cover a tree exactly once) and
 * `--changed-since REF` (the files git sees changed since a ref).
 */

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N (e.g. 2/4), not "${v}"`);
  return { index, count };
}

/** FNV-1a over the path's UTF-16 code units: the same shard on every machine and run. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Is a file (its path relative to the scan root, with forward slashes) in the
 * shard? By a hash of the path rather than its position in the listing, so a
 * file stays in its shard when others are added or removed.
 */
export function inShard(relPath: string, shard: Shard): boolean {
  return (hash(relPath) % shard.count) + 1 === shard.index;
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new UsageError(`--changed-since needs git: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`);
  if (r.status !== 0) throw new UsageError(`git ${args[0]} failed: ${(r.stderr || '').trim().split('\n')[0] || `exit ${r.status}`}`);
  return r.stdout;
}

/**
 * The absolute paths of the files changed since `ref` in the git repository
 * holding `dir`: committed, staged and unstaged changes, and new files git
 * does not ignore. Deleted files are not listed (there is nothing to scan).
 */
export function changedSince(ref: string, dir: string): Set<string> {
  let cwd = path.resolve(dir);
  try {
    if (!fs.statSync(cwd).isDirectory()) cwd = path.dirname(cwd);
  } catch {
    cwd = path.dirname(cwd);
  }
  const inside = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (inside.error || inside.status !== 0) throw new UsageError(`--changed-since needs a git repository: ${cwd} is not inside one`);
  const top = inside.stdout.trim();
  // a ref that does not name a commit is the user's mistake, said plainly
  const verify = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: top, encoding: 'utf8' });
  if (verify.status !== 0) throw new UsageError(`--changed-since: "${ref}" is not a commit in ${top}`);
  const out = new Set<string>();
  const add = (list: string) => {
    for (const p of list.split('\0')) if (p) out.add(path.join(top, p));
  };
  add(git(top, ['diff', '--name-only', '-z', '--diff-filter=d', ref, '--']));
  add(git(top, ['ls-files', '--others', '--exclude-standard', '-z']));
  return out;
}

/**
 * Did a NetworkPolicy change since `ref` (added, edited or deleted, in any
 * YAML or JSON file)? Then every manifest's findings may change with it.
 */
export function networkPolicyChangedSince(ref: string, dir: string): boolean {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: fs.statSync(dir).isDirectory() ? dir : path.dirname(dir), encoding: 'utf8' }).stdout.trim();
  if (!top) return false;
  const files = git(top, ['diff', '--name-only', '-z', ref, '--']).split('\0').filter((p) => /\.(ya?ml|json)$/i.test(p));
  for (const f of files) {
    const abs = path.join(top, f);
    let now = '';
    try {
      now = fs.readFileSync(abs, 'utf8');
    } catch {
      // deleted: only its old text tells
    }
    if (mayHoldNetworkPolicy(now)) return true;
    const before = spawnSync('git', ['show', `${ref}:${f}`], { cwd: top, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (before.status === 0 && mayHoldNetworkPolicy(before.stdout)) return true;
  }
  return false;
}
