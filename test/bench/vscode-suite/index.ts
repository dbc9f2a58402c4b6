/**
 * Measures Bulkhead inside a real VS Code extension host (loaded as the
 * payload's extensionTestsPath by test/bench/vscode.ts): activation, open ->
 * diagnostics, and change -> published diagnostics over many single-key edits.
 * Writes <workspace>/.bench-result.json; never asserts a figure.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BulkheadApi } from '../../../src/vscode/extension';
import { genCdk, genCfn, genDockerfile, genK8s } from '../gen';

const EXTENSION_ID = 'bulkhead.bulkhead';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(0.95 * (s.length - 1)))] : NaN;
}

/** Resolves when the document's current version has been analysed and its diagnostics published. */
function published(api: BulkheadApi, doc: vscode.TextDocument, ms = 30000): Promise<void> {
  const ready = () => api.diagnostics.state(doc.uri)?.version === doc.version;
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString()) && ready()) done();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics for ${doc.uri.path} v${doc.version} after ${ms} ms`));
    }, ms);
  });
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the bench needs a workspace folder');
  const out: Record<string, number> = {};
  const info: string[] = [];
  const quick = fs.existsSync(path.join(folder.fsPath, '.bench-quick'));
  try {
    const ext = vscode.extensions.getExtension<BulkheadApi>(EXTENSION_ID);
    if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
    let api: BulkheadApi;
    if (!ext.isActive) {
      const t = performance.now();
      api = await ext.activate();
      out.activation_ms = performance.now() - t;
      out.activate_function_ms = api.activateMs;
    } else {
      info.push('the extension was already active when the bench started: activation_ms not measured');
      api = ext.exports;
    }

    const inputs: [string, string, string][] = [
      ['k8s_300', 'deploy.yaml', genK8s(1300, 300)],
      ['dockerfile_300', 'Dockerfile', genDockerfile(4300, 300)],
      ['k8s_10000', 'big.yaml', genK8s(11000, 10000)],
      ['cfn_10000', 'template.yaml', genCfn(13000, 10000)],
      ['cdk_300', 'stack.ts', genCdk(5300, 300)],
    ];
    for (const [name, file, text] of inputs) {
      const uri = vscode.Uri.joinPath(folder, file);
      fs.writeFileSync(uri.fsPath, text);
      const t0 = performance.now();
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      if (api.diagnostics.state(doc.uri)?.version !== doc.version) await published(api, doc);
      out[`editor_${name}_open_to_diagnostics_ms`] = performance.now() - t0;

      // single-key edits, as typing: insert a character in a value, then remove it
      const edits = quick ? 8 : name.endsWith('_10000') ? 12 : 30;
      const lines = doc.lineCount;
      const xs: number[] = [];
      for (let i = 0; i < edits; i++) {
        const line = Math.floor(((i * 7919) % lines) / 2) * 2;
        const lt = doc.lineAt(Math.min(line, lines - 1));
        const pos = lt.range.end;
        const t = performance.now();
        const wait = published(api, doc);
        const ok = await editor.edit((b) => b.insert(pos, 'x'), { undoStopBefore: false, undoStopAfter: false });
        if (!ok) throw new Error('edit refused');
        await wait;
        xs.push(performance.now() - t);
        const w2 = published(api, doc);
        await editor.edit((b) => b.delete(new vscode.Range(pos, pos.translate(0, 1))), { undoStopBefore: false, undoStopAfter: false });
        await w2;
      }
      out[`editor_${name}_change_to_diagnostics_median_ms`] = median(xs);
      out[`editor_${name}_change_to_diagnostics_p95_ms`] = p95(xs);

      // the work after the debounce: analyse + build diagnostics + publish, timed in the host
      const config = await api.diagnostics.configs.effective(doc.uri);
      const ys: number[] = [];
      for (let i = 0; i < (quick ? 5 : name.endsWith('_10000') ? 10 : 40); i++) {
        const t = performance.now();
        api.diagnostics.publish(doc.uri, doc.getText(), 100000 + i, doc.languageId, config);
        ys.push(performance.now() - t);
      }
      out[`editor_${name}_analyse_and_publish_median_ms`] = median(ys);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    info.push(`analyses counted by the extension: ${api.diagnostics.analyses}`);
  } catch (e) {
    info.push(`failed: ${(e as Error).stack ?? e}`);
  }
  fs.writeFileSync(path.join(folder.fsPath, '.bench-result.json'), JSON.stringify({ metrics: out, info, vscode: vscode.version }));
}
