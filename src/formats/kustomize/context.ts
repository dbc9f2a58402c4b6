import * as path from 'path';
import picomatch from 'picomatch';
import { splitImageRef } from '../../core/imageRef';
import { POD_SPEC_PATHS } from '../k8s/parse';
import { asMap, asSeq, get, keyText, parseYamlDocs, readString, isScalar, YAMLMap } from '../yaml/doc';
import type { Build, ImageRewrite, ManifestContext, NetworkPolicySummary, PatchEffect, WorkloadSummary } from '../../model/deployment';
import { networkPoliciesIn, workloadsIn } from '../k8s/netpol';

export type { Build, ImageRewrite, ManifestContext, PatchEffect } from '../../model/deployment';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKAFFOLD_NAMES = ['skaffold.yaml', 'skaffold.yml'];

/** Is this the name of a file that says how manifests are deployed (a kustomization, a skaffold config)? */
export function isContextFileName(name: string): boolean {
  return KUSTOMIZATION_NAMES.includes(name) || SKAFFOLD_NAMES.includes(name);
}

/** At most this many builds are followed for one file (components shared by many overlays). */
const MAX_BUILDS = 64;
const MAX_DEPTH = 16;

interface Kustomization {
  file: string;
  dir: string;
  /** files listed as resources */
  files: string[];
  /** folders listed as resources, bases or components */
  dirs: string[];
  /** the components' folders (their transformations apply to this kustomization's output) */
  components: string[];
  images: ImageRewrite[];
  namespace?: string;
  patches: PatchEffect[];
  patchFiles: string[];
}

interface Skaffold {
  file: string;
  dir: string;
  images: ImageRewrite[];
  /** raw manifests it deploys, as globs relative to its folder */
  rawYaml: ((rel: string) => boolean) | undefined;
  /** kustomization folders it deploys */
  kustomizeDirs: string[];
}

/**
 * The kustomizations and skaffold configs of a tree, and what they do to
 * each manifest they deploy. Built from the files' texts (the CLI reads them
 * from disk, the editor from the workspace); pure otherwise.
 */
export class ManifestContextIndex {
  private readonly kustomizations = new Map<string, Kustomization>();
  private readonly skaffolds: Skaffold[] = [];
  /** a file → the kustomizations listing it as a resource */
  private readonly byFile = new Map<string, Kustomization[]>();
  /** a folder → the kustomizations listing it (overlays, components' users) */
  private readonly byDir = new Map<string, Kustomization[]>();
  /** the patch files the kustomizations name */
  readonly patchFiles = new Set<string>();
  private readonly memo = new Map<string, ManifestContext | undefined>();
  private readonly builds = new Map<string, Build[]>();
  private readonly inProgress = new Set<string>();

  /** the NetworkPolicies of the tree (built on first use: their namespaces depend on the kustomizations) */
  private policies?: NetworkPolicySummary[];
  private workloadList?: WorkloadSummary[];

  /**
   * `files`: absolute path → text, for every kustomization and skaffold
   * config found; `read`: the text of a patch file they name (undefined when
   * it cannot be read: then the patch may change anything in its target);
   * `manifests`: the tree's manifests that hold NetworkPolicies;
   * `workloadSource`: every manifest of the tree (path, text), read only
   * when a file that holds a NetworkPolicy asks which pods it may select
   */
  constructor(
    files: Map<string, string>,
    private readonly read: (file: string) => string | undefined = () => undefined,
    private readonly manifests: Map<string, string> = new Map(),
    private readonly workloadSource?: () => Iterable<[string, string]>,
  ) {
    for (const [file, text] of files) {
      const name = path.basename(file);
      try {
        if (KUSTOMIZATION_NAMES.includes(name)) this.addKustomization(file, text);
        else if (SKAFFOLD_NAMES.includes(name)) this.addSkaffold(file, text);
      } catch {
        // an unreadable file gives no context: its manifests are analysed as written
      }
    }
    for (const k of this.kustomizations.values()) {
      for (const f of k.files) push(this.byFile, f, k);
      for (const d of k.dirs) push(this.byDir, d, k);
      for (const p of k.patchFiles) this.patchFiles.add(p);
    }
  }

