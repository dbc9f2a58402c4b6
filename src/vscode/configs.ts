import * as vscode from 'vscode';
import { BulkheadConfig, CONFIG_LIMITS, ConfigProblem, Profile, ResolvedConfig, RuleSetting, emptyConfig, globMatcher, parseConfig } from '../core';
import type { ManifestContext } from '../model/deployment';
import type { ManifestContextIndex } from '../formats/kustomize/context';
import { loadEngine } from './engine';
import { isTerraformModuleFile, isTerraformPath, mayHoldNetworkPolicy, mayHoldWorkload, TERRAFORM_MODULE_LIMITS } from '../formats/classify';

/** kustomizations and skaffold configs: how the workspace's manifests are deployed */
const CONTEXT_GLOB = '**/{kustomization.yaml,kustomization.yml,Kustomization,skaffold.yaml,skaffold.yml}';
const CONTEXT_FILE_MAX_BYTES = 1024 * 1024;
/** Manifests that may hold NetworkPolicies, and how many of them are read. */
const MANIFEST_GLOB = '**/*.{yaml,yml,json}';
const NETWORK_POLICY_SCAN_LIMIT = 5_000;

export const CONFIG_FILE = '.bulkhead.yaml';

/** The `bulkhead.*` settings that shape analysis of one resource. */
export interface Settings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  exclude: string[];
  maxFileSizeKb: number;
  profile: Profile;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('bulkhead', scope);
  const rules: Record<string, RuleSetting> = {};
  const raw = c.get<Record<string, unknown>>('rules') ?? {};
  for (const [id, v] of Object.entries(raw)) {
    const s = typeof v === 'string' ? v.toLowerCase() : v === false ? 'off' : undefined;
    if (s === 'error' || s === 'warning' || s === 'info' || s === 'off') rules[id] = s;
  }
  // workspace settings come with the repository: the same limits as .bulkhead.yaml
  const exclude = (c.get<unknown[]>('exclude') ?? [])
    .filter((g): g is string => typeof g === 'string' && g.length <= CONFIG_LIMITS.globLength)
    .slice(0, CONFIG_LIMITS.globs);
  const max = c.get<number>('maxFileSizeKb');
  const profile = c.get<string>('profile');
  return {
    enable: c.get<boolean>('enable') ?? true,
    rules,
    exclude,
    maxFileSizeKb: typeof max === 'number' && max > 0 ? Math.min(max, CONFIG_LIMITS.maxFileSizeKb) : 4096,
    profile: profile === 'strict' ? 'strict' : 'recommended',
  };
}

/** A `.bulkhead.yaml` read from disk. */
export interface ConfigFile {
  uri: vscode.Uri;
  /** the folder it governs (relative paths are taken from here) */
  dir: vscode.Uri;
  config: BulkheadConfig;
  problems: ConfigProblem[];
  text: string;
}

/** Everything analysis of one document needs from configuration. */
export interface EffectiveConfig {
  settings: Settings;
  resolved: ResolvedConfig;
  file?: ConfigFile;
  /** the path relative to the config file's folder (or the workspace folder), forward slashes */
  relPath: string;
  /** excluded by `bulkhead.exclude` or `.bulkhead.yaml` `ignore` */
  excluded: boolean;
  maxBytes: number;
  /** `.bulkhead.yaml` `profile`, else the `bulkhead.profile` setting */
  profile: Profile;
  /** how the workspace's kustomizations and skaffold configs deploy the document (manifests) */
  context?: ManifestContext;
  /** a Terraform file's module: the other files of its folder (variables, locals, tfvars) */
  module?: { files: { path: string; text: string }[] };
}

