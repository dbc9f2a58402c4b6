/**
 * Static reading of a CDK TypeScript file: which local names stand for which
 * aws-cdk-lib modules and classes, and the values of props written as
 * literals (or `const` identifiers bound to literals in the same file).
 * Only types are imported from 'typescript'; the runtime comes from loadTs().
 */
import type * as TS from 'typescript';
import type { Span } from '../../core';
import type { Ts } from './ts';

/** The aws-cdk-lib root module (`import * as cdk from 'aws-cdk-lib'`). */
export const ROOT = 'aws-cdk-lib';

/** 'aws-cdk-lib/aws-ecs-patterns' → 'ecs_patterns'; 'aws-cdk-lib' → ROOT. */
export function moduleOfSpecifier(spec: string): string | undefined {
  if (spec === ROOT) return ROOT;
  if (spec === 'aws-cdk-lib/core' || spec === '@aws-cdk/core') return 'core';
  const m = /^(?:aws-cdk-lib\/|@aws-cdk\/)aws-([a-z0-9-]+)$/.exec(spec);
  return m ? m[1].replace(/-/g, '_') : undefined;
}

export function specifierOfModule(mod: string): string {
  return mod === 'core' ? ROOT : `aws-cdk-lib/aws-${mod.replace(/_/g, '-')}`;
}

export interface ImportDecl {
  node: TS.ImportDeclaration;
  module: string;
  /** `import * as x` */
  ns?: string;
  /** named bindings node, when the declaration has `{ … }` */
  named?: TS.NamedImports;
}

/**
 * The syntax kinds the readers test, as numbers read once from the compiler
 * (each `ts.isX` is a getter call on its module, then a call).
 */
export interface Kinds {
  readonly Identifier: number;
  readonly VariableDeclaration: number;
  readonly PropertyAccessExpression: number;
  readonly ObjectLiteralExpression: number;
  readonly ArrayLiteralExpression: number;
  readonly StringLiteral: number;
  readonly NoSubstitutionTemplateLiteral: number;
  readonly NumericLiteral: number;
  readonly TrueKeyword: number;
  readonly FalseKeyword: number;
  readonly NewExpression: number;
  readonly CallExpression: number;
  readonly PropertyAssignment: number;
  readonly ShorthandPropertyAssignment: number;
  readonly SpreadAssignment: number;
  readonly VariableDeclarationList: number;
  readonly BinaryExpression: number;
  readonly EqualsToken: number;
  readonly PropertyDeclaration: number;
  readonly ThisKeyword: number;
  readonly TypeAssertionExpression: number;
  /**
   * What unwrap strips (parentheses, `as`, `!`, `<T>` and `satisfies`): 1 at
   * each of those kinds. A typed array read is cheap even before V8
   * optimises the caller, where a Set lookup is a call.
   */
  readonly isWrapper: Uint8Array;
}

let kinds: Kinds | undefined;
export function kindsOf(ts: Ts): Kinds {
  if (kinds) return kinds;
  const K = ts.SyntaxKind;
  const wrappers = [K.ParenthesizedExpression, K.AsExpression, K.NonNullExpression, K.TypeAssertionExpression, K.SatisfiesExpression];
  // every kind has a cell: no read past the end, which V8 handles on a slower path
  const isWrapper = new Uint8Array(Math.max(K.Count, ...wrappers) + 1);
  for (const k of wrappers) isWrapper[k] = 1;
  return (kinds = {
    Identifier: K.Identifier,
    VariableDeclaration: K.VariableDeclaration,
    PropertyAccessExpression: K.PropertyAccessExpression,
    ObjectLiteralExpression: K.ObjectLiteralExpression,
    ArrayLiteralExpression: K.ArrayLiteralExpression,
    StringLiteral: K.StringLiteral,
    NoSubstitutionTemplateLiteral: K.NoSubstitutionTemplateLiteral,
    NumericLiteral: K.NumericLiteral,
    TrueKeyword: K.TrueKeyword,
    FalseKeyword: K.FalseKeyword,
    NewExpression: K.NewExpression,
    CallExpression: K.CallExpression,
    PropertyAssignment: K.PropertyAssignment,
    ShorthandPropertyAssignment: K.ShorthandPropertyAssignment,
    SpreadAssignment: K.SpreadAssignment,
    VariableDeclarationList: K.VariableDeclarationList,
    BinaryExpression: K.BinaryExpression,
    EqualsToken: K.EqualsToken,
    PropertyDeclaration: K.PropertyDeclaration,
    ThisKeyword: K.ThisKeyword,
    TypeAssertionExpression: K.TypeAssertionExpression,
    isWrapper,
  });
}

