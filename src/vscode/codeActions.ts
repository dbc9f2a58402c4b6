import * as vscode from 'vscode';
import { parseDocument, isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { Fix, allowedSafeties, fixToFixedPoint, pickFixes, suppressionComment } from '../core';
import { loadEngine } from './engine';
import { CONFIG_FILE, exactGlob } from './configs';
import { Diagnostics, DocState, Entry, SOURCE, diagnosticKey } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(SOURCE);
export const CMD_SELECT = 'bulkhead.selectPlaceholder';
export const CMD_IGNORE_IN_CONFIG = 'bulkhead.ignoreInConfig';
export const CMD_DOCS = 'bulkhead.showRuleDocs';
export const CMD_FIX_ALL = 'bulkhead.fixAll';

class FixAllAction extends vscode.CodeAction {
  constructor(
    title: string,
    kind: vscode.CodeActionKind,
    readonly uri: vscode.Uri,
    readonly version: number,
  ) {
    super(title, kind);
  }
}

/**
 * Quick fixes, "Fix all", "Ignore … here" and "Show documentation". Fixes were
 * computed during analysis; providing them is a lookup by diagnostic.
 */
export class CodeActions implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: Diagnostics) {}

  /** The current analysis of a document, re-done now if it is stale. */
  private async fresh(doc: vscode.TextDocument): Promise<DocState | undefined> {
    const s = this.diagnostics.state(doc.uri);
    if (s && s.version === doc.version && s.generation === this.diagnostics.configs.generation) return s;
    // a document over the typing budget is analysed on save only: until then its
    // fixes (offsets into the older text) cannot be offered, and the lightbulb
    // must not run the analysis at every cursor move
    if (this.diagnostics.slow.has(doc.uri.toString())) return undefined;
    return this.diagnostics.update(doc);
  }

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const state = await this.fresh(doc);
    if (!state || token.isCancellationRequested) return [];
    const only = context.only;
    const out: vscode.CodeAction[] = [];
    const wantQuick = !only || only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(only);
    const wantFixAll = !only || FIX_ALL_KIND.contains(only) || only.contains(FIX_ALL_KIND);

    // the diagnostics VS Code passes, or, when the collection lags behind a
    // re-analysis (a document closed and reopened), ours under the range
    let ours = context.diagnostics.filter((d) => d.source === SOURCE);
    if (ours.length === 0) ours = state.entries.filter((e) => e.diagnostic.range.intersection(range)).map((e) => e.diagnostic);
    if (wantQuick) {
      const seenIgnore = new Set<string>();
      for (const d of ours) {
        const e = this.lookup(state, d);
        if (!e) continue;
        e.finding.fixes.forEach((fix, i) => out.push(this.fixAction(doc, state, e, fix, i, d)));
        const ruleId = e.finding.ruleId;
        if (!seenIgnore.has(ruleId)) {
          seenIgnore.add(ruleId);
          const ignore = this.ignoreAction(doc, state, e, d);
          if (ignore) out.push(ignore);
          const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
          docs.command = { command: CMD_DOCS, title: docs.title, arguments: [ruleId] };
          docs.diagnostics = [d];
          out.push(docs);
        }
      }
    }
    if (wantFixAll && pickFixes(state.result.findings, allowedSafeties(false)).length > 0) {
      if (only && (FIX_ALL_KIND.contains(only) || only.contains(FIX_ALL_KIND))) {
        // source.fixAll (e.g. editor.codeActionsOnSave): compute now
        const a = new FixAllAction('Fix all Bulkhead problems in this file', FIX_ALL_KIND, doc.uri, doc.version);
        a.edit = this.fixAllEdit(doc, state);
        out.push(a);
      } else if (ours.length > 0) {
        // shown in the lightbulb; the edit is computed when chosen (resolveCodeAction)
        out.push(new FixAllAction('Fix all Bulkhead problems in this file', vscode.CodeActionKind.QuickFix, doc.uri, doc.version));
      }
    }
    return out;
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (action instanceof FixAllAction && !action.edit) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === action.uri.toString());
      const state = doc && this.diagnostics.state(doc.uri);
      if (doc && state && doc.version === action.version) action.edit = this.fixAllEdit(doc, state);
    }
    return action;
  }

  private lookup(state: DocState, d: vscode.Diagnostic): Entry | undefined {
    const e = state.byKey.get(diagnosticKey(d));
    if (e) return e;
    // the diagnostic came from an older analysis: match by rule and message, nearest line
    const code = typeof d.code === 'object' ? String(d.code?.value) : String(d.code);
    let best: Entry | undefined;
    for (const x of state.entries) {
      if (x.finding.ruleId !== code || x.finding.message !== d.message) continue;
      if (!best || Math.abs(x.diagnostic.range.start.line - d.range.start.line) < Math.abs(best.diagnostic.range.start.line - d.range.start.line)) best = x;
    }
    return best;
  }

  private fixAction(doc: vscode.TextDocument, state: DocState, e: Entry, fix: Fix, i: number, d: vscode.Diagnostic): vscode.CodeAction {
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    a.diagnostics = [d];
    a.isPreferred = fix.safety === 'safe';
    const edit = new vscode.WorkspaceEdit();
    for (const t of fix.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(t.start), doc.positionAt(t.end)), t.newText);
    a.edit = edit;
    const ph = e.placeholders[i];
    if (ph) a.command = { command: CMD_SELECT, title: 'Select the placeholder', arguments: [doc.uri, ph] };
    void state;
    return a;
  }

  private ignoreAction(doc: vscode.TextDocument, state: DocState, e: Entry, d: vscode.Diagnostic): vscode.CodeAction | undefined {
    const ruleId = e.finding.ruleId;
    const style = state.result.commentStyle;
    if (style === 'none') {
      const a = new vscode.CodeAction(`Ignore ${ruleId} in this file (${CONFIG_FILE})`, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [d];
      a.command = { command: CMD_IGNORE_IN_CONFIG, title: a.title, arguments: [doc.uri, ruleId] };
      return a;
    }
    const line = e.finding.range.start.line;
    const text = doc.lineAt(line).text;
    const indent = text.slice(0, text.length - text.trimStart().length);
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const a = new vscode.CodeAction(`Ignore ${ruleId} here`, vscode.CodeActionKind.QuickFix);
    a.diagnostics = [d];
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(line, 0), indent + suppressionComment(style, ruleId) + eol);
    a.edit = edit;
    // select "reason" so the user types theirs
    const comment = suppressionComment(style, ruleId);
    const at = indent.length + comment.lastIndexOf('reason');
    a.command = { command: CMD_SELECT, title: 'Select the reason', arguments: [doc.uri, new vscode.Range(line, at, line, at + 'reason'.length)] };
    return a;
  }

  /** Safe fixes only, to a fixed point, as one minimal edit. */
  fixAllEdit(doc: vscode.TextDocument, state: DocState): vscode.WorkspaceEdit {
    const text = doc.getText();
    const c = state.config;
    const { text: fixed } = fixToFixedPoint(
      text,
      (t) => loadEngine().analyzeText(t, { path: doc.uri.path, relPath: c.relPath, languageId: doc.languageId, config: c.resolved, maxBytes: c.maxBytes, profile: c.profile, context: c.context && (() => c.context), module: c.module && (() => c.module) }).findings,
      allowedSafeties(false),
    );
    const edit = new vscode.WorkspaceEdit();
    if (fixed === text) return edit;
    let pre = 0;
    const max = Math.min(text.length, fixed.length);
    while (pre < max && text.charCodeAt(pre) === fixed.charCodeAt(pre)) pre++;
    let suf = 0;
    while (suf < max - pre && text.charCodeAt(text.length - 1 - suf) === fixed.charCodeAt(fixed.length - 1 - suf)) suf++;
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(pre), doc.positionAt(text.length - suf)), fixed.slice(pre, fixed.length - suf));
    return edit;
  }
}

