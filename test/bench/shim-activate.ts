/**
 * Activation cost of dist/extension.js outside VS Code: require it with a
 * minimal stand-in for the `vscode` module (every API is a no-op that returns
 * a disposable or an empty value), call activate(), print JSON:
 *   { requireMs, activateMs, loaded: [lazy chunks of dist/ required meanwhile] }
 * This is the floor of activation (no extension host, no IPC); the real figure
 * comes from the VS Code section of the benchmark. Run in a fresh process.
 */
import * as path from 'path';
import Module = require('module');

const DIST = path.resolve(__dirname, '../../../dist');

function noop(): unknown {
  return disposable;
}
const disposable = { dispose() {} };
const event = () => disposable;

class EventEmitter {
  event = event;
  fire(): void {}
  dispose(): void {}
}
class Uri {
  constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', '', p);
  }
  static parse(s: string): Uri {
    return new Uri('file', '', s.replace(/^file:\/\//, ''));
  }
  static joinPath(u: Uri, ...parts: string[]): Uri {
    return new Uri(u.scheme, u.authority, path.posix.join(u.path, ...parts));
  }
  with(c: Partial<Uri>): Uri {
    return new Uri(c.scheme ?? this.scheme, c.authority ?? this.authority, c.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}
class Plain {
  constructor(...a: unknown[]) {
    Object.assign(this, { args: a });
  }
}
const channel = new Proxy({}, { get: () => noop });
const collection = { set() {}, delete() {}, clear() {}, dispose() {}, get: () => [] };

const vscode = {
  EventEmitter,
  Uri,
  Range: Plain,
  Position: Plain,
  Selection: Plain,
  Diagnostic: Plain,
  CodeAction: Plain,
  WorkspaceEdit: Plain,
  Disposable: class {
    static from(): unknown {
      return disposable;
    }
    dispose(): void {}
  },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  CodeActionKind: { QuickFix: { append: () => ({}) }, SourceFixAll: { append: () => ({}) }, Source: { append: () => ({}) }, Empty: {} },
  TextEditorRevealType: {},
  ProgressLocation: {},
  EndOfLine: { LF: 1, CRLF: 2 },
  TreeItem: Plain,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon: Plain,
  MarkdownString: Plain,
  window: {
    createOutputChannel: () => channel,
    createTreeView: () => ({ ...disposable, onDidChangeVisibility: event }),
    registerTreeDataProvider: noop,
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    visibleTextEditors: [],
    activeTextEditor: undefined,
    onDidChangeActiveTextEditor: event,
    onDidChangeVisibleTextEditors: event,
  },
  languages: { createDiagnosticCollection: () => collection, registerCodeActionsProvider: noop, registerHoverProvider: noop, getDiagnostics: () => [] },
  commands: { registerCommand: noop, executeCommand: async () => undefined },
  workspace: {
    textDocuments: [],
    workspaceFolders: undefined,
    isTrusted: true,
    getConfiguration: () => ({ get: (_k: string, d?: unknown) => d, has: () => false, inspect: () => undefined }),
    getWorkspaceFolder: () => undefined,
    createFileSystemWatcher: () => ({ ...disposable, onDidChange: event, onDidCreate: event, onDidDelete: event }),
    findFiles: async () => [],
    fs: { readFile: async () => new Uint8Array(), stat: async () => ({}) },
    onDidOpenTextDocument: event,
    onDidChangeTextDocument: event,
    onDidSaveTextDocument: event,
    onDidCloseTextDocument: event,
    onDidChangeConfiguration: event,
    onDidChangeWorkspaceFolders: event,
    onDidGrantWorkspaceTrust: event,
  },
  extensions: { getExtension: () => undefined },
  env: { language: 'en' },
};

const M = Module as unknown as { _load: (req: string, parent: unknown, isMain: boolean) => unknown };
const orig = M._load;
const loaded: string[] = [];
M._load = function (req: string, parent: unknown, isMain: boolean) {
  if (req === 'vscode') return vscode;
  if (req.startsWith('./') && (parent as { filename?: string })?.filename?.startsWith(DIST)) loaded.push(req.slice(2));
  return orig.call(this, req, parent, isMain);
};

const t0 = process.hrtime.bigint();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ext = require(path.join(DIST, 'extension.js')) as { activate(ctx: unknown): unknown };
const t1 = process.hrtime.bigint();
ext.activate({ subscriptions: [], extensionUri: Uri.file(path.dirname(DIST)), extensionPath: path.dirname(DIST), globalState: { get: () => undefined, update: async () => undefined }, workspaceState: { get: () => undefined, update: async () => undefined } });
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, activateMs: Number(t2 - t1) / 1e6, loaded }));