/** Nodes nested deeper than this are not read (the file gets a note). */
export const MAX_DEPTH = 1500;

export class CdkFile {
  /** local name → module (ROOT for aws-cdk-lib itself) */
  readonly ns = new Map<string, string>();
  /** local name → qualified name: 'ecs.Cluster', 'core.Stack', or a module 'ecs' (from `aws_ecs`) */
  readonly named = new Map<string, string>();
  readonly decls: ImportDecl[] = [];
  /** every import declaration of the file, CDK or not (new imports go after the last) */
  lastImport?: TS.Node;
  /** const name → initialisers (a name declared twice is ambiguous: not used) */
  readonly consts = new Map<string, TS.Expression[]>();
  /** every identifier text in the file (to avoid clashes when adding imports) */
  readonly identifiers: { has(name: string): boolean };
  /** every `new` expression, in source order */
  readonly news: TS.NewExpression[] = [];
  /** every call expression, in source order */
  readonly calls: TS.CallExpression[] = [];
  /** receivers of escape hatches: `x.node.defaultChild`, `x.node.findChild(…)` */
  readonly hatches: TS.Expression[] = [];
  /** values of properties named `env` (a stack's environment: `{ account, region }`) */
  readonly envs: TS.Node[] = [];
  /** the file nests deeper than MAX_DEPTH: what lies below was not read */
  deep = false;
  readonly quote: string;
  readonly semi: boolean;
  readonly K: Kinds;

