/**
 * The ECR view (`bulkhead.ecr`), its commands, live polling, and the
 * code ↔ registry cross-link. Nothing talks to AWS in Restricted Mode or
 * before ECR is configured (a profile, region or endpoint setting); the SDK
 * loads on the first request, never at activation.
 */
import * as vscode from 'vscode';
import { EcrError, EcrService, findEcrImageRefs, formatEcrImageRef, imageIdOf, listProfiles, parseEcrImageRef, plainHttpWarning, SEVERITY_ORDER } from '../../ecr';
import type { DocState } from '../diagnostics';
import { CMD_REVEAL_IMAGE, EcrCrossLink } from './crossLink';
import { EcrNode, EcrTreeModel } from './model';
import { EcrTreeProvider } from './provider';

/** What the ECR view needs from the rest of the extension. */
export interface EcrDeps {
  log: vscode.LogOutputChannel;
  /** the last analysis of a document (its `result.model` carries the image references) */
  analysisOf(uri: vscode.Uri): DocState | undefined;
  /** fires after every analysis of a document or scanned file */
  onDidAnalyse: vscode.Event<DocState>;
  /** ECR calls use credentials: only in a trusted workspace */
  isTrusted(): boolean;
  onDidGrantTrust: vscode.Event<void>;
}


export const VIEW_ID = 'bulkhead.ecr';
const SECTION = 'bulkhead.ecr';
const POLL_MS = 5_000;
const STALE_AFTER_HIDDEN_MS = 5 * 60_000;

const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
  'me-central-1', 'af-south-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1',
];

interface Settings {
  profile?: string;
  region?: string;
  endpoint?: string;
  minimumSeverity: string;
  autoRefreshMinutes: number;
  crossLink: boolean;
  threshold: string;
}

function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  // machine-scoped settings: only user/remote values count, never a workspace's
  const machine = <T>(key: string): T | undefined => {
    const i = c.inspect<T>(key);
    return i?.globalValue ?? i?.defaultValue;
  };
  const str = (k: string) => {
    const v = machine<string>(k);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  return {
    profile: str('profile'),
    region: str('region'),
    endpoint: str('endpoint'),
    minimumSeverity: (c.get<string>('minimumSeverity') ?? 'UNDEFINED').toUpperCase(),
    autoRefreshMinutes: Math.max(0, c.get<number>('autoRefreshMinutes') ?? 0),
    crossLink: c.get<boolean>('crossLink.enabled') ?? true,
    threshold: (c.get<string>('crossLink.threshold') ?? 'HIGH').toUpperCase(),
  };
}

function configured(s: Settings): boolean {
  return !!(s.profile || s.region || s.endpoint);
}

/**
 * Register the ECR tree view, its commands and the cross-link. `deps` (from
 * extension.ts) supplies the log channel and trust events; without it the
 * view uses its own.
 */
/** What registration gives back: a disposable, and the tree for callers that inspect it (the integration tests). */
export interface EcrViewHandle extends vscode.Disposable {
  provider: EcrTreeProvider;
}

