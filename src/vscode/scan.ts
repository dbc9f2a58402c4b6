import { promises as fsp } from 'fs';
import * as vscode from 'vscode';
import { loadEngine } from './engine';
import { classify } from '../formats/classify';
import { Diagnostics } from './diagnostics';

/** What "Scan Workspace" looks at; everything else is never read. */
export const SCAN_INCLUDE = '{**/Dockerfile,**/Dockerfile.*,**/*.dockerfile,**/*.Dockerfile,**/Containerfile,**/Containerfile.*,**/*.yaml,**/*.yml,**/*.json,**/*.template,**/*.ts,**/*.tsx,**/*.tf,**/*.tpl,**/*.tftpl}';
export const SCAN_EXCLUDE = '{**/node_modules/**,**/.git/**,**/cdk.out/**,**/.vscode-test/**}';
const MAX_FILES = 20000;
const PARALLEL = 8;

export interface ScanSummary {
  files: number;
  analysed: number;
  withFindings: number;
  errors: number;
  warnings: number;
  infos: number;
  cancelled: boolean;
}

/** Bulkhead: Scan Workspace — analyses every relevant file and publishes its diagnostics. */
export async function scanWorkspace(diagnostics: Diagnostics, log: vscode.LogOutputChannel, quiet = false): Promise<ScanSummary> {
  const summary: ScanSummary = { files: 0, analysed: 0, withFindings: 0, errors: 0, warnings: 0, infos: 0, cancelled: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Bulkhead: scanning workspace', cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(SCAN_INCLUDE, SCAN_EXCLUDE, MAX_FILES, token);
      await loadEngine().initTerraform();
      summary.files = uris.length;
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      let done = 0;
      const step = 100 / Math.max(1, uris.length);
      const one = async (uri: vscode.Uri): Promise<void> => {
        if (token.isCancellationRequested) return;
        const config = await diagnostics.configs.effective(uri);
        if (!config.settings.enable || config.excluded) return;
        const doc = open.get(uri.toString());
        let state;
        if (doc) state = diagnostics.analyseNow(doc, config);
        else {
          let text: string;
          let size: number | undefined;
          try {
            const st = await vscode.workspace.fs.stat(uri);
            // a FIFO or a device would block the read forever
            if (!(st.type & vscode.FileType.File)) {
              log.warn(`scan: ${uri.toString()} is not a regular file; not read`);
              return;
            }
            if (st.size > config.maxBytes && uri.scheme === 'file') {
              // over the size limit: its note is enough, the file is not read whole
              size = st.size;
              const fd = await fsp.open(uri.fsPath, 'r');
              try {
                const head = Buffer.alloc(65536);
                const { bytesRead } = await fd.read(head, 0, head.length, 0);
                text = new TextDecoder().decode(head.subarray(0, bytesRead));
              } finally {
                await fd.close();
              }
              if (!classify(uri.path, text)) return;
            } else {
              const bytes = await vscode.workspace.fs.readFile(uri);
              // not a file we read (by name and its head): skip without decoding it all
              if (!classify(uri.path, new TextDecoder().decode(bytes.subarray(0, 65536)))) return;
              text = new TextDecoder('utf-8').decode(bytes);
            }
          } catch (e) {
            log.warn(`scan: cannot read ${uri.toString()}: ${(e as Error).message}`);
            return;
          }
          state = diagnostics.publish(uri, text, -1, undefined, config, size);
          diagnostics.scanned.add(uri.toString());
        }
        if (!state?.result.kind) return;
        summary.analysed++;
        if (state.entries.length) summary.withFindings++;
        for (const e of state.entries) {
          if (e.finding.severity === 'error') summary.errors++;
          else if (e.finding.severity === 'warning') summary.warnings++;
          else summary.infos++;
        }
      };
      const queue = [...uris];
      const workers = Array.from({ length: PARALLEL }, async () => {
        for (let u = queue.shift(); u && !token.isCancellationRequested; u = queue.shift()) {
          await one(u);
          done++;
          if (done % 10 === 0 || done === uris.length) progress.report({ increment: step * 10, message: `${done}/${uris.length} files` });
        }
      });
      await Promise.all(workers);
      summary.cancelled = token.isCancellationRequested;
    },
  );
  const msg =
    `Bulkhead ${summary.cancelled ? 'scan cancelled after' : 'scanned'} ${summary.analysed} file${summary.analysed === 1 ? '' : 's'}: ` +
    `${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.infos} info in ${summary.withFindings} file${summary.withFindings === 1 ? '' : 's'}.`;
  log.info(msg);
  if (!quiet) {
    void vscode.window.showInformationMessage(msg, 'Show Problems').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return summary;
}