  constructor(
    readonly ts: Ts,
    readonly sf: TS.SourceFile,
    readonly text: string,
  ) {
    this.K = kindsOf(ts);
    let quote: string | undefined;
    let semi: boolean | undefined;
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) {
        this.lastImport = st;
        const spec = ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : '';
        quote ??= text.charAt(st.moduleSpecifier.getStart(sf));
        semi ??= text.charAt(st.end - 1) === ';';
        const mod = moduleOfSpecifier(spec);
        if (!mod || !st.importClause || st.importClause.isTypeOnly) continue;
        const nb = st.importClause.namedBindings;
        const decl: ImportDecl = { node: st, module: mod };
        if (nb && ts.isNamespaceImport(nb)) {
          decl.ns = nb.name.text;
          this.ns.set(nb.name.text, mod);
        } else if (nb && ts.isNamedImports(nb)) {
          decl.named = nb;
          for (const el of nb.elements) {
            if (el.isTypeOnly) continue;
            const imported = (el.propertyName ?? el.name).text;
            this.named.set(el.name.text, qualify(mod, imported));
          }
        }
        if (st.importClause.name && mod !== ROOT) this.ns.set(st.importClause.name.text, mod); // default import of a module namespace (esModuleInterop)
        this.decls.push(decl);
      } else if (ts.isImportEqualsDeclaration(st)) {
        this.lastImport = st;
        const ref = st.moduleReference;
        if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) {
          const mod = moduleOfSpecifier(ref.expression.text);
          if (mod) this.ns.set(st.name.text, mod);
        }
      }
    }
    this.quote = quote === '"' ? '"' : "'";
    this.semi = semi ?? true;
    // one walk of the syntax tree for everything the readers look for; it
    // also sets the parent pointers, which the parse leaves to it (the
    // compiler's own pass allocates a work list per node). Recursive down to
    // MAX_DEPTH (a few frames a level, fewer than the parser's own), below
    // that iterative, only to set the parents: nothing there is read.
    const K = this.K;
    const forEachChild = ts.forEachChild;
    let parent: TS.Node = sf;
    let depth = 0;
    const visit = (n: TS.Node): undefined => {
      (n as { parent: TS.Node }).parent = parent;
      if (depth >= MAX_DEPTH) {
        this.deep = true;
        setParentsBelow(ts, n);
        return undefined;
      }
      switch (n.kind) {
        case K.VariableDeclaration:
          this.declaration(n as TS.VariableDeclaration);
          break;
        case K.NewExpression:
          this.news.push(n as TS.NewExpression);
          break;
        case K.CallExpression:
          this.calls.push(n as TS.CallExpression);
          break;
        case K.PropertyAccessExpression: {
          const pa = n as TS.PropertyAccessExpression;
          // escape hatches: `x.node.defaultChild`, `x.node.findChild(…)`
          const name = pa.name.text;
          if ((name === 'defaultChild' || name === 'findChild') && pa.expression.kind === K.PropertyAccessExpression && (pa.expression as TS.PropertyAccessExpression).name.text === 'node') this.hatches.push((pa.expression as TS.PropertyAccessExpression).expression);
          break;
        }
        case K.PropertyAssignment: {
          const pa = n as TS.PropertyAssignment;
          if ((pa.name.kind === K.Identifier || pa.name.kind === K.StringLiteral) && (pa.name as TS.Identifier | TS.StringLiteral).text === 'env') this.envs.push(pa.initializer);
          break;
        }
        case K.ShorthandPropertyAssignment: {
          const sp = n as TS.ShorthandPropertyAssignment;
          if (sp.name.text === 'env') this.envs.push(sp.name);
          break;
        }
      }
      parent = n;
      depth++;
      forEachChild(n, visit);
      depth--;
      parent = (n as { parent: TS.Node }).parent;
      return undefined;
    };
    forEachChild(sf, visit);
    // every identifier text of the file: the parser keeps them (internal in
    // TypeScript 5; collected here should a version not have them)
    const known = (sf as { identifiers?: ReadonlyMap<string, string> }).identifiers;
    this.identifiers = known instanceof Map ? known : identifiersOf(ts, sf);
  }

  private declaration(n: TS.VariableDeclaration): void {
    const K = this.K;
    if (n.name.kind !== K.Identifier || !n.initializer) return;
    const name = (n.name as TS.Identifier).text;
    const list = n.parent;
    const isConst = list.kind === K.VariableDeclarationList && (list.flags & this.ts.NodeFlags.Const) !== 0;
    if (isConst) {
      // `const x = require('aws-cdk-lib/aws-ecs')`
      const init = n.initializer;
      if (init.kind === K.CallExpression) {
        const c = init as TS.CallExpression;
        if (c.expression.kind === K.Identifier && (c.expression as TS.Identifier).text === 'require' && c.arguments.length === 1 && c.arguments[0].kind === K.StringLiteral) {
          const mod = moduleOfSpecifier((c.arguments[0] as TS.StringLiteral).text);
          if (mod) this.ns.set(name, mod);
        }
      }
    }
    const arr = this.consts.get(name);
    // only consts are trusted; a `let` of the same name makes the name ambiguous
    const value = isConst ? n.initializer : (undefined as unknown as TS.Expression);
    if (arr) arr.push(value);
    else this.consts.set(name, [value]);
  }

  span(n: TS.Node): Span {
    return { start: this.start(n), end: n.end };
  }

  /**
   * Where a node's first token starts, past the spaces and comments before
   * it: what `getStart` gives. Read here for plain ASCII trivia (most spans
   * a reader takes); anything else (other white space, a conflict marker, a
   * missing node, an unclosed comment) is left to the compiler.
   */
  start(n: TS.Node): number {
    const text = this.text;
    let i = n.pos;
    if (i >= n.end) return n.getStart(this.sf);
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 11 || c === 12) i++;
      else if (c === 47 /* / */) {
        const d = text.charCodeAt(i + 1);
        if (d === 47) {
          i += 2;
          for (let e = text.charCodeAt(i); i < text.length && e !== 10 && e !== 13 && e !== 0x2028 && e !== 0x2029; e = text.charCodeAt(++i));
        } else if (d === 42) {
          const e = text.indexOf('*/', i + 2);
          if (e < 0) return n.getStart(this.sf);
          i = e + 2;
        } else return i;
      } else if (c > 127 || c === 60 /* < */ || c === 61 /* = */ || c === 62 /* > */ || c === 124 /* | */ || c === 35 /* # */) return n.getStart(this.sf);
      else return i;
    }
  }

  /** The single const initialiser of a name, or undefined. */
  constOf(name: string): TS.Expression | undefined {
    const arr = this.consts.get(name);
    return arr && arr.length === 1 && arr[0] ? arr[0] : undefined;
  }

  /**
   * The qualified aws-cdk-lib name an expression stands for: 'ecs.Cluster',
   * 'ecs.LogDrivers.awsLogs', 'ecr.TagMutability.IMMUTABLE', a module 'ecs',
   * or ROOT. Undefined when it is not (visibly) from aws-cdk-lib.
   */
  resolve(e: TS.Node | undefined, depth = 0): string | undefined {
    const K = this.K;
    if (!e || depth > 20) return undefined;
    e = unwrap(this.ts, e);
    if (e.kind === K.Identifier) {
      const t = (e as TS.Identifier).text;
      return this.named.get(t) ?? this.ns.get(t);
    }
    if (e.kind === K.PropertyAccessExpression) {
      const pa = e as TS.PropertyAccessExpression;
      if (pa.name.kind !== K.Identifier) return undefined;
      const q = this.resolve(pa.expression, depth + 1);
      if (!q) return undefined;
      const name = pa.name.text;
      if (q === ROOT) return name.startsWith('aws_') ? name.slice(4) : `core.${name}`;
      return `${q}.${name}`;
    }
    return undefined;
  }

  /** The object literal an expression is, through consts; undefined otherwise. */
  object(e: TS.Node | undefined, depth = 0): TS.ObjectLiteralExpression | undefined {
    const K = this.K;
    if (!e || depth > 10) return undefined;
    e = unwrap(this.ts, e);
    if (e.kind === K.ObjectLiteralExpression) return e as TS.ObjectLiteralExpression;
    if (e.kind === K.Identifier) return this.object(this.constOf((e as TS.Identifier).text), depth + 1);
    return undefined;
  }

  array(e: TS.Node | undefined, depth = 0): TS.ArrayLiteralExpression | undefined {
    const K = this.K;
    if (!e || depth > 10) return undefined;
    e = unwrap(this.ts, e);
    if (e.kind === K.ArrayLiteralExpression) return e as TS.ArrayLiteralExpression;
    if (e.kind === K.Identifier) return this.array(this.constOf((e as TS.Identifier).text), depth + 1);
    return undefined;
  }

  /** A string literal's value and the span of the literal (through consts). */
  string(e: TS.Node | undefined, depth = 0): { value: string; span: Span } | undefined {
    const K = this.K;
    if (!e || depth > 10) return undefined;
    e = unwrap(this.ts, e);
    if (e.kind === K.StringLiteral || e.kind === K.NoSubstitutionTemplateLiteral) return { value: (e as TS.StringLiteral).text, span: this.span(e) };
    if (e.kind === K.Identifier) {
      const c = this.constOf((e as TS.Identifier).text);
      const s = this.string(c, depth + 1);
      return s ? { value: s.value, span: this.span(e) } : undefined;
    }
    return undefined;
  }

  bool(e: TS.Node | undefined, depth = 0): boolean | undefined {
    const K = this.K;
    if (!e || depth > 10) return undefined;
    e = unwrap(this.ts, e);
    if (e.kind === K.TrueKeyword) return true;
    if (e.kind === K.FalseKeyword) return false;
    if (e.kind === K.Identifier) return this.bool(this.constOf((e as TS.Identifier).text), depth + 1);
    return undefined;
  }

  /** A numeric literal's value (through consts). */
  number(e: TS.Node | undefined, depth = 0): number | undefined {
    const K = this.K;
    if (!e || depth > 10) return undefined;
    e = unwrap(this.ts, e);
    if (e.kind === K.NumericLiteral) return Number((e as TS.NumericLiteral).text);
    if (e.kind === K.Identifier) return this.number(this.constOf((e as TS.Identifier).text), depth + 1);
    return undefined;
  }

  /** `new X(…)` or `X(…)` call: the qualified callee. */
  callee(e: TS.Node | undefined): string | undefined {
    const K = this.K;
    if (!e) return undefined;
    e = unwrap(this.ts, e);
    if (e.kind === K.NewExpression || e.kind === K.CallExpression) return this.resolve((e as TS.CallExpression).expression);
    return undefined;
  }

  /** The value of a const identifier, or the expression itself. */
  deref(e: TS.Expression, depth = 0): TS.Expression {
    const u = unwrap(this.ts, e) as TS.Expression;
    if (depth < 10 && u.kind === this.K.Identifier) {
      const c = this.constOf((u as TS.Identifier).text);
      if (c) return this.deref(c, depth + 1);
    }
    return u;
  }
}

