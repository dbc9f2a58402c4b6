/**
 * The ECR tree as plain data: nodes, their lazy loading and paging, and how
 * each one looks (label, description, Markdown tooltip, codicon, contextValue).
 * No 'vscode' import here, so the benchmark and unit tests drive it in plain
 * Node; `provider.ts` maps {@link NodeView} onto vscode.TreeItem.
 */
import {
  atOrAbove,
  describeScanStatus,
  EcrError,
  EcrFinding,
  EcrService,
  fixedInLabel,
  formatSeverityCounts,
  hasUsableFindings,
  ImageInfo,
  isScanPending,
  packageLabel,
  RegistryInfo,
  RepositoryInfo,
  SEVERITY_ORDER,
  severityRank,
} from '../../ecr';
import { appendAll } from '../../core/arrays';

export type NodeKind = 'registry' | 'repository' | 'image' | 'severity' | 'finding' | 'more' | 'error' | 'info';

interface Paged<T> {
  items: T[];
  nextToken?: string;
  loaded: boolean;
  error?: EcrError;
  loading?: Promise<void>;
}

export interface EcrNode {
  kind: NodeKind;
  id: string;
  parent?: EcrNode;
  registry?: RegistryInfo;
  repo?: RepositoryInfo;
  image?: ImageInfo;
  severity?: string;
  finding?: EcrFinding;
  error?: EcrError;
  message?: string;
  /** for 'more': the node whose next page it loads */
  target?: EcrNode;
  /** cached children state */
  repos?: Paged<EcrNode>;
  images?: Paged<EcrNode>;
  findings?: Paged<EcrFinding>;
  /** image nodes pinned by "reveal" that are not (yet) in the loaded pages */
  pinned?: EcrNode[];
  /** severity group nodes, kept so reveal/refresh keep identity */
  groups?: Map<string, EcrNode>;
}

export interface NodeView {
  label: string;
  description?: string;
  tooltip?: string;
  /** codicon id, e.g. 'repo', 'warning' */
  icon?: string;
  /** theme color id for the icon */
  iconColor?: string;
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; arguments?: unknown[] };
}

export interface TreeModelOptions {
  repoPageSize?: number;
  imagePageSize?: number;
  findingPageSize?: number;
  /** findings below this severity are hidden */
  minSeverity?: string;
  onChange?: (node: EcrNode | undefined) => void;
}

const SEVERITY_ICON: Record<string, [string, string]> = {
  CRITICAL: ['error', 'errorForeground'],
  HIGH: ['warning', 'list.warningForeground'],
  MEDIUM: ['info', 'editorInfo.foreground'],
  LOW: ['circle-outline', 'descriptionForeground'],
  INFORMATIONAL: ['circle-small', 'descriptionForeground'],
  UNDEFINED: ['question', 'descriptionForeground'],
};

const CREDENTIAL_KINDS = new Set(['no-credentials', 'sso-expired', 'expired-token', 'invalid-credentials']);

export function md(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');
}

