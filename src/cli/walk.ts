import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';
import { classify, isDockerfileName, isTerraformModuleFile, TERRAFORM_MODULE_LIMITS } from '../formats/classify';
import { isContextFileName } from '../formats/kustomize/context';
import { readRegularText } from './files';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'cdk.out', '.terraform', '.vscode-test']);
const CANDIDATE = /\.(ya?ml|json|jsonc|template|cfn|ts|tsx|mts|cts|tf|tpl|tftpl)$/i;

/** Could this file be one Bulkhead reads (by name)? Content decides later. */
export function isCandidate(name: string): boolean {
  return isDockerfileName(name) || (CANDIDATE.test(name) && !name.endsWith('.d.ts'));
}

interface Layer {
  dir: string;
  ig: Ignore;
}

/**
 * Walks paths depth-first in a stable order, honouring .gitignore files on the
 * way (each applies below its own folder) and skipping dependency and VCS
 * folders. Files named explicitly are always yielded.
 */
export function* walk(paths: string[], isIgnored: (abs: string) => boolean): Generator<string> {
  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new Error(`${p}: no such file or directory`);
    }
    // a path named on the command line is read even when it is not a regular
    // file (a FIFO, a device), so that the reader reports why it is skipped
    if (st.isDirectory()) yield* walkDir(abs, gitignoreLayers(abs), isIgnored);
    else yield abs;
  }
}

/** The .gitignore files of the folders above `dir`, up to the repository root. */
function gitignoreLayers(dir: string): Layer[] {
  const layers: Layer[] = [];
  let cur = path.dirname(dir);
  for (let i = 0; i < 40; i++) {
    const l = readGitignore(cur);
    if (l) layers.unshift(l);
    if (fs.existsSync(path.join(cur, '.git'))) break;
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return layers;
}

function readGitignore(dir: string): Layer | undefined {
  try {
    const text = readRegularText(path.join(dir, '.gitignore'), 1024 * 1024);
    return { dir, ig: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function ignoredByGit(abs: string, isDir: boolean, layers: Layer[]): boolean {
  for (const l of layers) {
    let rel = path.relative(l.dir, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (isDir) rel += '/';
    if (l.ig.ignores(rel)) return true;
  }
  return false;
}

/** A folder's entries in a stable order (none when it cannot be read). */
function sortedEntries(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function* walkDir(dir: string, layers: Layer[], isIgnored: (abs: string) => boolean): Generator<string> {
  const own = readGitignore(dir);
  const here = own ? [...layers, own] : layers;
  for (const e of sortedEntries(dir)) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || ignoredByGit(abs, true, here) || isIgnored(abs)) continue;
      yield* walkDir(abs, here, isIgnored);
    } else if (e.isFile() && isCandidate(e.name)) {
      if (ignoredByGit(abs, false, here) || isIgnored(abs)) continue;
      yield abs;
    }
  }
}

/**
 * The kustomizations and skaffold configs that can deploy manifests under
 * `paths`, and the manifests beside them (which may hold NetworkPolicies): found from the top of each path's git repository (an overlay
 * elsewhere in the repository may use a base scanned here), or from the path
 * itself outside one. At most `limit` folders are read.
 */
export function findContextFiles(paths: string[], limit = 100_000): { contextFiles: string[]; manifests: string[] } {
  const roots: string[] = [];
  for (const p of paths) {
    let abs = path.resolve(p);
    try {
      if (!fs.statSync(abs).isDirectory()) abs = path.dirname(abs);
    } catch {
      continue;
    }
    roots.push(repositoryTop(abs) ?? abs);
  }
  const unique = [...new Set(roots)].sort().filter((r, i, all) => !all.slice(0, i).some((o) => r.startsWith(o + path.sep)));
  const contextFiles: string[] = [];
  const manifests: string[] = [];
  let budget = limit;
  const visit = (dir: string) => {
    if (budget-- <= 0) return;
    for (const e of sortedEntries(dir)) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(path.join(dir, e.name));
      } else if (e.isFile() && isContextFileName(e.name)) contextFiles.push(path.join(dir, e.name));
      else if (e.isFile() && MANIFEST.test(e.name)) manifests.push(path.join(dir, e.name));
    }
  };
  unique.forEach(visit);
  return { contextFiles, manifests };
}

/** Files that may hold Kubernetes manifests (a NetworkPolicy, for the tree's index). */
const MANIFEST = /\.(ya?ml|json)$/i;

function repositoryTop(dir: string): string | undefined {
  let cur = dir;
  for (let i = 0; i < 40; i++) {
    if (fs.existsSync(path.join(cur, '.git'))) return cur;
    const up = path.dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
  return undefined;
}

/** The files of a Terraform module (a folder) that give values: `*.tf`, `terraform.tfvars`, `*.auto.tfvars`, in name order. */
export function terraformModuleFiles(dir: string, maxBytes = TERRAFORM_MODULE_LIMITS.bytes, limit = TERRAFORM_MODULE_LIMITS.files): { path: string; text: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(isTerraformModuleFile).sort();
  } catch {
    return [];
  }
  const out: { path: string; text: string }[] = [];
  for (const n of names.slice(0, limit)) {
    try {
      out.push({ path: path.join(dir, n), text: readRegularText(path.join(dir, n), maxBytes) });
    } catch {
      // unreadable, too large or not a regular file: its values stay unknown
    }
  }
  return out;
}

export { classify };