/** Sets the parent pointers of a subtree, without recursion (however deep it nests). */
function setParentsBelow(ts: Ts, root: TS.Node): void {
  const stack: TS.Node[] = [root];
  const push = (c: TS.Node): undefined => {
    (c as { parent: TS.Node }).parent = current;
    stack.push(c);
    return undefined;
  };
  let current = root;
  while (stack.length > 0) {
    current = stack.pop()!;
    ts.forEachChild(current, push);
  }
}

/** Every identifier text under a node, without recursion. */
export function identifiersOf(ts: Ts, root: TS.Node): Set<string> {
  const out = new Set<string>();
  const stack: TS.Node[] = [root];
  const push = (c: TS.Node): undefined => {
    stack.push(c);
    return undefined;
  };
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, push);
  }
  return out;
}

function qualify(mod: string, imported: string): string {
  if (mod === ROOT) return imported.startsWith('aws_') ? imported.slice(4) : `core.${imported}`;
  return `${mod}.${imported}`;
}

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>` assertions. */
export function unwrap(ts: Ts, e: TS.Node): TS.Node {
  const w = kindsOf(ts).isWrapper;
  for (let i = 0; i < 50 && w[e.kind] === 1; i++) e = (e as TS.ParenthesizedExpression).expression;
  return e;
}

export class Prop {
  private keySpan?: Span;

  constructor(
    private readonly file: CdkFile,
    readonly name: string,
    readonly node: TS.PropertyAssignment | TS.ShorthandPropertyAssignment,
    /** the initialiser (for a shorthand `{ image }`, the identifier) */
    readonly value: TS.Expression,
  ) {}

  /** the key as written (computed when asked: most props are never reported) */
  get key(): Span {
    return (this.keySpan ??= this.file.span(this.node.name));
  }
}

/** The properties of an object literal, as far as they can be read. */
export class Props {
  readonly hasSpread: boolean;
  /** some key is computed or a method/accessor: it may be any name */
  readonly hasOpaque: boolean;
  private readonly map = new Map<string, Prop>();

  constructor(
    readonly file: CdkFile,
    readonly node: TS.ObjectLiteralExpression,
  ) {
    const K = file.K;
    let spread = false;
    let opaque = false;
    for (const p of node.properties) {
      const kind = p.kind;
      if (kind === K.SpreadAssignment) {
        spread = true;
        // a later literal key overrides the spread; an earlier one is overridden by it
        this.map.clear();
        continue;
      }
      if (kind === K.ShorthandPropertyAssignment) {
        const sp = p as TS.ShorthandPropertyAssignment;
        this.map.set(sp.name.text, new Prop(file, sp.name.text, sp, sp.name));
        continue;
      }
      if (kind === K.PropertyAssignment) {
        const pa = p as TS.PropertyAssignment;
        const n = pa.name;
        const nk = n.kind;
        const name = nk === K.Identifier || nk === K.StringLiteral || nk === K.NumericLiteral || nk === K.NoSubstitutionTemplateLiteral ? (n as TS.Identifier).text : undefined;
        if (name === undefined) {
          opaque = true;
          continue;
        }
        this.map.set(name, new Prop(file, name, pa, pa.initializer));
        continue;
      }
      opaque = true;
    }
    this.hasSpread = spread;
    this.hasOpaque = opaque;
  }

  get(name: string): Prop | undefined {
    return this.map.get(name);
  }

  /** 'missing' only when nothing (a spread, a computed key) could supply it */
  state(name: string): 'present' | 'missing' | 'unknown' {
    if (this.map.has(name)) return 'present';
    return this.hasSpread || this.hasOpaque ? 'unknown' : 'missing';
  }

  all(): Prop[] {
    return [...this.map.values()];
  }
}

/** `const x = new …` → 'x'; `this.x = new …` → 'this.x' (also for calls: `const c = td.addContainer(…)`). */
export function bindingOf(ts: typeof TS, n: TS.Node): string | undefined {
  const K = kindsOf(ts);
  let p = n.parent;
  // through what unwrap strips, but a `<T>` assertion
  while (p && K.isWrapper[p.kind] === 1 && p.kind !== K.TypeAssertionExpression) p = p.parent;
  if (!p) return undefined;
  const k = p.kind;
  if (k === K.VariableDeclaration) {
    const name = (p as TS.VariableDeclaration).name;
    return name.kind === K.Identifier ? (name as TS.Identifier).text : undefined;
  }
  if (k === K.BinaryExpression) {
    const b = p as TS.BinaryExpression;
    return b.operatorToken.kind === K.EqualsToken ? keyOf(ts, unwrap(ts, b.left)) : undefined;
  }
  if (k === K.PropertyDeclaration) {
    const name = (p as TS.PropertyDeclaration).name;
    return name.kind === K.Identifier ? `this.${(name as TS.Identifier).text}` : undefined;
  }
  return undefined;
}

export function keyOf(ts: typeof TS, e: TS.Node): string | undefined {
  const K = kindsOf(ts);
  if (e.kind === K.Identifier) return (e as TS.Identifier).text;
  if (e.kind === K.PropertyAccessExpression) {
    const pa = e as TS.PropertyAccessExpression;
    if (pa.expression.kind === K.ThisKeyword && pa.name.kind === K.Identifier) return `this.${pa.name.text}`;
  }
  return undefined;
}