/** A code span of text from the registry (a backtick in it would end the span early). */
export function code(s: string): string {
  return '`' + s.replace(/[`\r\n]/g, ' ') + '`';
}

function shortDigest(d: string): string {
  return d.startsWith('sha256:') ? d.slice(7, 19) : d.slice(0, 12);
}

function age(d: Date | undefined, now: number): string {
  if (!d) return '';
  const s = Math.max(0, (now - d.getTime()) / 1000);
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export class EcrTreeModel {
  root: EcrNode | undefined;
  private rootError: EcrError | undefined;
  private registryLoad: Promise<void> | undefined;
  minSeverity: string;
  readonly pending = new Set<EcrNode>();
  now: () => number = Date.now;

  constructor(readonly service: EcrService, private readonly o: TreeModelOptions = {}) {
    this.minSeverity = o.minSeverity ?? 'UNDEFINED';
  }

  private changed(n: EcrNode | undefined): void {
    this.o.onChange?.(n);
  }

  /** Forget everything (refresh). */
  reset(): void {
    this.root = undefined;
    this.rootError = undefined;
    this.registryLoad = undefined;
    this.pending.clear();
  }

  /** Drop a node's loaded children so the next expansion refetches. */
  invalidate(n: EcrNode): void {
    n.repos = undefined;
    n.images = undefined;
    n.findings = undefined;
    n.groups = undefined;
  }

  async children(n?: EcrNode): Promise<EcrNode[]> {
    if (!n) return this.rootChildren();
    switch (n.kind) {
      case 'registry':
        return this.pagedChildren(n, 'repos', (t) => this.loadRepos(n, t));
      case 'repository': {
        const list = await this.pagedChildren(n, 'images', (t) => this.loadImages(n, t));
        const pins = (n.pinned ?? []).filter((p) => !list.some((x) => x.kind === 'image' && x.image?.digest === p.image?.digest));
        return [...pins, ...list];
      }
      case 'image':
        return this.imageChildren(n);
      case 'severity':
        return this.severityChildren(n);
      default:
        return [];
    }
  }

  private async rootChildren(): Promise<EcrNode[]> {
    if (!this.registryLoad) {
      this.registryLoad = (async () => {
        try {
          const reg = await this.service.getRegistry();
          this.root = { kind: 'registry', id: `registry:${reg.registryId}:${reg.region}`, registry: reg };
        } catch (e) {
          const err = e as EcrError;
          if (err.kind === 'access-denied' || err.kind === 'invalid-request') {
            // The view still works without the scanning configuration.
            this.root = {
              kind: 'registry',
              id: `registry:?:${this.service.region}`,
              registry: { registryId: '', region: this.service.region ?? '', scanType: 'unknown', rules: [] },
              message: err.message,
            };
          } else {
            this.rootError = err;
          }
        }
      })();
    }
    await this.registryLoad;
    if (this.rootError) {
      const err = this.rootError;
      return [{ kind: 'error', id: 'error:root', error: err }];
    }
    return this.root ? [this.root] : [];
  }

  private async pagedChildren(n: EcrNode, key: 'repos' | 'images', load: (token?: string) => Promise<{ items: EcrNode[]; nextToken?: string }>): Promise<EcrNode[]> {
    let p = n[key];
    if (!p) {
      p = { items: [], loaded: false };
      n[key] = p;
    }
    if (!p.loaded && !p.loading && !p.error) {
      const state = p;
      state.loading = load(undefined)
        .then((page) => {
          state.items = page.items;
          state.nextToken = page.nextToken;
        })
        .catch((e: unknown) => {
          state.error = e as EcrError;
        })
        .finally(() => {
          state.loaded = true;
          state.loading = undefined;
        });
    }
    if (p.loading) await p.loading;
    const out = [...p.items];
    if (p.error) out.push({ kind: 'error', id: `error:${n.id}:${key}`, parent: n, error: p.error, target: n });
    else if (p.nextToken) out.push({ kind: 'more', id: `more:${n.id}:${p.items.length}`, parent: n, target: n });
    return out;
  }

  private async loadRepos(n: EcrNode, token?: string) {
    const page = await this.service.listRepositories({ nextToken: token, maxResults: this.o.repoPageSize ?? 100 });
    return {
      items: page.items.map((r): EcrNode => ({ kind: 'repository', id: `repo:${r.name}`, parent: n, repo: r })),
      nextToken: page.nextToken,
    };
  }

  private imageNode(repoNode: EcrNode, img: ImageInfo): EcrNode {
    const node: EcrNode = { kind: 'image', id: `image:${repoNode.repo?.name}@${img.digest}`, parent: repoNode, image: img };
    if (isScanPending(img.scan.status)) this.pending.add(node);
    return node;
  }

  private async loadImages(n: EcrNode, token?: string) {
    const page = await this.service.listImages(n.repo!.name, { nextToken: token, maxResults: this.o.imagePageSize ?? 50, registryId: n.repo!.registryId });
    return { items: page.items.map((i) => this.imageNode(n, i)), nextToken: page.nextToken };
  }

  /** Load the next page of a node that shows a "Load more" child. */
  async loadMore(target: EcrNode): Promise<void> {
    if (target.kind === 'image') {
      await this.loadFindingsPage(target, true);
      this.changed(target);
      return;
    }
    const key = target.kind === 'registry' ? 'repos' : 'images';
    const p = target[key];
    if (!p || !p.nextToken || p.loading) return;
    const token = p.nextToken;
    p.loading = (async () => {
      try {
        const page = key === 'repos' ? await this.loadRepos(target, token) : await this.loadImages(target, token);
        appendAll(p.items, page.items);
        if (key === 'images') p.items.sort((a, b) => (b.image?.pushedAt?.getTime() ?? 0) - (a.image?.pushedAt?.getTime() ?? 0));
        p.nextToken = page.nextToken;
      } catch (e) {
        p.error = e as EcrError;
      } finally {
        p.loading = undefined;
      }
    })();
    await p.loading;
    this.changed(target);
  }

  /** Retry whatever failed under a node (or at the root). */
  retry(errorNode: EcrNode): void {
    const t = errorNode.target;
    if (!t) {
      this.reset();
      this.changed(undefined);
      return;
    }
    if (t.repos?.error) t.repos = undefined;
    if (t.images?.error) t.images = undefined;
    if (t.findings?.error) t.findings = undefined;
    this.changed(t);
  }

  private async loadFindingsPage(n: EcrNode, more: boolean): Promise<void> {
    const img = n.image!;
    let f = n.findings;
    if (!f) {
      f = { items: [], loaded: false };
      n.findings = f;
    }
    if (f.loading) return f.loading;
    if (f.loaded && !more) return;
    if (more && f.loaded && !f.nextToken) return;
    const state = f;
    const token = more ? state.nextToken : undefined;
    state.loading = (async () => {
      try {
        const page = await this.service.getFindings(img.repositoryName, { imageDigest: img.digest }, {
          nextToken: token,
          maxResults: this.o.findingPageSize ?? 100,
          registryId: img.registryId,
        });
        appendAll(state.items, page.items);
        state.nextToken = page.nextToken;
        state.error = undefined;
        if (page.counts) img.counts = page.counts;
        img.scan = page.scan;
      } catch (e) {
        state.error = e as EcrError;
      } finally {
        state.loaded = true;
        state.loading = undefined;
      }
    })();
    return state.loading;
  }

  private async imageChildren(n: EcrNode): Promise<EcrNode[]> {
    const img = n.image!;
    if (!hasUsableFindings(img.scan.status)) {
      const msg = describeScanStatus(img.scan.status) + (img.scan.description ? ` — ${img.scan.description}` : '');
      return [{ kind: 'info', id: `info:${n.id}`, parent: n, message: msg }];
    }
    const total = Object.values(img.counts ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (total === 0) return [{ kind: 'info', id: `info:${n.id}`, parent: n, message: 'No findings' }];
    await this.loadFindingsPage(n, false);
    const f = n.findings!;
    const out: EcrNode[] = [];
    if (f.error) return [{ kind: 'error', id: `error:${n.id}:findings`, parent: n, error: f.error, target: n }];
    n.groups ??= new Map();
    const severities = new Set<string>([...Object.keys(img.counts ?? {}), ...f.items.map((x) => x.severity)]);
    const ordered = Array.from(severities)
      .filter((s) => (img.counts?.[s] ?? 0) > 0 || f.items.some((x) => x.severity === s))
      .filter((s) => severityRank(s) >= SEVERITY_ORDER.length || atOrAbove(s, this.minSeverity))
      .sort((a, b) => severityRank(a) - severityRank(b) || a.localeCompare(b));
    for (const s of ordered) {
      let g = n.groups.get(s);
      if (!g) {
        g = { kind: 'severity', id: `sev:${n.id}:${s}`, parent: n, severity: s, image: img };
        n.groups.set(s, g);
      }
      out.push(g);
    }
    if (f.nextToken) out.push({ kind: 'more', id: `more:${n.id}:${f.items.length}`, parent: n, target: n });
    return out;
  }

  private severityChildren(n: EcrNode): EcrNode[] {
    const imageNode = n.parent!;
    const items = (imageNode.findings?.items ?? []).filter((f) => f.severity === n.severity);
    items.sort((a, b) => (b.cvss ?? -1) - (a.cvss ?? -1) || a.id.localeCompare(b.id));
    return items.map((f, i) => ({ kind: 'finding', id: `finding:${n.id}:${f.id}:${i}`, parent: n, finding: f }));
  }

  /** Re-read pending images' scan status; returns the nodes that changed. */
  async pollPending(): Promise<EcrNode[]> {
    const changed: EcrNode[] = [];
    for (const node of Array.from(this.pending)) {
      const img = node.image!;
      try {
        const fresh = await this.service.describeImage(img.repositoryName, { imageDigest: img.digest }, { registryId: img.registryId });
        if (fresh.scan.status !== img.scan.status || fresh.scan.description !== img.scan.description) {
          node.image = fresh;
          node.findings = undefined;
          node.groups = undefined;
          changed.push(node);
        }
        if (!isScanPending(fresh.scan.status)) this.pending.delete(node);
      } catch (e) {
        this.pending.delete(node);
        node.message = (e as EcrError).message;
        changed.push(node);
      }
    }
    return changed;
  }

  /** Mark an image as being scanned (after StartImageScan). */
  markScanning(node: EcrNode, status: { status: string; description?: string }): void {
    node.image = { ...node.image!, scan: status };
    node.findings = undefined;
    node.groups = undefined;
    if (isScanPending(status.status)) this.pending.add(node);
  }

  /** Find or create (pin) the node for an image, for "reveal". */
  async nodeForImage(repository: string, imageId: { imageTag?: string; imageDigest?: string }, registryId?: string): Promise<EcrNode> {
    await this.rootChildren();
    if (!this.root) throw this.rootError ?? new EcrError('other', 'ECR is not available.');
    const reg = this.root;
    const repos = await this.children(reg);
    let repoNode = repos.find((r) => r.kind === 'repository' && r.repo?.name === repository);
    if (!repoNode) {
      const page = await this.service.listRepositories({ names: [repository], registryId });
      const info = page.items[0];
      if (!info) throw new EcrError('repository-not-found', `Repository ${repository} not found.`);
      repoNode = { kind: 'repository', id: `repo:${info.name}`, parent: reg, repo: info };
      reg.repos!.items.unshift(repoNode);
    }
    const img = await this.service.describeImage(repository, imageId, { registryId });
    const existing = (repoNode.images?.items ?? []).concat(repoNode.pinned ?? []).find((x) => x.image?.digest === img.digest);
    if (existing) return existing;
    const node = this.imageNode(repoNode, img);
    repoNode.pinned = [node, ...(repoNode.pinned ?? [])];
    return node;
  }

  // ---- presentation -------------------------------------------------------

  view(n: EcrNode): NodeView {
    const now = this.now();
    switch (n.kind) {
      case 'registry': {
        const r = n.registry!;
        const label = r.registryId ? `${r.registryId} · ${r.region}` : `ECR · ${r.region}`;
        const rules = r.rules.map((x) => `${x.scanFrequency} (${x.filters.join(', ') || '*'})`).join('; ');
        return {
          label,
          description: `${r.scanType} scanning`,
          tooltip: `**Amazon ECR registry** ${md(r.registryId || '(account unknown)')}\n\nRegion: ${md(r.region)}\n\nScan type: **${md(r.scanType)}**${rules ? `\n\nRules: ${md(rules)}` : ''}${n.message ? `\n\n_${md(n.message)}_` : ''}${this.service.options.endpoint ? `\n\nEndpoint: ${md(this.service.options.endpoint)}` : ''}`,
          icon: 'server',
          contextValue: 'ecr.registry',
          collapsible: 'expanded',
        };
      }
      case 'repository': {
        const r = n.repo!;
        const desc = [r.scanOnPush ? 'scan on push' : 'no scan on push', r.tagMutability.toLowerCase().replace(/_/g, ' '), r.encryptionType].join(' · ');
        const warn = r.warnings.length > 0;
        return {
          label: r.name,
          description: desc,
          tooltip: `**${md(r.name)}**\n\n${md(r.uri)}\n\n- Scan on push: ${r.scanOnPush ? 'on' : '**off**'}\n- Tag mutability: ${md(r.tagMutability)}\n- Encryption: ${md(r.encryptionType)}${r.kmsKey ? ` (${md(r.kmsKey)})` : ''}${warn ? `\n\n$(warning) Departs from AWS's ECR guidance:\n${r.warnings.map((w) => `- ${md(w)}`).join('\n')}` : ''}`,
          icon: warn ? 'warning' : 'repo',
          iconColor: warn ? 'list.warningForeground' : undefined,
          contextValue: warn ? 'ecr.repository.warning' : 'ecr.repository',
          collapsible: 'collapsed',
        };
      }
      case 'image': {
        const i = n.image!;
        const label = i.tags.length ? i.tags.join(', ') : `<untagged> ${shortDigest(i.digest)}`;
        const counts = formatSeverityCounts(i.counts, this.minSeverity);
        const status = i.scan.status;
        const usable = hasUsableFindings(status);
        const desc = [usable ? counts || 'no findings' : status, age(i.pushedAt, now)].filter(Boolean).join(' · ');
        const worst = Object.keys(i.counts ?? {}).filter((k) => (i.counts?.[k] ?? 0) > 0).sort((a, b) => severityRank(a) - severityRank(b))[0];
        const [icon, color] = isScanPending(status)
          ? ['sync~spin', undefined]
          : !usable
            ? ['circle-slash', 'descriptionForeground']
            : worst && severityRank(worst) <= 1
              ? SEVERITY_ICON[worst]
              : ['package', undefined];
        const scannable = !isScanPending(status);
        return {
          label,
          description: desc,
          tooltip: `**${md(n.parent?.repo?.name ?? i.repositoryName)}:${md(i.tags[0] ?? '<untagged>')}**\n\nDigest: ${code(i.digest)}\n\nPushed: ${i.pushedAt?.toISOString() ?? 'unknown'}\n\nScan: **${md(status)}** — ${md(describeScanStatus(status))}${i.scan.description ? ` (${md(i.scan.description)})` : ''}${i.scanCompletedAt ? `\n\nScan completed: ${i.scanCompletedAt.toISOString()}` : ''}${counts ? `\n\nFindings: ${md(counts)}` : ''}${n.message ? `\n\n_${md(n.message)}_` : ''}`,
          icon,
          iconColor: color,
          contextValue: scannable ? 'ecr.image.scannable' : 'ecr.image',
          collapsible: 'collapsed',
        };
      }
      case 'severity': {
        const s = n.severity!;
        const total = n.image?.counts?.[s];
        const loaded = (n.parent?.findings?.items ?? []).filter((f) => f.severity === s).length;
        const [icon, color] = SEVERITY_ICON[s] ?? ['question', 'descriptionForeground'];
        return {
          label: s,
          description: total !== undefined && total !== loaded ? `${loaded} of ${total} loaded` : String(loaded),
          icon,
          iconColor: color,
          contextValue: 'ecr.severity',
          collapsible: severityRank(s) <= 1 ? 'expanded' : 'collapsed',
        };
      }
      case 'finding': {
        const f = n.finding!;
        const pkg = packageLabel(f);
        const fixed = fixedInLabel(f);
        const desc = [pkg, fixed ? `fixed in ${fixed}` : '', f.cvss !== undefined ? `CVSS ${f.cvss}` : ''].filter(Boolean).join(' · ');
        const [icon, color] = SEVERITY_ICON[f.severity] ?? ['question', 'descriptionForeground'];
        const lines = [
          `**${md(f.id)}** · ${md(f.severity)}${f.cvss !== undefined ? ` · CVSS ${f.cvss}${f.cvssVersion ? ` (v${md(f.cvssVersion)})` : ''}` : ''}`,
          f.title !== f.id ? md(f.title) : '',
          f.packages.map((p) => `- ${code(p.name + (p.version ? `@${p.version}` : ''))}${p.fixedInVersion ? ` → fixed in ${code(p.fixedInVersion)}` : ' (no fix published)'}`).join('\n'),
          f.description ? md(f.description) : '',
          f.remediation ? `**Remediation:** ${md(f.remediation)}` : '',
          f.url ? `[Advisory](${f.url})` : '',
        ].filter(Boolean);
        return {
          label: f.id === f.title ? f.id : f.title.startsWith(f.id) ? f.title : `${f.id} ${f.title}`,
          description: desc,
          tooltip: lines.join('\n\n'),
          icon,
          iconColor: color,
          contextValue: f.url ? 'ecr.finding.url' : 'ecr.finding',
          collapsible: 'none',
        };
      }
      case 'more': {
        const t = n.target!;
        const what = t.kind === 'registry' ? 'repositories' : t.kind === 'repository' ? 'images' : 'findings';
        return {
          label: `Load more ${what}…`,
          icon: 'ellipsis',
          contextValue: 'ecr.more',
          collapsible: 'none',
          command: { command: 'bulkhead.ecr.loadMore', title: 'Load more', arguments: [n] },
        };
      }
      case 'error': {
        const e = n.error!;
        const cred = CREDENTIAL_KINDS.has(e.kind);
        return {
          label: e.message,
          description: e.kind,
          tooltip: `${md(e.message)}\n\nClick to retry.`,
          icon: 'error',
          iconColor: 'errorForeground',
          contextValue: cred ? 'ecr.error.credentials' : 'ecr.error',
          collapsible: 'none',
          command: { command: 'bulkhead.ecr.retry', title: 'Retry', arguments: [n] },
        };
      }
      case 'info':
        return { label: n.message ?? '', icon: 'info', contextValue: 'ecr.info', collapsible: 'none' };
    }
  }
}
