/**
 * Minimal text edits on CDK TypeScript: set, insert and remove properties of
 * object literals keeping the user's indentation, quotes and trailing-comma
 * style, and add imports once, in the file's own import style.
 */
import type * as TS from 'typescript';
import type { LineIndex, Span, TextEdit } from '../../core';
import { CdkFile, Prop, ROOT, specifierOfModule } from './ast';

const IDENT = /^[A-Za-z_$][\w$]*$/;
const BACKSLASHES = /\\/g;
const DOUBLE_QUOTES = /"/g;
const SINGLE_QUOTES = /'/g;

export class CdkEditor {
  constructor(
    readonly file: CdkFile,
    readonly lines: LineIndex,
  ) {}

  get text(): string {
    return this.file.text;
  }

  /** A string literal in the file's quote style. */
  str(s: string): string {
    const q = this.file.quote;
    return q + s.replace(BACKSLASHES, '\\\\').replace(q === '"' ? DOUBLE_QUOTES : SINGLE_QUOTES, `\\${q}`) + q;
  }

  key(name: string): string {
    return IDENT.test(name) ? name : this.str(name);
  }

  replace(node: TS.Node | Span, newText: string): TextEdit[] {
    const s = 'kind' in node ? this.file.span(node) : node;
    return [{ start: s.start, end: s.end, newText }];
  }

  /** Replaces the property's value, or inserts the property. */
  setProp(obj: TS.ObjectLiteralExpression, prop: Prop | undefined, name: string, valueText: string): TextEdit[] {
    if (prop) {
      if (prop.node.kind === this.file.K.ShorthandPropertyAssignment) return this.replace(prop.node, `${this.key(name)}: ${valueText}`);
      return this.replace(prop.value, valueText);
    }
    return this.insertProp(obj, `${this.key(name)}: ${valueText}`);
  }

  /** Inserts `entry` (e.g. `privileged: false`) as the last property of an object literal. */
  insertProp(obj: TS.ObjectLiteralExpression, entry: string): TextEdit[] {
    return this.insertElement(obj.properties, obj, entry);
  }

  /** Inserts an element at the end of an object literal, array literal or named-imports list. */
  insertElement(elements: TS.NodeArray<TS.Node>, container: TS.Node, entry: string): TextEdit[] {
    const text = this.text;
    const lines = this.lines;
    const eol = lines.eol;
    const open = this.file.start(container);
    const close = container.getEnd() - 1;
    // a literal the parser had to recover (no closing bracket): no sound edit
    if (close <= open || !'}])'.includes(text[close] ?? '')) return [];
    if (elements.length === 0) {
      const inner = text.slice(open + 1, close);
      if (inner.trim() === '') return [{ start: open + 1, end: close, newText: ` ${entry} ` }];
      return [{ start: open + 1, end: open + 1, newText: ` ${entry},` }];
    }
    const last = elements[elements.length - 1];
    const lastStartLine = lines.positionAt(this.file.start(last)).line;
    const openLine = lines.positionAt(open).line;
    const multiline = lastStartLine !== openLine;
    const trailing = elements.hasTrailingComma;
    let after = last.getEnd();
    if (trailing) {
      const c = text.indexOf(',', after);
      if (c >= 0 && c < close) after = c + 1;
    }
    if (multiline) {
      const indent = lines.indentOf(lastStartLine);
      const line = lines.positionAt(after).line;
      const rest = text.slice(after, lines.lineEnd(line));
      const at = /^\s*(\/\/.*)?$/.test(rest) ? lines.lineEnd(line) : after;
      const newText = `${eol}${indent}${entry}${trailing ? ',' : ''}`;
      if (trailing) return [{ start: at, end: at, newText }];
      if (at === after) return [{ start: at, end: at, newText: `,${newText}` }];
      return [
        { start: after, end: after, newText: ',' },
        { start: at, end: at, newText },
      ];
    }
    if (trailing) return [{ start: after, end: after, newText: ` ${entry},` }];
    return [{ start: after, end: after, newText: `, ${entry}` }];
  }

  /** Removes an element (property, array item, argument) with its comma, and its line when it has one to itself. */
  removeElement(elements: TS.NodeArray<TS.Node>, el: TS.Node): TextEdit[] {
    const text = this.text;
    const lines = this.lines;
    const i = elements.indexOf(el);
    if (i < 0) return [];
    const start = this.file.start(el);
    let end = el.getEnd();
    const m = /^\s*,/.exec(text.slice(end, end + 200));
    const hasComma = !!m && (i < elements.length - 1 || elements.hasTrailingComma);
    if (hasComma) end += m![0].length;
    const sl = lines.positionAt(start).line;
    const el_ = lines.positionAt(end).line;
    const before = text.slice(lines.lineStart(sl), start);
    const rest = text.slice(end, lines.lineEnd(el_));
    if (before.trim() === '' && /^\s*(\/\/.*)?$/.test(rest) && el_ + 1 < lines.lineCount) {
      // the element has its lines to itself: remove them whole
      return [{ start: lines.lineStart(sl), end: lines.lineStart(el_ + 1), newText: '' }];
    }
    if (hasComma) {
      const ws = /^[ \t]*/.exec(text.slice(end))![0].length;
      return [{ start, end: end + ws, newText: '' }];
    }
    if (i > 0) {
      const prevEnd = elements[i - 1].getEnd();
      return [{ start: prevEnd, end: el.getEnd(), newText: '' }];
    }
    return [{ start, end: el.getEnd(), newText: '' }];
  }

