import * as vscode from 'vscode';
import { CMD_DOCS, CMD_FIX_ALL, CMD_IGNORE_IN_CONFIG, CMD_SELECT, CodeActions, ignoreInConfig, selectPlaceholder } from './codeActions';
import { CONFIG_FILE, ConfigStore } from './configs';
import { DocState, Diagnostics } from './diagnostics';
import { showRuleDocs } from './docs';

import { EcrDeps, EcrViewHandle, registerEcrView } from './ecr';
import { ScanSummary, scanWorkspace } from './scan';

/** What the ECR view gets from the rest of the extension. */
export type { EcrDeps } from './ecr';

/** Returned from activate(): for the integration tests. */
export interface BulkheadApi {
  diagnostics: Diagnostics;
  scanWorkspace(): Promise<ScanSummary>;
  ecr: EcrViewHandle;
  /** how long activate() itself took (the host adds loading the bundle and its own bookkeeping) */
  activateMs: number;
}

export function activate(context: vscode.ExtensionContext): BulkheadApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Bulkhead', { log: true });
  const configs = new ConfigStore();
  const diagnostics = new Diagnostics(context, configs, log);
  const actions = new CodeActions(diagnostics);
  const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }];

  context.subscriptions.push(
    log,
    configs,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, actions, CodeActions.metadata),
    vscode.commands.registerCommand('bulkhead.scanWorkspace', () => scanWorkspace(diagnostics, log)),
    vscode.commands.registerCommand(CMD_FIX_ALL, async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc) return false;
      const state = await diagnostics.update(doc);
      if (!state) return false;
      return vscode.workspace.applyEdit(actions.fixAllEdit(doc, state));
    }),
    vscode.commands.registerCommand(CMD_DOCS, (ruleId?: string) => (ruleId ? showRuleDocs(context, ruleId) : undefined)),
    vscode.commands.registerCommand(CMD_SELECT, (uri: vscode.Uri, range: vscode.Range) => selectPlaceholder(uri, range)),
    vscode.commands.registerCommand(CMD_IGNORE_IN_CONFIG, (uri: vscode.Uri, ruleId: string) => ignoreInConfig(diagnostics, uri, ruleId)),
    vscode.commands.registerCommand('bulkhead.openConfig', async () => {
      const active = vscode.window.activeTextEditor?.document.uri;
      const found = active && (await configs.configFileFor(active));
      const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
      const uri = found?.uri ?? (folder && vscode.Uri.joinPath(folder.uri, CONFIG_FILE));
      if (!uri) return;
      try {
        await vscode.window.showTextDocument(uri);
      } catch {
        await vscode.window.showTextDocument(uri.with({ scheme: 'untitled' }));
      }
    }),
  );

  // ---- ECR view (src/vscode/ecr/**, another engineer): the one place it is wired in ----
  const trust = new vscode.EventEmitter<void>();
  context.subscriptions.push(trust, vscode.workspace.onDidGrantWorkspaceTrust(() => trust.fire()));
  const ecr = registerEcrView(context, {
    log,
    analysisOf: (uri) => diagnostics.state(uri),
    onDidAnalyse: diagnostics.onDidAnalyse,
    isTrusted: () => vscode.workspace.isTrusted,
    onDidGrantTrust: trust.event,
  });
  // ---------------------------------------------------------------------------------------

  void diagnostics.refreshAll().catch((e) => log.error(`initial analysis failed: ${(e as Error).stack ?? e}`));
  const activateMs = performance.now() - started;
  log.info(`Bulkhead activated in ${activateMs.toFixed(1)} ms${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: static analysis only)'}`);
  return { diagnostics, scanWorkspace: () => scanWorkspace(diagnostics, log, true), ecr, activateMs };
}

export function deactivate(): void {
  // everything is in context.subscriptions
}
