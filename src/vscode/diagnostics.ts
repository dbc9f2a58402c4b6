import * as vscode from 'vscode';
import { CommentStyle, Finding, LineIndex, Position as CorePosition, Severity, applyEdits } from '../core';
import type { AnalysisResult } from '../rules/engine';
import { loadEngine } from './engine';
import { isTerraformPath } from '../formats/classify';
import { ConfigFile, ConfigStore, EffectiveConfig, isConfigFile } from './configs';
import { ruleDocsUri } from './docs';

export const SOURCE = 'bulkhead';
const DEBOUNCE_MS = 250;
/**
 * Analysis runs on the extension host's thread. A document whose analysis
 * takes longer than this is re-analysed on save, not while it is typed in,
 * and a note says so: the editor must never stall keystroke after keystroke.
 */
export const TYPING_BUDGET_MS = 1500;
/** schemes whose documents are user files (not git blobs, output channels, …) */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-test-web']);

/** A finding as shown: its diagnostic, and what the code actions need. */
export interface Entry {
  diagnostic: vscode.Diagnostic;
  finding: Finding;
  /** per fix: where its first placeholder ends up after the fix (line/character) */
  placeholders: (vscode.Range | undefined)[];
}

/** What the last analysis of a document left. */
export interface DocState {
  uri: vscode.Uri;
  /** the document version analysed (-1 for files read from disk by a workspace scan) */
  version: number;
  generation: number;
  text: string;
  result: AnalysisResult;
  entries: Entry[];
  byKey: Map<string, Entry>;
  config: EffectiveConfig;
}

export function severityOf(s: Severity): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