  get size(): number {
    return this.kustomizations.size + this.skaffolds.length;
  }

  /** How a manifest is deployed, or undefined when nothing in the tree deploys it and the tree has no NetworkPolicy. */
  contextFor(file: string): ManifestContext | undefined {
    const abs = path.resolve(file);
    if (this.memo.has(abs)) return this.memo.get(abs);
    const builds = this.buildsFor(abs);
    const patch = this.patchFiles.has(abs);
    const policies = this.networkPolicies();
    // the tree's workloads only for a file that holds policies (the only one that asks)
    const workloads = policies.some((p) => p.file === abs) ? this.workloads() : undefined;
    const ctx: ManifestContext | undefined =
      builds.length || patch || policies.length
        ? {
            builds: builds.slice(0, MAX_BUILDS).map((b) => ({ ...b, via: b.via.map((v) => relName(abs, v)) })),
            patch: patch || undefined,
            networkPolicies: policies.length ? policies : undefined,
            workloads,
          }
        : undefined;
    this.memo.set(abs, ctx);
    return ctx;
  }

  /** The NetworkPolicies of the tree, each in the namespaces the builds that deploy it give it. */
  networkPolicies(): NetworkPolicySummary[] {
    if (!this.policies) {
      this.policies = [];
      for (const [file, text] of this.manifests) {
        try {
          this.policies.push(...networkPoliciesIn(text, file, this.buildsFor(file).map((b) => b.namespace)));
        } catch {
          // an unreadable manifest holds no policy Bulkhead can see
        }
      }
    }
    return this.policies;
  }

  /** The pod-bearing workloads of the tree, in the namespaces their builds give them (read on first use). */
  workloads(): WorkloadSummary[] {
    if (!this.workloadList) {
      this.workloadList = [];
      for (const [file, text] of this.workloadSource?.() ?? []) {
        try {
          this.workloadList.push(...workloadsIn(text, file, this.buildsFor(file).map((b) => b.namespace)));
        } catch {
          // an unreadable manifest: its pods may be anything
          this.workloadList.push({ name: file, namespace: '*', labels: 'unknown', file });
        }
      }
    }
    return this.workloadList;
  }

  /** The manifests that hold NetworkPolicies (a change to one changes what every manifest is checked against). */
  get networkPolicyFiles(): string[] {
    return [...new Set(this.networkPolicies().map((p) => p.file))];
  }

  private buildsFor(abs: string): Build[] {
    const builds: Build[] = [];
    for (const k of this.byFile.get(abs) ?? []) builds.push(...this.buildsOf(k, 0));
    for (const s of this.skaffolds) {
      if (s.rawYaml?.(path.relative(s.dir, abs).split(path.sep).join('/'))) builds.push({ via: [s.file], images: s.images, patches: [] });
    }
    return builds;
  }

  /** Every file whose context depends on a context file (to re-analyse them when it changes). */
  dependents(contextFile: string): string[] {
    const abs = path.resolve(contextFile);
    const out = new Set<string>();
    const seen = new Set<string>();
    const visitDir = (dir: string, depth: number) => {
      const k = this.kustomizationIn(dir);
      if (!k || seen.has(k.file) || depth > MAX_DEPTH) return;
      seen.add(k.file);
      k.files.forEach((f) => out.add(f));
      k.patchFiles.forEach((f) => out.add(f));
      k.dirs.forEach((d) => visitDir(d, depth + 1));
    };
    visitDir(path.dirname(abs), 0);
    const s = this.skaffolds.find((x) => x.file === abs);
    if (s) s.kustomizeDirs.forEach((d) => visitDir(d, 0));
    return [...out];
  }

  private kustomizationIn(dir: string): Kustomization | undefined {
    for (const n of KUSTOMIZATION_NAMES) {
      const k = this.kustomizations.get(path.join(dir, n));
      if (k) return k;
    }
    return undefined;
  }