export function registerEcrView(context: vscode.ExtensionContext, deps?: EcrDeps): EcrViewHandle {
  const disposables: vscode.Disposable[] = [];
  const log = deps?.log;
  const isTrusted = () => (deps ? deps.isTrusted() : vscode.workspace.isTrusted);
  const provider = new EcrTreeProvider();
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const crossLink = new EcrCrossLink();
  disposables.push(provider, view, crossLink);

  let service: EcrService | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let autoTimer: NodeJS.Timeout | undefined;
  let hiddenSince: number | undefined;

  const setContext = (key: string, v: boolean) => void vscode.commands.executeCommand('setContext', key, v);

  const schedulePoll = () => {
    if (pollTimer || !provider.model || provider.model.pending.size === 0) return;
    pollTimer = setTimeout(async () => {
      pollTimer = undefined;
      const m = provider.model;
      if (!m) return;
      const changed = await m.pollPending();
      for (const n of changed) provider.fire(n);
      if (changed.length) crossLink.refreshAll();
      schedulePoll();
    }, POLL_MS);
  };

  const rebuild = () => {
    const s = readSettings();
    service?.dispose();
    service = undefined;
    provider.model = undefined;
    const trusted = isTrusted();
    const on = trusted && configured(s);
    setContext('bulkhead.ecr.untrusted', !trusted);
    setContext('bulkhead.ecr.configured', configured(s));
    if (on) {
      service = new EcrService({
        profile: s.profile,
        region: s.region,
        endpoint: s.endpoint,
        log: log ? (line) => log.debug(line) : undefined,
      });
      const model = new EcrTreeModel(service, {
        minSeverity: s.minimumSeverity,
        onChange: (n) => {
          provider.fire(n);
          schedulePoll();
        },
      });
      provider.model = model;
      const svc = service;
      let regId: Promise<string> | undefined;
      crossLink.setTarget(
        s.crossLink && service.region
          ? {
              service: svc,
              region: service.region,
              threshold: s.threshold,
              registryId: () => (regId ??= model.children().then(() => model.root?.registry?.registryId || Promise.reject(new Error('no registry')))),
            }
          : undefined,
      );
    } else {
      crossLink.setTarget(undefined);
    }
    if (autoTimer) clearInterval(autoTimer);
    autoTimer = undefined;
    if (on && s.autoRefreshMinutes > 0) {
      autoTimer = setInterval(() => refresh(), s.autoRefreshMinutes * 60_000);
    }
    const plain = on ? plainHttpWarning(s.endpoint) : undefined;
    if (plain) log?.warn(`ECR: ${plain}`);
    view.message = plain ? `Warning: ${plain}` : on && s.endpoint && /127\.0\.0\.1|localhost/.test(s.endpoint) ? `Endpoint override: ${s.endpoint}` : undefined;
    provider.fire(undefined);
  };

  const refresh = () => {
    provider.model?.reset();
    provider.fire(undefined);
    crossLink.refreshAll();
  };

  const update = async (key: string, value: unknown) => {
    await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  };

  const nodeArg = (n: unknown): EcrNode | undefined => (n && typeof n === 'object' && 'kind' in n ? (n as EcrNode) : view.selection[0]);

  disposables.push(
    vscode.commands.registerCommand('bulkhead.ecr.refresh', refresh),
    vscode.commands.registerCommand('bulkhead.ecr.chooseProfile', async () => {
      const profiles = listProfiles();
      const current = readSettings().profile;
      const items: (vscode.QuickPickItem & { value?: string })[] = [
        { label: '$(globe) Default credential chain', description: 'environment, SSO, shared files, container/instance roles', value: '' },
        ...profiles.map((p) => ({
          label: p.name,
          description: [p.sso ? 'SSO' : '', p.region ?? '', p.sources.join(' + ')].filter(Boolean).join(' · '),
          picked: p.name === current,
          value: p.name,
        })),
      ];
      const pick = await vscode.window.showQuickPick(items, {
        title: 'Bulkhead: AWS profile for the ECR view',
        placeHolder: profiles.length ? 'Profiles from your AWS shared config and credentials files' : 'No profiles found in ~/.aws/config or ~/.aws/credentials',
      });
      if (pick) await update('profile', pick.value || undefined);
    }),
    vscode.commands.registerCommand('bulkhead.ecr.chooseRegion', async () => {
      const current = readSettings().region;
      const items = [...REGIONS.map((r) => ({ label: r, picked: r === current })), { label: 'Other…' }];
      const pick = await vscode.window.showQuickPick(items, { title: 'Bulkhead: AWS region for the ECR view' });
      if (!pick) return;
      let region: string | undefined = pick.label;
      if (region === 'Other…') {
        region = await vscode.window.showInputBox({
          prompt: 'AWS region',
          validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? undefined : 'e.g. eu-west-1'),
        });
      }
      if (region) await update('region', region);
    }),
    vscode.commands.registerCommand('bulkhead.ecr.filterSeverity', async () => {
      const pick = await vscode.window.showQuickPick(
        SEVERITY_ORDER.map((s) => ({ label: s, description: s === 'UNDEFINED' ? 'show everything' : `${s} and worse` })),
        { title: 'Bulkhead: minimum severity shown in the ECR view' },
      );
      if (pick) await update('minimumSeverity', pick.label);
    }),
    vscode.commands.registerCommand('bulkhead.ecr.loadMore', async (n?: EcrNode) => {
      const node = nodeArg(n);
      if (node?.kind === 'more' && node.target && provider.model) await provider.model.loadMore(node.target);
    }),
    vscode.commands.registerCommand('bulkhead.ecr.retry', (n?: EcrNode) => {
      const node = nodeArg(n);
      if (node?.kind === 'error' && provider.model) provider.model.retry(node);
      else refresh();
    }),
    vscode.commands.registerCommand('bulkhead.ecr.startScan', async (n?: EcrNode) => {
      const node = nodeArg(n);
      const m = provider.model;
      if (!node?.image || !m || !service) return;
      const img = node.image;
      try {
        const st = await service.startScan(img.repositoryName, { imageDigest: img.digest }, { registryId: img.registryId });
        m.markScanning(node, st);
        provider.fire(node);
        schedulePoll();
        void vscode.window.setStatusBarMessage(`Bulkhead: scan of ${img.repositoryName}:${img.tags[0] ?? img.digest.slice(7, 19)} started`, 5000);
      } catch (e) {
        void vscode.window.showErrorMessage(`Bulkhead: ${(e as EcrError).message}`);
      }
    }),
    vscode.commands.registerCommand('bulkhead.ecr.openAdvisory', async (n?: EcrNode) => {
      const url = nodeArg(n)?.finding?.url;
      if (url && /^https?:\/\//.test(url)) await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.commands.registerCommand('bulkhead.ecr.copyId', async (n?: EcrNode) => {
      const node = nodeArg(n);
      const text = node?.finding?.id ?? node?.image?.digest ?? node?.repo?.uri;
      if (text) await vscode.env.clipboard.writeText(text);
    }),
    vscode.commands.registerCommand(CMD_REVEAL_IMAGE, async (refText?: string) => {
      let text = typeof refText === 'string' ? refText : undefined;
      if (!text) {
        const ed = vscode.window.activeTextEditor;
        if (ed) {
          const off = ed.document.offsetAt(ed.selection.active);
          text = findEcrImageRefs(ed.document.getText()).find((m) => m.start <= off && off <= m.end)?.ref.raw;
        }
      }
      const ref = text ? parseEcrImageRef(text) : undefined;
      if (!ref) {
        void vscode.window.showInformationMessage('Bulkhead: put the cursor on an ECR image reference (<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>).');
        return;
      }
      const m = provider.model;
      if (!m) {
        void vscode.window.showInformationMessage('Bulkhead: the ECR view is not configured (or the workspace is in Restricted Mode).');
        return;
      }
      try {
        const node = await m.nodeForImage(ref.repository, imageIdOf(ref), ref.registryId);
        provider.fire(node.parent);
        await view.reveal(node, { select: true, focus: true, expand: true });
      } catch (e) {
        void vscode.window.showErrorMessage(`Bulkhead: cannot reveal ${formatEcrImageRef(ref)}: ${(e as Error).message}`);
      }
    }),
    view.onDidChangeVisibility((e) => {
      if (!e.visible) hiddenSince = Date.now();
      else if (hiddenSince !== undefined && Date.now() - hiddenSince > STALE_AFTER_HIDDEN_MS) refresh();
      if (e.visible) hiddenSince = undefined;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) rebuild();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => rebuild()),
  );
  if (deps) disposables.push(deps.onDidGrantTrust(() => rebuild()));

  rebuild();

  const all = vscode.Disposable.from(...disposables, {
    dispose: () => {
      if (pollTimer) clearTimeout(pollTimer);
      if (autoTimer) clearInterval(autoTimer);
      service?.dispose();
    },
  });
  context.subscriptions.push(all);
  return Object.assign(all, { provider });
}
