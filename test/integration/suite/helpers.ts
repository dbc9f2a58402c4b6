import * as vscode from 'vscode';
import type { BulkheadApi } from '../../../src/vscode/extension';
export { say } from './index';

export const EXTENSION_ID = 'bulkhead.bulkhead';

export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the integration suite needs a workspace folder (the runner opens a copy of test/integration/workspace)');
  return f.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...rel.split('/'));
}

export async function api(): Promise<BulkheadApi> {
  const ext = vscode.extensions.getExtension<BulkheadApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the repository root?)`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function bulkhead(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'bulkhead');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return '(none)';
  return ds.map((d) => `${codeOf(d)} ${fmt(d.range)} [${vscode.DiagnosticSeverity[d.severity]}] ${d.message}`).join('; ');
}

export function fmt(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Resolves once `check` returns something truthy, re-checking whenever
 * diagnostics change (and whenever `extra` fires); rejects with a clear
 * message after `ms`. Never a fixed sleep.
 */
export function waitFor<T>(what: string, check: () => T | undefined | false, opts: { ms?: number; uri?: vscode.Uri; extra?: vscode.Event<unknown>[] } = {}): Promise<T> {
  const ms = opts.ms ?? 15000;
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const done = (f: () => void) => {
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      f();
    };
    const test = () => {
      let v: T | undefined | false;
      try {
        v = check();
      } catch (e) {
        done(() => reject(e));
        return;
      }
      if (v) done(() => resolve(v as T));
    };
    const timer = setTimeout(
      () =>
        done(() =>
          reject(new Error(`timed out after ${ms} ms waiting for ${what}${opts.uri ? `; Bulkhead diagnostics on ${vscode.workspace.asRelativePath(opts.uri)}: ${describeDiagnostics(bulkhead(opts.uri))}` : ''}`)),
        ),
      ms,
    );
    subs.push(vscode.languages.onDidChangeDiagnostics(test));
    for (const e of opts.extra ?? []) subs.push(e(test));
    test();
  });
}

/**
 * Resolves once VS Code's file watcher reports that `uri` was created or
 * changed (rejects after `ms`). VS Code coalesces a creation and a deletion
 * of one file within one batch of watcher events into nothing, so a test
 * that deletes a file it just had created waits for this first, as any
 * deletion by a user comes after the creation was reported. Call it before
 * the file is written.
 */
export function fileReported(uri: vscode.Uri, ms = 15000): Promise<void> {
  // the extension's own kind of watcher (a glob over the workspace), filtered to the one file
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`);
  return new Promise<void>((resolve, reject) => {
    const done = (f: () => void) => {
      clearTimeout(timer);
      watcher.dispose();
      f();
    };
    const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${ms} ms waiting for the file watcher to report ${vscode.workspace.asRelativePath(uri)}`))), ms);
    const seen = (u: vscode.Uri) => {
      if (u.toString() === uri.toString()) done(resolve);
    };
    watcher.onDidCreate(seen);
    watcher.onDidChange(seen);
  });
}

/** Waits until the extension has analysed the document's current version (findings or none). */
export async function analysed(doc: vscode.TextDocument, ms = 15000): Promise<void> {
  const a = await api();
  await waitFor(`Bulkhead to analyse ${vscode.workspace.asRelativePath(doc.uri)} v${doc.version}`, () => a.diagnostics.state(doc.uri)?.version === doc.version, {
    ms,
    extra: [a.diagnostics.onDidAnalyse as vscode.Event<unknown>],
  });
}

export async function open(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** Waits for diagnostics of a rule on a document (at least `n`). */
export function diagnosticsOf(uri: vscode.Uri, ruleId: string, n = 1, ms?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${n} ${ruleId} diagnostic(s)`,
    () => {
      const ds = bulkhead(uri).filter((d) => codeOf(d) === ruleId);
      return ds.length >= n && ds;
    },
    { uri, ms },
  );
}

export function noDiagnosticsOf(uri: vscode.Uri, ruleId: string, ms?: number): Promise<true> {
  return waitFor(`no ${ruleId} diagnostic`, () => bulkhead(uri).every((d) => codeOf(d) !== ruleId), { uri, ms });
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, 10)) ?? [];
}

export function titles(actions: readonly vscode.CodeAction[]): string {
  return actions.map((a) => JSON.stringify(a.title)).join(', ') || '(none)';
}

export async function ruleIds(): Promise<Set<string>> {
  // the same registry the extension bundles (compiled by tsc to out/src)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { allRules } = require('../../../src/rules/index') as typeof import('../../../src/rules/index');
  return new Set(allRules().map((r) => r.meta.id));
}