  /** The builds a kustomization's output goes into: itself when nothing uses it, else each user's. */
  private buildsOf(k: Kustomization, depth: number): Build[] {
    const own: Build = { via: [k.file], images: [...k.images], namespace: k.namespace, patches: [...k.patches] };
    // a component's transformations apply to the kustomization that lists it
    for (const c of k.components) {
      const comp = this.kustomizationIn(c);
      if (comp) {
        own.images.unshift(...comp.images);
        own.patches.push(...comp.patches);
      }
    }
    const done = this.builds.get(k.file);
    if (done) return done;
    // a kustomization that uses itself through others (kustomize rejects it) ends the chain there
    if (depth > MAX_DEPTH || this.inProgress.has(k.file)) return [own];
    this.inProgress.add(k.file);
    const out: Build[] = [];
    users: for (const user of this.byDir.get(k.dir) ?? []) {
      if (user === k) continue;
      // a component is not a build of its own: its files go into its user's
      for (const b of this.buildsOf(user, depth + 1)) {
        out.push({ via: [...own.via, ...b.via], images: [...own.images, ...b.images], namespace: b.namespace ?? own.namespace, patches: [...own.patches, ...b.patches] });
        if (out.length >= MAX_BUILDS) break users;
      }
    }
    for (const s of this.skaffolds) {
      if (s.kustomizeDirs.includes(k.dir) && out.length < MAX_BUILDS) out.push({ via: [...own.via, s.file], images: [...own.images, ...s.images], namespace: own.namespace, patches: own.patches });
    }
    this.inProgress.delete(k.file);
    const result = out.length ? out : [own];
    this.builds.set(k.file, result);
    return result;
  }

  private addKustomization(file: string, text: string): void {
    const root = firstMap(text);
    if (!root) return;
    const kind = readString(get(root, 'kind'));
    if (kind?.known && kind.value !== 'Kustomization' && kind.value !== 'Component') return;
    const dir = path.dirname(file);
    const k: Kustomization = { file, dir, files: [], dirs: [], components: [], images: [], patches: [], patchFiles: [] };
    const local = (s: string): string | undefined => (/^[a-z][a-z0-9+.-]*:\/\/|^(github\.com|gitlab\.com|bitbucket\.org)\/|\?ref=|^git@/i.test(s) ? undefined : path.resolve(dir, s));
    for (const key of ['resources', 'bases', 'components']) {
      for (const s of strings(get(root, key))) {
        const p = local(s);
        if (!p) continue;
        // a folder holds a kustomization; a resource with a YAML or JSON name is a file
        if (key !== 'resources' || !/\.(ya?ml|json)$/i.test(p)) {
          k.dirs.push(p);
          if (key === 'components') k.components.push(p);
        } else k.files.push(p);
      }
    }
    const ns = readString(get(root, 'namespace'));
    if (ns?.known && ns.value) k.namespace = ns.value;
    for (const it of asSeq(get(root, 'images'))?.items ?? []) {
      const m = asMap(it);
      const name = readString(get(m, 'name'));
      if (!m || !name?.known || !name.value) continue;
      const opt = (key: string) => {
        const v = get(m, key);
        const r = readString(v);
        // `newTag: 1.2` is a YAML number: its text is the tag
        if (r?.known) return r.value;
        return isScalar(v) && v.value != null ? String(v.value) : undefined;
      };
      k.images.push({ name: name.value, newName: opt('newName'), newTag: opt('newTag'), digest: opt('digest') });
    }
    // patches: strategic merge (a partial object) or JSON 6902 (a list of operations)
    const readPatch = (body: string | undefined, target: YAMLMap | undefined): void => {
      // with a `target:` the patch applies to what it selects (no name: any, e.g. by labels), not to the name in its body
      const t = target ? { kind: str(get(target, 'kind')), name: str(get(target, 'name')) } : undefined;
      if (body === undefined) {
        k.patches.push({ ...t, any: true });
        return;
      }
      const docs = parseYamlDocs(body);
      for (const d of docs) {
        const m = asMap(d.root);
        if (!m || d.errors.length) {
          // JSON 6902 operations (a list) or text Bulkhead cannot read: anything in the target may change
          if (d.root || d.errors.length) k.patches.push({ ...t, any: true });
          continue;
        }
        const e = strategicMergeEffect(m);
        k.patches.push(t ? { ...e, ...t } : e);
      }
    };
    const patchFile = (file: string, target: YAMLMap | undefined): void => {
      const p = local(file);
      if (!p) return;
      k.patchFiles.push(p);
      readPatch(this.read(p), target);
    };
    for (const s of strings(get(root, 'patchesStrategicMerge'))) {
      if (s.includes('\n')) readPatch(s, undefined);
      else patchFile(s, undefined);
    }
    for (const key of ['patches', 'patchesJson6902']) {
      for (const it of asSeq(get(root, key))?.items ?? []) {
        const m = asMap(it);
        if (!m) continue;
        const target = asMap(get(m, 'target'));
        const inline = str(get(m, 'patch'));
        const file = str(get(m, 'path'));
        if (inline !== undefined) readPatch(inline, target);
        else if (file) patchFile(file, target);
      }
    }
    this.kustomizations.set(file, k);
  }