  /** A session collecting the import edits of one fix, so each import is added once. */
  imports(): ImportSession {
    return new ImportSession(this);
  }
}

/**
 * Gives the text that refers to `module.Name` in this file, adding an import
 * in the file's style when needed: a namespace (`ecs.Secret`), a named import
 * (`Secret`), the root namespace (`cdk.aws_ecs.Secret`) or `aws_ecs as ecs`
 * from 'aws-cdk-lib'.
 */
export class ImportSession {
  readonly edits: TextEdit[] = [];
  private readonly added = new Map<string, string>();
  private newLines: string[] = [];
  private namedAdds = new Map<TS.NamedImports, string[]>();

  constructor(readonly ed: CdkEditor) {}

  ref(mod: string, name: string): string {
    const key = `${mod}.${name}`;
    const had = this.added.get(key);
    if (had) return had;
    const out = this.find(mod, name);
    this.added.set(key, out);
    return out;
  }

  private find(mod: string, name: string): string {
    const f = this.ed.file;
    for (const [local, m] of f.ns) if (m === mod) return `${local}.${name}`;
    for (const [local, q] of f.named) if (q === `${mod}.${name}`) return local;
    for (const [local, q] of f.named) if (q === mod) return `${local}.${name}`;
    const alias = this.alias(mod);
    const modLocal = this.added.get(`module:${mod}`);
    if (modLocal) return `${modLocal}.${name}`;
    const q = f.quote;
    const semi = f.semi ? ';' : '';
    // the file imports submodules as namespaces: add one more
    if (f.decls.some((d) => d.ns && d.module !== ROOT)) {
      this.addLine(`import * as ${alias} from ${q}${specifierOfModule(mod)}${q}${semi}`);
      this.added.set(`module:${mod}`, alias);
      return `${alias}.${name}`;
    }
    // the file imports modules as `import { aws_ecs as ecs } from 'aws-cdk-lib'`
    const rootNamed = f.decls.find((d) => d.module === ROOT && d.named && d.named.elements.some((e) => (e.propertyName ?? e.name).text.startsWith('aws_')));
    if (rootNamed?.named) {
      this.addNamed(rootNamed.named, `aws_${mod} as ${alias}`);
      this.added.set(`module:${mod}`, alias);
      return `${alias}.${name}`;
    }
    // the file uses named imports from the module's own path
    const own = f.decls.find((d) => d.module === mod && d.named);
    if (own?.named && !f.identifiers.has(name)) {
      this.addNamed(own.named, name);
      return name;
    }
    for (const [local, m] of f.ns) if (m === ROOT) return `${local}.aws_${mod}.${name}`;
    const namedStyle = f.decls.length > 0 && f.decls.every((d) => d.named && d.module !== ROOT) && !f.identifiers.has(name);
    if (namedStyle) {
      this.addLine(`import { ${name} } from ${q}${specifierOfModule(mod)}${q}${semi}`);
      return name;
    }
    this.addLine(`import * as ${alias} from ${q}${specifierOfModule(mod)}${q}${semi}`);
    this.added.set(`module:${mod}`, alias);
    return `${alias}.${name}`;
  }

  private alias(mod: string): string {
    let a = mod === 'ecs_patterns' ? 'ecsPatterns' : mod;
    while (this.ed.file.identifiers.has(a)) a += '_';
    return a;
  }

  private addNamed(named: TS.NamedImports, entry: string): void {
    const list = this.namedAdds.get(named) ?? [];
    list.push(entry);
    this.namedAdds.set(named, list);
    this.rebuild();
  }

  private addLine(line: string): void {
    this.newLines.push(line);
    this.rebuild();
  }

  private rebuild(): void {
    const ed = this.ed;
    const f = ed.file;
    this.edits.length = 0;
    for (const [named, entries] of this.namedAdds) this.edits.push(...ed.insertElement(named.elements, named, entries.join(', ')));
    if (this.newLines.length) {
      const eol = ed.lines.eol;
      if (f.lastImport) {
        const at = f.lastImport.getEnd();
        this.edits.push({ start: at, end: at, newText: this.newLines.map((l) => eol + l).join('') });
      } else {
        this.edits.push({ start: 0, end: 0, newText: this.newLines.map((l) => l + eol).join('') });
      }
    }
  }
}

/**
 * Offsets of `marker` occurrences in the fixed text, for Fix.placeholders:
 * each edit's newText may contain the placeholder text once.
 */
export function placeholdersIn(edits: TextEdit[], placeholder: string): Span[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  let delta = 0;
  for (const e of sorted) {
    const i = e.newText.indexOf(placeholder);
    if (i >= 0) out.push({ start: e.start + delta + i, end: e.start + delta + i + placeholder.length });
    delta += e.newText.length - (e.end - e.start);
  }
  return out;
}

/**
 * `DB_PASSWORD` → `DbPassword`: a construct id from an environment
 * variable's name (ASCII letters and digits, each word capitalised).
 */
export function pascalCase(name: string): string {
  let out = '';
  let wordStart = true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      wordStart = true;
      continue;
    }
    out += wordStart ? name[i].toUpperCase() : name[i].toLowerCase();
    wordStart = false;
  }
  return out;
}