function relative(from: vscode.Uri, to: vscode.Uri): string | undefined {
  const a = from.path.endsWith('/') ? from.path : from.path + '/';
  if (from.scheme !== to.scheme || from.authority !== to.authority || !to.path.startsWith(a)) return undefined;
  return to.path.slice(a.length);
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/**
 * Finds and caches `.bulkhead.yaml` files: the nearest one in an ancestor
 * folder of a document, up to its workspace folder's root. A file system
 * watcher drops the cache when one is created, changed or deleted.
 */
export class ConfigStore implements vscode.Disposable {
  /** folder uri -> the config file in it, or null when it has none */
  private readonly byDir = new Map<string, Promise<ConfigFile | null>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** fires when a config file changed (its uri) or the settings did (undefined) */
  readonly onDidChange = this.changed.event;
  /** bumped on every change: part of the analysis cache key */
  generation = 0;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const drop = (uri: vscode.Uri) => this.invalidate(uri);
    const contextWatcher = vscode.workspace.createFileSystemWatcher(CONTEXT_GLOB);
    const dropContexts = () => this.invalidateContexts();
    const moduleWatcher = vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars}');
    // a manifest that holds (or held) a NetworkPolicy changes what every workload is checked against
    const manifestWatcher = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    const dropPolicies = async (uri: vscode.Uri) => {
      if (this.contextFiles.has(uri.fsPath)) return this.invalidateContexts();
      try {
        if (mayHoldNetworkPolicy(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)))) this.invalidateContexts();
      } catch {
        // gone or unreadable: it held no policy the index knew
      }
    };
    const dropModule = (uri: vscode.Uri) => {
      if (this.modules.delete(parentOf(uri).toString())) {
        this.generation++;
        this.changed.fire(undefined);
      }
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(drop),
      watcher.onDidChange(drop),
      watcher.onDidDelete(drop),
      moduleWatcher,
      moduleWatcher.onDidCreate(dropModule),
      moduleWatcher.onDidChange(dropModule),
      moduleWatcher.onDidDelete(dropModule),
      contextWatcher,
      contextWatcher.onDidCreate(dropContexts),
      contextWatcher.onDidChange(dropContexts),
      contextWatcher.onDidDelete(dropContexts),
      manifestWatcher,
      manifestWatcher.onDidCreate(dropPolicies),
      manifestWatcher.onDidChange(dropPolicies),
      manifestWatcher.onDidDelete(dropPolicies),
      // saves inside the editor are seen at once, whatever the watcher does
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isConfigFile(d.uri)) this.invalidate(d.uri);
        else if (this.contextFiles.has(d.uri.fsPath) || loadEngine().isContextFileName(d.uri.path.slice(d.uri.path.lastIndexOf('/') + 1))) this.invalidateContexts();
        else if (/\.(ya?ml|json)$/i.test(d.uri.path) && mayHoldNetworkPolicy(d.getText())) this.invalidateContexts();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('bulkhead')) {
          this.generation++;
          this.changed.fire(undefined);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.byDir.clear();
        this.generation++;
        this.changed.fire(undefined);
      }),
      this.changed,
    );
  }

  /** the index of kustomizations and skaffold configs, built on first use */
  private contextIndex?: Promise<ManifestContextIndex>;
  /** every file it read (kustomizations, skaffold configs, patches): saving one rebuilds it */
  private contextFiles = new Set<string>();

  /** a folder → its Terraform files' texts (read once, dropped when one changes on disk) */
  private readonly modules = new Map<string, Promise<{ path: string; text: string }[]>>();

  /** The files of a Terraform file's folder that give values: `*.tf`, `terraform.tfvars`, `*.auto.tfvars`. */
  private moduleFiles(dir: vscode.Uri): Promise<{ path: string; text: string }[]> {
    const key = dir.toString();
    let p = this.modules.get(key);
    if (!p) {
      p = (async () => {
        const out: { path: string; text: string }[] = [];
        let entries: [string, vscode.FileType][];
        try {
          entries = await vscode.workspace.fs.readDirectory(dir);
        } catch {
          return out;
        }
        const names = entries
          .filter(([n, t]) => t & vscode.FileType.File && isTerraformModuleFile(n))
          .map(([n]) => n)
          .sort()
          .slice(0, TERRAFORM_MODULE_LIMITS.files);
        for (const n of names) {
          const uri = vscode.Uri.joinPath(dir, n);
          try {
            const st = await vscode.workspace.fs.stat(uri);
            if (st.size > TERRAFORM_MODULE_LIMITS.bytes) continue;
            out.push({ path: uri.fsPath, text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) });
          } catch {
            // unreadable: its values stay unknown
          }
        }
        return out;
      })();
      this.modules.set(key, p);
    }
    return p;
  }

  invalidateContexts(): void {
    this.contextIndex = undefined;
    this.generation++;
    this.changed.fire(undefined);
  }

  /** How the workspace deploys a file, as `bulkhead scan` reads it: from the files on disk. */
  private contexts(): Promise<ManifestContextIndex> {
    return (this.contextIndex ??= (async () => {
      const { ManifestContextIndex } = loadEngine();
      const texts = new Map<string, string>();
      const read = async (uri: vscode.Uri): Promise<string | undefined> => {
        try {
          const st = await vscode.workspace.fs.stat(uri);
          if (!(st.type & vscode.FileType.File) || st.size > CONTEXT_FILE_MAX_BYTES) return undefined;
          return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          return undefined;
        }
      };
      const uris = await vscode.workspace.findFiles(CONTEXT_GLOB, '**/{node_modules,.git}/**', 10_000);
      for (const u of uris) {
        if (u.scheme !== 'file') continue;
        const t = await read(u);
        if (t !== undefined) texts.set(u.fsPath, t);
      }
      // the patch files the kustomizations name are read too (asynchronously, before the index is built)
      const patches = new Map<string, string>();
      for (const f of new ManifestContextIndex(texts).patchFiles) {
        const t = await read(vscode.Uri.file(f));
        if (t !== undefined) patches.set(f, t);
      }
      // the workspace's NetworkPolicies: every workload is checked against them
      const policies = new Map<string, string>();
      const workloads = new Map<string, string>();
      for (const u of await vscode.workspace.findFiles(MANIFEST_GLOB, '**/{node_modules,.git,cdk.out,.terraform}/**', NETWORK_POLICY_SCAN_LIMIT)) {
        if (u.scheme !== 'file' || texts.has(u.fsPath)) continue;
        const t = await read(u);
        if (t === undefined) continue;
        if (mayHoldNetworkPolicy(t)) policies.set(u.fsPath, t);
        // which pods a policy may select: kept only while the workspace has policies
        if (mayHoldWorkload(t)) workloads.set(u.fsPath, t);
      }
      this.contextFiles = new Set([...texts.keys(), ...patches.keys(), ...policies.keys()]);
      return new ManifestContextIndex(texts, (f) => patches.get(f), policies, policies.size ? () => workloads : undefined);
    })());
  }

  invalidate(uri: vscode.Uri): void {
    this.byDir.delete(parentOf(uri).toString());
    this.generation++;
    this.changed.fire(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private readDir(dir: vscode.Uri): Promise<ConfigFile | null> {
    const key = dir.toString();
    let p = this.byDir.get(key);
    if (!p) {
      const uri = vscode.Uri.joinPath(dir, CONFIG_FILE);
      p = (async (): Promise<ConfigFile | null> => {
        let st: vscode.FileStat;
        try {
          st = await vscode.workspace.fs.stat(uri);
        } catch {
          return null;
        }
        // a FIFO or a device named .bulkhead.yaml would block the read forever; a huge file is refused unread
        if (!(st.type & vscode.FileType.File)) return { uri, dir, config: emptyConfig(), problems: [{ message: 'not a regular file: it is not read' }], text: '' };
        if (st.size > CONFIG_LIMITS.textLength) return { uri, dir, config: emptyConfig(), problems: [{ message: `the file is ${(st.size / 1048576).toFixed(1)} MB, over the limit of ${CONFIG_LIMITS.textLength / 1048576} MB; it is not used` }], text: '' };
        try {
          const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
          const { config, problems } = parseConfig(text);
          return { uri, dir, config, problems, text };
        } catch {
          return null;
        }
      })();
      this.byDir.set(key, p);
    }
    return p;
  }

  /** The nearest `.bulkhead.yaml` governing a document, if any. */
  async configFileFor(uri: vscode.Uri): Promise<ConfigFile | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    let dir = parentOf(uri);
    for (let i = 0; i < 64; i++) {
      const f = await this.readDir(dir);
      if (f) return f;
      if (relative(folder.uri, dir) === undefined) break; // reached (or left) the folder root
      const up = parentOf(dir);
      if (up.toString() === dir.toString()) break;
      dir = up;
    }
    return undefined;
  }

  /** Every config file found so far (for reporting their problems). */
  async knownFiles(): Promise<ConfigFile[]> {
    const all = await Promise.all([...this.byDir.values()]);
    return all.filter((f): f is ConfigFile => !!f);
  }

  async effective(uri: vscode.Uri): Promise<EffectiveConfig> {
    const settings = readSettings(uri);
    const file = await this.configFileFor(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const base = file?.dir ?? folder?.uri;
    const relPath = (base && relative(base, uri)) ?? uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const resolved = new ResolvedConfig(file?.config, settings.rules, []);
    // settings' excludes are relative to the workspace folder, the file's ignores to its folder
    const folderRel = folder ? relative(folder.uri, uri) : undefined;
    const excluded = resolved.isIgnored(relPath) || (folderRel !== undefined && globMatcher(settings.exclude)(folderRel));
    const maxBytes = (file?.config.maxFileSizeKb ?? settings.maxFileSizeKb) * 1024;
    const context = uri.scheme === 'file' && /\.(ya?ml|json)$/i.test(uri.path) ? (await this.contexts()).contextFor(uri.fsPath) : undefined;
    let module: { files: { path: string; text: string }[] } | undefined;
    if (isTerraformPath(uri.path)) module = { files: (await this.moduleFiles(parentOf(uri))).filter((f) => f.path !== uri.fsPath) };
    else if (uri.scheme === 'file' && /\.(json|tpl|tftpl)$/i.test(uri.path)) {
      // a task definition of this folder or the two above may read it as its container definitions
      const dirs = [parentOf(uri), parentOf(parentOf(uri)), parentOf(parentOf(parentOf(uri)))];
      const tf = (await Promise.all([...new Map(dirs.map((d) => [d.toString(), d])).values()].map((d) => this.moduleFiles(d)))).flat().filter((f) => /\.tf$/i.test(f.path));
      // a plan (`terraform show -json`) points at the blocks of its folder that configure what it changes
      if (tf.some((f) => f.text.includes('container_definitions')) || (/\.json$/i.test(uri.path) && tf.length)) module = { files: tf };
    }
    return { settings, resolved, file, relPath, excluded, maxBytes, profile: file?.config.profile ?? settings.profile, context, module };
  }
}

export function isConfigFile(uri: vscode.Uri): boolean {
  return uri.path.endsWith('/' + CONFIG_FILE);
}

/** A glob naming exactly one path for `.bulkhead.yaml` (anchored; special characters escaped). */
export function exactGlob(relPath: string): string {
  return '/' + relPath.replace(/[*?[\]{}()!\\]/g, (c) => '\\' + c);
}