function toRange(r: { start: CorePosition; end: CorePosition }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function codeValue(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c ? String(c.value) : String(c ?? '');
}

/** How a code action finds the finding behind a diagnostic: range + code + message. */
export function diagnosticKey(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${codeValue(d)}|${d.message}`;
}

/**
 * Analyses documents and publishes their diagnostics. Analysis results are
 * cached per document version and configuration generation, so an unchanged
 * document is never analysed twice.
 */
export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly configCollection = vscode.languages.createDiagnosticCollection(SOURCE + '-config');
  private readonly states = new Map<string, DocState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** files published by "Scan Workspace": keep their diagnostics when their editor closes */
  readonly scanned = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly analysed = new vscode.EventEmitter<DocState>();
  /** fires after each (re-)analysis, e.g. for the ECR view's image references */
  readonly onDidAnalyse = this.analysed.event;
  /** counts real analyses (not cache hits): for tests and the log */
  analyses = 0;
  /** documents over the typing budget (uri → the time their last analysis took) */
  readonly slow = new Map<string, number>();
  /** the typing budget in ms (the integration tests lower it to see the behaviour without a slow file) */
  typingBudgetMs = TYPING_BUDGET_MS;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly configs: ConfigStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.collection,
      this.configCollection,
      this.analysed,
      vscode.workspace.onDidOpenTextDocument((d) => void this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && !this.slow.has(e.document.uri.toString())) this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => void this.update(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
      configs.onDidChange(() => void this.refreshAll()),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  state(uri: vscode.Uri): DocState | undefined {
    return this.states.get(uri.toString());
  }

  /** Re-analyses every open document and the config files' problems. */
  async refreshAll(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.map((d) => this.update(d)));
    await this.publishConfigProblems();
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(doc);
      }, DEBOUNCE_MS),
    );
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    this.slow.delete(key);
    if (!this.scanned.has(key)) {
      this.states.delete(key);
      this.collection.delete(doc.uri);
    }
  }

  /** Analyses an open document (unless its version was analysed already) and publishes. */
  async update(doc: vscode.TextDocument): Promise<DocState | undefined> {
    if (!SCHEMES.has(doc.uri.scheme)) return undefined;
    if (isConfigFile(doc.uri)) {
      await this.configs.configFileFor(doc.uri);
      await this.publishConfigProblems();
      return undefined;
    }
    const config = await this.configs.effective(doc.uri);
    // the Terraform parser loads its WebAssembly once, before the first .tf file
    if (isTerraformPath(doc.uri.path, doc.languageId)) await loadEngine().initTerraform();
    if (doc.isClosed) return undefined;
    return this.analyseNow(doc, config);
  }

  /**
   * Analyses synchronously with a known config (the code action provider
   * uses it when the document changed since its diagnostics were published).
   */
  analyseNow(doc: vscode.TextDocument, config: EffectiveConfig): DocState | undefined {
    const key = doc.uri.toString();
    const prev = this.states.get(key);
    if (prev && prev.version === doc.version && prev.generation === this.configs.generation && prev.version >= 0) return prev;
    if (!config.settings.enable || config.excluded) {
      this.states.delete(key);
      this.collection.delete(doc.uri);
      return undefined;
    }
    return this.publish(doc.uri, doc.getText(), doc.version, doc.languageId, config);
  }

  /** Analyses a text (an open document's, or a file's read by the workspace scan) and publishes. */
  publish(uri: vscode.Uri, text: string, version: number, languageId: string | undefined, config: EffectiveConfig, size?: number): DocState {
    const started = Date.now();
    const result = loadEngine().analyzeText(text, {
      path: uri.path,
      relPath: config.relPath,
      languageId,
      config: config.resolved,
      maxBytes: config.maxBytes,
      profile: config.profile,
      size,
      context: config.context && (() => config.context),
      module: config.module && (() => config.module),
    });
    this.analyses++;
    const took = Date.now() - started;
    const key = uri.toString();
    if (version >= 0 && result.kind && took > this.typingBudgetMs) {
      this.slow.set(key, took);
      this.log.warn(`analysing ${config.relPath} took ${took} ms: it is re-analysed on save, not while typing`);
    } else this.slow.delete(key);
    const entries: Entry[] = [];
    const byKey = new Map<string, Entry>();
    for (const f of result.findings) {
      if (f.suppressed) continue;
      const d = new vscode.Diagnostic(toRange(f.range), f.message, severityOf(f.severity));
      d.source = SOURCE;
      d.code = { value: f.ruleId, target: ruleDocsUri(this.context, f.ruleId) };
      if (f.related?.length) d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.path), toRange(r.range)), r.message));
      const e = lazyPlaceholders({ diagnostic: d, finding: f }, text);
      entries.push(e);
      byKey.set(diagnosticKey(d), e);
    }
    if (this.slow.has(key)) {
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, Math.max(0, text.indexOf('\n'))),
        `Bulkhead: analysing this file took ${(took / 1000).toFixed(1)} s, so it is re-analysed when saved, not while you type. Findings below are from the last analysis.`,
        vscode.DiagnosticSeverity.Information,
      );
      d.source = SOURCE;
      d.code = 'bulkhead/slow-file';
      entries.push({ diagnostic: d, finding: { ruleId: 'bulkhead/slow-file', message: d.message, severity: 'info', span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [] }, placeholders: [] });
    }
    const state: DocState = { uri, version, generation: this.configs.generation, text, result, entries, byKey, config };
    this.states.set(uri.toString(), state);
    this.collection.set(
      uri,
      entries.map((e) => e.diagnostic),
    );
    const ms = Date.now() - started;
    if (result.kind) this.log.trace(`analysed ${config.relPath} (${result.kind}) v${version}: ${entries.length} findings in ${ms} ms`);
    this.analysed.fire(state);
    return state;
  }

  /** Publishes the problems of every `.bulkhead.yaml` read so far on that file. */
  async publishConfigProblems(): Promise<void> {
    const files = await this.configs.knownFiles();
    this.configCollection.clear();
    for (const f of files) this.configCollection.set(f.uri, configDiagnostics(f));
  }

  commentStyle(uri: vscode.Uri): CommentStyle {
    return this.state(uri)?.result.commentStyle ?? 'none';
  }
}

/**
 * Adds `placeholders`, computed on first read (by the code action provider):
 * each one applies its fix to the whole text and indexes its lines, which on a
 * 10,000-line CloudFormation template with 700 placeholder fixes cost 2.6x the
 * analysis itself when done for every finding on every keystroke.
 */
function lazyPlaceholders(e: Omit<Entry, 'placeholders'>, text: string): Entry {
  let cached: (vscode.Range | undefined)[] | undefined;
  return Object.defineProperty(e as Entry, 'placeholders', {
    get: () => (cached ??= e.finding.fixes.map((x) => placeholderRange(text, x))),
    enumerable: true,
  });
}

/** Where a fix's first placeholder lands once the fix is applied, as a line/character range. */
function placeholderRange(text: string, fix: Finding['fixes'][number]): vscode.Range | undefined {
  const p = fix.placeholders?.[0];
  if (!p) return undefined;
  try {
    const fixed = new LineIndex(applyEdits(text, fix.edits));
    return toRange(fixed.rangeOf(p));
  } catch {
    return undefined;
  }
}

/** A `.bulkhead.yaml` problem, placed on the key it names where that can be found. */
export function configDiagnostics(f: ConfigFile): vscode.Diagnostic[] {
  const lines = new LineIndex(f.text);
  return f.problems.map((p) => {
    let range = new vscode.Range(0, 0, 0, lines.lineText(0).length);
    const quoted = /"([^"]+)"/.exec(p.message)?.[1];
    const path = /^([\w.[\]/*-]+)(?::| must| is)/.exec(p.message)?.[1];
    const word = quoted ?? path?.split(/[.[\]]/).filter(Boolean).pop();
    if (word) {
      const at = f.text.search(new RegExp(`(^|[\\s"'])${word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}["']?\\s*:`, 'm'));
      if (at >= 0) {
        const start = f.text.indexOf(word, at);
        const pos = lines.positionAt(start);
        range = new vscode.Range(pos.line, pos.character, pos.line, pos.character + word.length);
      }
    }
    const d = new vscode.Diagnostic(range, `.bulkhead.yaml: ${p.message}`, /not valid YAML/.test(p.message) ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    d.source = SOURCE;
    return d;
  });
}