/** Selects a range in the document's editor (after a fix inserted a placeholder). */
export async function selectPlaceholder(uri: vscode.Uri, range: vscode.Range): Promise<void> {
  const editor =
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ??
    (await vscode.window.showTextDocument(uri, { preserveFocus: false }));
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  editor.selection = new vscode.Selection(r.start, r.end);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * "Ignore <rule> in this file": adds an `overrides` entry for the file to the
 * `.bulkhead.yaml` that governs it (or to the workspace folder's, created if
 * missing), keeping the file's comments and layout.
 */
export async function ignoreInConfig(diagnostics: Diagnostics, uri: vscode.Uri, ruleId: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const existing = await diagnostics.configs.configFileFor(uri);
  const configUri = existing?.uri ?? (folder ? vscode.Uri.joinPath(folder.uri, CONFIG_FILE) : undefined);
  if (!configUri) {
    void vscode.window.showWarningMessage(`Bulkhead: ${uri.path} is not in a workspace folder, so there is no ${CONFIG_FILE} to record the ignore in.`);
    return undefined;
  }
  const base = existing?.dir ?? folder!.uri;
  const rel = uri.path.startsWith(base.path.replace(/\/?$/, '/')) ? uri.path.slice(base.path.replace(/\/?$/, '/').length) : uri.path;
  const glob = exactGlob(rel);

  let text = '';
  try {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === configUri.toString());
    text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
  } catch {
    text = '';
  }
  const doc = parseDocument(text || '{}');
  if (text.trim() === '') {
    text = '';
  }
  let next: string;
  if (doc.errors.length || (doc.contents && !isMap(doc.contents))) {
    // not a mapping we can edit safely: append a block
    next = text.replace(/\s*$/, '\n') + `overrides:\n  - files: ["${glob}"]\n    rules:\n      ${ruleId}: off\n`;
  } else {
    if (!doc.contents || !isMap(doc.contents)) doc.contents = doc.createNode({}) as never;
    const overrides = doc.get('overrides', true);
    let seq: YAMLSeq;
    if (isSeq(overrides)) seq = overrides;
    else {
      seq = doc.createNode([]) as YAMLSeq;
      doc.set('overrides', seq);
    }
    const same = seq.items.find((it) => isMap(it) && JSON.stringify((it as YAMLMap).toJSON()?.files) === JSON.stringify([glob])) as YAMLMap | undefined;
    if (same) {
      const rules = same.get('rules', true);
      if (isMap(rules)) rules.set(ruleId, 'off');
      else same.set('rules', doc.createNode({ [ruleId]: 'off' }));
    } else {
      const node = doc.createNode({ files: [glob], rules: { [ruleId]: 'off' } }) as YAMLMap;
      const files = node.get('files', true);
      if (isSeq(files)) files.flow = true;
      seq.items.push(node);
    }
    if (text === '') {
      next = `# Bulkhead configuration (https://github.com/bulkhead-dev/bulkhead)\n` + doc.toString({ lineWidth: 0 });
    } else next = doc.toString({ lineWidth: 0 });
  }

  const edit = new vscode.WorkspaceEdit();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === configUri.toString());
  if (open) {
    edit.replace(configUri, new vscode.Range(0, 0, open.lineCount, 0), next);
    await vscode.workspace.applyEdit(edit);
    await open.save();
  } else {
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(next));
  }
  diagnostics.configs.invalidate(configUri);
  return configUri;
}