  private addSkaffold(file: string, text: string): void {
    const dir = path.dirname(file);
    const images: ImageRewrite[] = [];
    const raw: string[] = [];
    const kdirs: string[] = [];
    for (const d of parseYamlDocs(text)) {
      const root = asMap(d.root);
      if (!root || d.errors.length) continue;
      const api = readString(get(root, 'apiVersion'));
      if (!api?.known || !api.value.startsWith('skaffold/')) continue;
      for (const a of asSeq(get(root, 'build', 'artifacts'))?.items ?? []) {
        const img = str(get(a, 'image'));
        if (img) images.push({ name: splitImageRef(img).name, built: true });
      }
      // skaffold v3 and later: `manifests`; before: `deploy.kubectl` / `deploy.kustomize`
      raw.push(...strings(get(root, 'manifests', 'rawYaml')), ...strings(get(root, 'deploy', 'kubectl', 'manifests')));
      const kp = [...strings(get(root, 'manifests', 'kustomize', 'paths')), ...strings(get(root, 'deploy', 'kustomize', 'paths'))];
      if (get(root, 'deploy', 'kustomize') && !get(root, 'deploy', 'kustomize', 'paths')) kp.push('.');
      kdirs.push(...kp.map((p) => path.resolve(dir, p)));
    }
    if (!images.length) return;
    const globs = raw.map((g) => g.replace(/^\.\//, ''));
    this.skaffolds.push({ file, dir, images, rawYaml: globs.length ? picomatch(globs, { dot: true }) : undefined, kustomizeDirs: kdirs });
  }
}

/** What a strategic merge patch sets: its kind/name, and the pod and container keys under its pod spec. */
function strategicMergeEffect(m: YAMLMap): PatchEffect {
  const kind = str(get(m, 'kind'));
  const name = str(get(m, 'metadata', 'name'));
  const e: PatchEffect = { kind, name };
  const specPath = kind ? POD_SPEC_PATHS[kind] : undefined;
  const spec = specPath ? asMap(get(m, ...specPath)) : undefined;
  if (!specPath) return e;
  if (!spec) {
    // `spec:` replaced whole or not a mapping: anything may change
    if (get(m, specPath[0]) !== undefined && !asMap(get(m, specPath[0]))) e.any = true;
    return e;
  }
  e.pod = spec.items.map((p) => keyText(p)).filter((k): k is string => !!k && !['containers', 'initContainers', 'ephemeralContainers'].includes(k));
  e.containers = {};
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const it of asSeq(get(spec, list))?.items ?? []) {
      const c = asMap(it);
      const n = str(get(c, 'name'));
      if (!c) continue;
      if (!n) {
        e.any = true;
        continue;
      }
      e.containers[n] = c.items.map((p) => keyText(p)).filter((k): k is string => !!k && k !== 'name');
    }
  }
  return e;
}

function firstMap(text: string): YAMLMap | undefined {
  const docs = parseYamlDocs(text);
  const d = docs.find((x) => x.root);
  return d && !d.errors.length ? asMap(d.root) : undefined;
}

function str(n: unknown): string | undefined {
  const r = readString(n);
  return r?.known ? r.value : undefined;
}

function strings(n: unknown): string[] {
  return (asSeq(n)?.items ?? []).map(str).filter((s): s is string => !!s);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function relName(from: string, file: string): string {
  return path.relative(path.dirname(from), file).split(path.sep).join('/') || path.basename(file);
}
