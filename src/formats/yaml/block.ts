import { Document, isScalar, Scalar, YAMLWarning } from 'yaml';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { newMap, newPair, newScalar, newSeq } from './nodes';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * Block YAML as manifests and templates are written (block maps and
 * sequences, plain and quoted scalars, also over several lines, literal and
 * folded block scalars (`|`, `>`, `|-`, `>-`), comments, blank lines, `---`
 * documents, CloudFormation short tags, one-line flow collections) read
 * straight into the nodes the `yaml` package would compose: the same
 * classes, values, scalar styles, tags, blank-line marks, tag warnings and
 * all three offsets of every range, so every reader and writer works on
 * either. `yaml` runs a general lexer, parser and composer, about 1 ms per
 * 100 lines; this reader scans each line once.
 *
 * What it does not take it leaves to `yaml` (undefined): anchors and
 * aliases, kept block scalars (`|+`, `>+`), keys and flow items over
 * several lines, flow collections over several lines, a tag over a
 * sequence item's block or a scalar below, explicit keys, directives,
 * tabs, a carriage return alone, anything `yaml` would report as an
 * error, and any layout whose ranges it does not reproduce. Comments
 * are not kept on the nodes (`comment`, `commentBefore`): nothing
 * downstream reads them, and their place in the ranges is reproduced.
 */
export function parseBlockYaml(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed[] | undefined {
  if (!text.length || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined; // a carriage return alone
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0; // tag warnings are Errors: no stack is read
  try {
    return new BlockReader(text, options).documents();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
}

/** Thrown inside the reader for anything it leaves to `yaml`. */
const BAIL = new Error('not plain block YAML');

const SPACE = 0x20;
const LF = 0x0a;
/** only ever before a line feed (a lone one is left to `yaml`): a line break starts at either */
const CR = 0x0d;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;

/** One line of the text. */
interface Line {
  start: number;
  /** columns of leading spaces */
  indent: number;
  /** offset of the first character that is not a space (the line break, or the end, on a blank line) */
  first: number;
  /** offset of the line break, or the end of the text */
  end: number;
  /** offset of the next line */
  next: number;
  kind: 'blank' | 'comment' | 'content' | 'doc' | 'eof';
}

/**
 * Blank and comment lines where `yaml` would keep them as the start of a
 * collection's next item: they may mark the next node (`spaceBefore`, an
 * empty line before any comment), move up to the parent collection when it
 * ends, or end the collection's range.
 */
interface Trivia {
  end: number;
  spaceBefore: boolean;
  /** the deepest comment's indentation, -1 for blank lines only */
  commentIndent: number;
}

interface Block {
  node: YAMLMap | YAMLSeq;
  /** what moves up to the parent when this collection ends */
  trivia: Trivia | null;
}

const SCALAR = Symbol.for('yaml.scalar');

/** The first characters of every plain scalar the YAML 1.2 core schema resolves to something other than a string. */
export const MAY_RESOLVE = new Set([...'~nNtTfF0123456789+-.'].map((c) => c.charCodeAt(0)));

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (msg: string) => void, options: unknown): unknown;
}

class BlockReader {
  private pos = 0;
  private doc!: Document.Parsed;
  private tags!: ScalarTag[];
  private strTag!: ScalarTag;

  constructor(
    private readonly text: string,
    private readonly options: ParseOptions & DocumentOptions & SchemaOptions,
  ) {}

  documents(): Document.Parsed[] {
    const docs: Document.Parsed[] = [];
    let line = this.skipTrivia(0).line;
    if (line.kind === 'eof') throw BAIL;
    for (;;) {
      this.doc = new Document(undefined, this.options) as Document.Parsed;
      const schema = this.doc.schema as unknown as { tags: ScalarTag[]; [SCALAR]: ScalarTag };
      this.tags = schema.tags;
      this.strTag = schema[SCALAR];
      let start = line.start;
      let spaceBefore = false;
      if (line.kind === 'doc') {
        if (this.text.slice(line.start + 3, line.end).trim()) throw BAIL; // `--- value`, or a comment on the marker
        this.doc.directives.docStart = true;
        const t = this.skipTrivia(line.next);
        spaceBefore = t.blankFirst;
        line = t.line;
      } else start = line.first;
      if (line.kind !== 'content' || line.indent !== 0) throw BAIL; // an empty document, or an indented root
      this.pos = line.start;
      const root = this.isSeqItem(line) ? this.seq(0, line.first, -1) : this.map(0, line.first);
      if (spaceBefore) root.node.spaceBefore = true;
      const contentEnd = root.node.range![2];
      this.doc.contents = root.node as Document.Parsed['contents'];
      this.doc.range = [start, contentEnd, root.trivia ? root.trivia.end : contentEnd];
      docs.push(this.doc);
      line = this.lineAt(this.pos);
      if (line.kind === 'eof') return docs;
      if (line.kind !== 'doc') throw BAIL;
    }
  }

  lineAt(start: number): Line {
    const t = this.text;
    if (start >= t.length) return { start, indent: 0, first: start, end: start, next: start, kind: 'eof' };
    let i = start;
    while (t.charCodeAt(i) === SPACE) i++;
    let end = t.indexOf('\n', i);
    if (end < 0) end = t.length;
    const next = end < t.length ? end + 1 : end;
    if (t.charCodeAt(end - 1) === CR && end > i) end--;
    const c = t.charCodeAt(i);
    let kind: Line['kind'] = 'content';
    if (i === end) kind = 'blank';
    else if (c === HASH) kind = 'comment';
    else if (i === start) {
      if (c === 0x25) throw BAIL; // a directive
      if ((c === DASH || c === 0x2e) && t.startsWith(c === DASH ? '---' : '...', i)) {
        const after = t.charCodeAt(i + 3);
        if (after !== after || after === SPACE || after === LF || after === CR) {
          if (c !== DASH) throw BAIL; // a document end marker
          kind = 'doc';
        }
      }
    }
    return { start, indent: i - start, first: i, end, next, kind };
  }

  /** Blank and comment lines from `start` on; whether an empty line came before any comment. */
  private skipTrivia(start: number): { line: Line; blankFirst: boolean; any: boolean } {
    let blankFirst = false;
    let comment = false;
    let any = false;
    for (;;) {
      const line = this.lineAt(start);
      if (line.kind === 'blank') {
        if (!comment) blankFirst = true;
      } else if (line.kind === 'comment') comment = true;
      else return { line, blankFirst, any };
      any = true;
      start = line.next;
    }
  }

  private isSeqItem(line: Line): boolean {
    return this.text.charCodeAt(line.first) === DASH && this.isDashSpace(line.first);
  }

  /** The offset of the line break (or end) if only spaces and a comment follow `i` on its line. */
  private restOfLine(i: number): number {
    const t = this.text;
    const from = i;
    while (t.charCodeAt(i) === SPACE) i++;
    if (t.charCodeAt(i) === HASH) {
      if (i === from) throw BAIL; // a comment must follow a space
      const nl = t.indexOf('\n', i);
      return nl < 0 ? t.length : t.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    }
    const c = t.charCodeAt(i);
    if (c === LF || c === CR || c !== c) return i;
    return -1;
  }

  /** A block map whose first key is at `keyAt`, in column `indent`. */
  private map(indent: number, keyAt: number): Block {
    const map = newMap();
    let at = keyAt;
    let pending: Trivia | null = null;
    let trivia: Trivia | null;
    for (;;) {
      const key = this.key(at);
      if (pending?.spaceBefore) key.spaceBefore = true;
      const v = this.mapValue(indent, this.colon + 1);
      map.items.push(newPair(key, v.node));
      trivia = v.trivia;
      const line = this.lineAt(this.pos);
      if (line.kind === 'content' && line.indent === indent && !this.isSeqItem(line)) {
        pending = trivia;
        at = line.first;
        continue;
      }
      if (line.kind === 'content' && line.indent >= indent) throw BAIL; // deeper than a key, or a sequence item beside keys
      break;
    }
    return this.end(map, indent, keyAt, (map.items[map.items.length - 1].value as Scalar).range![2], trivia);
  }

  /** A block sequence whose first `-` is at `dashAt`, in column `indent`; `mapIndent` is its parent map's. */
  private seq(indent: number, dashAt: number, mapIndent: number): Block {
    const seq = newSeq();
    let dash = dashAt;
    let pending: Trivia | null = null;
    let trivia: Trivia | null;
    for (;;) {
      const t = this.text;
      let at = dash + 1;
      while (t.charCodeAt(at) === SPACE) at++;
      const c = t.charCodeAt(at);
      let node: Scalar | YAMLMap | YAMLSeq;
      if (c === LF || c === CR || c !== c || c === HASH) {
        // `-` alone (maybe with a comment): its value is the block on the lines below, indented deeper
        const lineEnd = c === HASH ? this.restOfLine(dash + 1) : at;
        if (lineEnd < 0) throw BAIL;
        const line = this.skipTrivia(this.nextLine(lineEnd)).line;
        if (line.kind !== 'content' || line.indent <= indent) throw BAIL; // an empty item
        this.pos = line.start;
        const b = this.isSeqItem(line) ? this.seq(line.indent, line.first, -1) : this.map(line.indent, line.first);
        node = b.node;
        trivia = b.trivia;
      } else if (this.keyAhead(at)) {
        const b = this.map(at - this.lineStart(at), at);
        node = b.node;
        trivia = b.trivia;
      } else {
        if (c === DASH && this.isDashSpace(at)) throw BAIL; // `- - x`
        node = this.inline(at, false, indent);
        const block = this.takeBlock();
        if (!block) this.lineEnd(node);
        trivia = this.afterValue(node, indent, !block);
      }
      if (pending?.spaceBefore) node.spaceBefore = true;
      seq.items.push(node);
      const line = this.lineAt(this.pos);
      if (line.kind === 'content' && line.indent === indent && this.isSeqItem(line)) {
        pending = trivia;
        dash = line.first;
        continue;
      }
      if (line.kind === 'content' && (line.indent > indent || (line.indent === indent && indent !== mapIndent))) throw BAIL;
      break;
    }
    const last = seq.items[seq.items.length - 1] as Scalar;
    return this.end(seq, indent, dashAt, last.range![2], trivia);
  }

  /**
   * A collection ends: the blank and comment lines after its last item move
   * up to its parent unless one of the comments is indented at least as
   * deep as the collection (then they end its range), as `yaml` places them.
   */
  private end<T extends YAMLMap | YAMLSeq>(node: T, indent: number, start: number, last: number, trivia: Trivia | null): Block {
    if (trivia && indent !== 0 && trivia.commentIndent >= indent) {
      // the next line's indentation too, if a line follows
      const next = this.lineAt(this.pos);
      node.range = [start, last, next.kind === 'content' ? next.first : trivia.end];
      return { node, trivia: null };
    }
    node.range = [start, last, last];
    return { node, trivia };
  }

  /** Where the line after a line break at `at` (or the end) starts. */
  private nextLine(at: number): number {
    return at >= this.text.length ? at : this.text.charCodeAt(at) === CR ? at + 2 : at + 1;
  }

  private lineStart(i: number): number {
    return this.text.lastIndexOf('\n', i - 1) + 1;
  }

  private isDashSpace(i: number): boolean {
    const after = this.text.charCodeAt(i + 1);
    return after === SPACE || after === LF || after === CR || after !== after;
  }

  /** Whether a key (a one-line scalar followed by `: ` or `:` at the line's end) starts at `i`. */
  private keyAhead(i: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === QUOTE || c === APOS) {
      const close = t.indexOf(String.fromCharCode(c), i + 1);
      const nl = t.indexOf('\n', i);
      return close > 0 && (nl < 0 || close < nl) && t.charCodeAt(close + 1) === COLON;
    }
    for (let j = i; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === LF || d === CR) return false;
      if (d === COLON) {
        const after = t.charCodeAt(j + 1);
        if (after === SPACE || after === LF || after === CR || after !== after) return true;
      } else if (d === HASH && t.charCodeAt(j - 1) === SPACE) return false;
    }
    return false;
  }

  /** A key at `i`: its range ends at its colon. */
  private key(i: number): Scalar {
    const t = this.text;
    const c = t.charCodeAt(i);
    let s: Scalar;
    if (c === QUOTE || c === APOS) {
      s = this.quoted(i);
      s.range![2] = s.range![1];
    } else {
      if (this.badPlainStart(i, false)) throw BAIL;
      let j = i;
      for (;;) {
        const d = t.charCodeAt(j);
        if (d === LF || d === CR || d !== d) throw BAIL; // no colon: not a key
        if (d === COLON) {
          const after = t.charCodeAt(j + 1);
          if (after === SPACE || after === LF || after === CR || after !== after) break;
        } else if (d === HASH && t.charCodeAt(j - 1) === SPACE) throw BAIL;
        j++;
      }
      // `key :`: the spaces before the colon are not the key's
      let e = j;
      while (t.charCodeAt(e - 1) === SPACE) e--;
      s = this.plainScalar(t.slice(i, e), i, e);
    }
    let colon = s.range![1];
    while (t.charCodeAt(colon) === SPACE) colon++;
    if (t.charCodeAt(colon) !== COLON) throw BAIL;
    const after = t.charCodeAt(colon + 1);
    if (!(after === SPACE || after === LF || after === CR || after !== after)) throw BAIL;
    this.colon = colon;
    return s;
  }

  /** where the last key's colon is */
  private colon = 0;

  /** The value after a key's colon at `colon`, and the blank and comment lines after it. */
  private mapValue(indent: number, afterColon: number): { node: Scalar | YAMLMap | YAMLSeq; trivia: Trivia | null } {
    const t = this.text;
    let q = afterColon;
    while (t.charCodeAt(q) === SPACE) q++;
    const c = t.charCodeAt(q);
    // a tag alone on the line (`Value: !If`): it tags the block below
    const tagEnd = c === BANG ? this.tagEnd(q) : -1;
    const tagLineEnd = tagEnd > 0 ? this.restOfLine(tagEnd) : -1;
    if (c === LF || c === CR || c !== c || c === HASH || tagLineEnd >= 0) {
      const tag = tagLineEnd >= 0 ? t.slice(q, tagEnd) : undefined;
      const hash = tag ? t.indexOf('#', tagEnd) : -1;
      const comment = tag ? hash >= 0 && hash < tagLineEnd : c === HASH;
      if (!tag && comment && q === afterColon) throw BAIL;
      const lineEnd = tag ? tagLineEnd : comment ? this.restOfLine(afterColon) : q;
      const next = this.nextLine(lineEnd);
      const ahead = this.skipTrivia(next);
      const line = ahead.line;
      if (line.kind === 'content' && (line.indent > indent || (!tag && line.indent === indent && this.isSeqItem(line)))) {
        if (tag) this.doc.warnings.push(new YAMLWarning([q, tagEnd], 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tag}`));
        this.pos = line.start;
        const b = this.isSeqItem(line) ? this.seq(line.indent, line.first, indent) : this.map(line.indent, line.first);
        if (tag) b.node.tag = tag;
        if (!comment && ahead.blankFirst) b.node.spaceBefore = true;
        return b;
      }
      if (tag || ahead.any) throw BAIL; // a tag over no block, or an empty value before blank or comment lines
      const empty = this.plainScalar('', q, q);
      // with a comment, its range runs on over the line break and the next line's indentation
      if (comment) empty.range![2] = line.kind === 'content' ? line.first : next;
      this.pos = next;
      return { node: empty, trivia: null };
    }
    const node = this.inline(q, false, indent);
    const block = this.takeBlock();
    if (!block) this.lineEnd(node);
    return { node, trivia: this.afterValue(node, indent, !block) };
  }

  /** The rest of a value's line: spaces, maybe a comment, the line break (all in the node's range). */
  private lineEnd(node: Scalar | YAMLMap | YAMLSeq): void {
    const end = this.restOfLine(node.range![1]);
    if (end < 0) throw BAIL;
    const next = this.nextLine(end);
    node.range![2] = next;
    this.pos = next;
  }

  /**
   * The blank and comment lines after a one-line value in a collection of
   * column `indent`: a comment indented deeper than the collection, with
   * only blank lines since the value, is the value's own (its range runs on
   * over it), as `yaml` reads it; the rest start the next item.
   */
  private afterValue(node: Scalar | YAMLMap | YAMLSeq, indent: number, mayOwnComments: boolean): Trivia | null {
    let trivia: Trivia | null = null;
    for (;;) {
      const line = this.lineAt(this.pos);
      if (line.kind === 'blank') {
        trivia = trivia ?? { end: 0, spaceBefore: true, commentIndent: -1 };
        trivia.end = line.next;
      } else if (line.kind === 'comment') {
        if (mayOwnComments && (!trivia || trivia.commentIndent < 0) && line.indent > indent) {
          node.range![2] = line.next;
          trivia = null;
        } else {
          trivia = trivia ?? { end: 0, spaceBefore: false, commentIndent: -1 };
          trivia.end = line.next;
          if (line.indent > trivia.commentIndent) trivia.commentIndent = line.indent;
        }
      } else return trivia;
      this.pos = line.next;
    }
  }

  /** A value on one line at `i`: a tagged or plain scalar, a quoted one, or a flow sequence. */
  private inline(i: number, flow: boolean, blockIndent = -1): Scalar | YAMLMap | YAMLSeq {
    const t = this.text;
    let tag: string | undefined;
    if (t.charCodeAt(i) === BANG) {
      const j = this.tagEnd(i);
      if (j < 0 || t.charCodeAt(j) !== SPACE) throw BAIL; // `!`, `!!str`, `!<…>`, or nothing after the tag
      tag = t.slice(i, j);
      this.doc.warnings.push(new YAMLWarning([i, j], 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tag}`));
      i = j;
      while (t.charCodeAt(i) === SPACE) i++;
      if (t.charCodeAt(i) === BANG) throw BAIL;
    }
    const c = t.charCodeAt(i);
    let node: Scalar | YAMLMap | YAMLSeq;
    if ((c === 0x7c || c === 0x3e) && blockIndent >= 0) node = this.blockScalar(i, blockIndent);
    else if (c === LBRACKET || c === LBRACE) node = this.flowCollection(i);
    else if (c === QUOTE || c === APOS) {
      node = this.quoted(i, blockIndent);
      const after = t.charCodeAt(node.range![1]);
      if (!(after === SPACE || after === LF || after === CR || after !== after || (flow && (after === COMMA || after === RBRACKET || after === RBRACE)))) throw BAIL;
    } else {
      if (c === LF || c === CR || c !== c || c === HASH || this.badPlainStart(i, flow)) throw BAIL;
      let j = i;
      let last = i; // just past the last character that is not a space
      for (;;) {
        const d = t.charCodeAt(j);
        if (d === LF || d === CR || d !== d) break;
        if (d === HASH && t.charCodeAt(j - 1) === SPACE) break;
        if (d === COLON) {
          const after = t.charCodeAt(j + 1);
          if (after === SPACE || after === LF || after === CR || after !== after || (flow && (after === COMMA || after === RBRACKET || after === RBRACE || after === LBRACKET || after === LBRACE))) throw BAIL; // a pair
        }
        if (flow && (d === COMMA || d === RBRACKET || d === LBRACKET || d === LBRACE || d === RBRACE)) break;
        j++;
        if (d !== SPACE) last = j;
      }
      if (flow && t.charCodeAt(j) === HASH) throw BAIL; // a comment inside a flow sequence
      let text = t.slice(i, last);
      if (blockIndent >= 0 && t.charCodeAt(j) !== HASH) {
        const more = this.plainLines(j, blockIndent);
        if (more) {
          text = unfold(text + more.text);
          last = more.end;
        }
      }
      node = tag ? this.stringScalar(text, Scalar.PLAIN, i, last) : this.plainScalar(text, i, last);
    }
    if (tag) node.tag = tag;
    return node;
  }

  /**
   * The lines a plain value goes on over, from the line break at `at`: the
   * lines indented deeper than its collection (`parentIndent`) up to the
   * next one that is not (or a comment line), empty lines among them.
   * Their text from the line break on, and where the last ends (its spaces
   * left out); undefined if the value ends on its line. A line that `yaml`
   * might read as anything but more words (an indicator at its start, `: `,
   * a comment after words) is left to `yaml`.
   */
  private plainLines(at: number, parentIndent: number): { text: string; end: number } | undefined {
    const t = this.text;
    let p = this.nextLine(at);
    let end = -1;
    for (;;) {
      const line = this.lineAt(p);
      if (line.kind === 'eof' || line.kind === 'doc') break;
      if (line.kind === 'blank') {
        p = line.next;
        continue;
      }
      // a comment ends the value (and may be its own, see afterValue)
      if (line.indent <= parentIndent || line.kind === 'comment') break;
      if (this.badPlainStart(line.first, false) || /: |:$| #/.test(t.slice(line.first, line.end))) throw BAIL;
      let e = line.end;
      while (t.charCodeAt(e - 1) === SPACE) e--;
      end = e;
      p = line.next;
    }
    return end < 0 ? undefined : { text: t.slice(at, end), end };
  }

  /** The end of a local tag (`!Ref`, `!GetAtt` …) at `i`; -1 for `!` alone, `!!str`, `!<…>`. */
  private tagEnd(i: number): number {
    const t = this.text;
    let j = i + 1;
    while (j < t.length) {
      const d = t.charCodeAt(j);
      if ((d >= 0x61 && d <= 0x7a) || (d >= 0x41 && d <= 0x5a) || (d >= 0x30 && d <= 0x39) || d === DASH || d === 0x5f || d === 0x2e || d === COLON) j++;
      else break;
    }
    return j === i + 1 ? -1 : j;
  }

  /** Characters a plain scalar cannot start with (YAML's indicators), as far as this reader goes. */
  private badPlainStart(i: number, flow: boolean): boolean {
    const t = this.text;
    const c = t.charCodeAt(i);
    switch (c) {
      case DASH:
      case 0x3f: // ?
      case COLON:
        return this.isDashSpace(i) || (flow && /[,[\]{}]/.test(t[i + 1] ?? ''));
      case COMMA:
      case LBRACKET:
      case RBRACKET:
      case LBRACE:
      case RBRACE:
      case HASH:
      case 0x26: // &
      case 0x2a: // *
      case BANG:
      case 0x7c: // |
      case 0x3e: // >
      case QUOTE:
      case APOS:
      case 0x25: // %
      case 0x40: // @
      case 0x60: // `
        return true;
    }
    return false;
  }

  /** set when the value just read was a block scalar */
  private block = false;

  /**
   * Whether the value just read was a block scalar (then cleared): it has
   * read its own lines, and as `yaml` gives it no end, no comment after it
   * is its own.
   */
  private takeBlock(): boolean {
    const b = this.block;
    this.block = false;
    return b;
  }

  /**
   * A block scalar, literal (`|`, `|-`) or folded (`>`, `>-`), maybe with a
   * comment on its header line, whose lines are indented deeper than
   * `parentIndent`: the lines at the first one's indentation or deeper, empty
   * lines among them; its value as `yaml` reads it (the indentation taken
   * off, folded lines joined, one final line break kept or none). Its range
   * ends after its last line that is not empty; the empty lines after it
   * start the next item. Left to `yaml`: kept scalars (`|+`, `>+`), an
   * indentation indicator, a scalar without lines, and lines of spaces only
   * (whose place depends on their width).
   */
  private blockScalar(i: number, parentIndent: number): Scalar {
    const t = this.text;
    let j = i + 1;
    const strip = t.charCodeAt(j) === DASH;
    if (strip) j++;
    const headerEnd = this.restOfLine(j);
    if (headerEnd < 0) throw BAIL; // `|+`, `|2`, `>` …
    let p = this.nextLine(headerEnd);
    const parts: string[] = [];
    let contentIndent = -1;
    let empty = 0;
    let end = -1;
    for (;;) {
      const line = this.lineAt(p);
      if (line.kind === 'eof') break;
      if (line.first === line.end) {
        if (line.end > line.start) throw BAIL; // a line of spaces
        empty++;
        p = line.next;
        continue;
      }
      if (contentIndent < 0) {
        if (line.indent <= parentIndent) throw BAIL; // no lines
        contentIndent = line.indent;
      } else if (line.indent < contentIndent) break;
      for (; empty > 0; empty--) parts.push('');
      parts.push(t.slice(line.start + contentIndent, line.end));
      end = line.next;
      p = line.next;
    }
    if (end < 0) throw BAIL;
    const folded = t.charCodeAt(i) === 0x3e;
    const value = (folded ? fold(parts) : parts.join('\n')) + (strip ? '' : '\n');
    const s = this.stringScalar(value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, i, end);
    this.pos = end;
    this.block = true;
    return s;
  }

  /** A flow sequence or map on one line (`[a, "b", !Ref c, [d]]`, `{ Service: ecs-tasks.amazonaws.com }`). */
  private flowCollection(open: number): YAMLMap | YAMLSeq {
    const t = this.text;
    const isMap = t.charCodeAt(open) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const coll = isMap ? newMap() : newSeq();
    coll.flow = true;
    let i = open + 1;
    while (t.charCodeAt(i) === SPACE) i++;
    if (t.charCodeAt(i) !== close) {
      for (;;) {
        let key: Scalar | undefined;
        if (isMap) {
          key = this.flowKey(i);
          i = key.range![1] + 1;
          while (t.charCodeAt(i) === SPACE) i++;
          const v = t.charCodeAt(i);
          if (v === COMMA || v === RBRACE || v === LF || v === CR || v !== v || v === HASH) throw BAIL; // a key without a value
        }
        // as yaml reads them, a flow item's range runs on over the spaces up to the comma or bracket
        const item = this.inline(i, true);
        let j = item.range![1];
        while (t.charCodeAt(j) === SPACE) j++;
        item.range![2] = j;
        if (key) (coll as YAMLMap).items.push(newPair(key, item));
        else (coll as YAMLSeq).items.push(item);
        const d = t.charCodeAt(j);
        if (d === close) {
          i = j;
          break;
        }
        if (d !== COMMA) throw BAIL; // the line ends inside the collection, a pair in a sequence, the other bracket
        i = j + 1;
        while (t.charCodeAt(i) === SPACE) i++;
        const e = t.charCodeAt(i);
        if (e === close || e === COMMA || e === LF || e === CR || e !== e || e === HASH) throw BAIL;
      }
    }
    coll.range = [open, i + 1, i + 1];
    return coll;
  }

  /** A key in a flow map: plain and followed by `: `, or quoted and followed by `:`. */
  private flowKey(i: number): Scalar {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === QUOTE || c === APOS) {
      const s = this.quoted(i);
      if (t.charCodeAt(s.range![1]) !== COLON) throw BAIL;
      return s;
    }
    if (this.badPlainStart(i, true)) throw BAIL;
    let j = i;
    for (;;) {
      const d = t.charCodeAt(j);
      if (d === LF || d === CR || d !== d || d === COMMA || d === LBRACKET || d === RBRACKET || d === LBRACE || d === RBRACE) throw BAIL; // no value
      if (d === HASH && t.charCodeAt(j - 1) === SPACE) throw BAIL;
      if (d === COLON) {
        const after = t.charCodeAt(j + 1);
        if (after === SPACE) break;
        if (after === COMMA || after === LBRACKET || after === RBRACKET || after === LBRACE || after === RBRACE || after === LF || after === CR || after !== after) throw BAIL;
      }
      j++;
    }
    if (t.charCodeAt(j - 1) === SPACE) throw BAIL; // `key :`
    return this.plainScalar(t.slice(i, j), i, j);
  }

  /** A single- or double-quoted scalar that ends on its line. */
  private quoted(start: number, parentIndent = -1): Scalar {
    const t = this.text;
    const q = t.charCodeAt(start);
    let i = start + 1;
    let escaped = false;
    let lines = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c !== c) throw BAIL; // no closing quote
      if (c === LF || c === CR) {
        // a value may go on over lines indented deeper than its collection
        if (parentIndent < 0) throw BAIL;
        lines = true;
        i = c === CR ? i + 2 : i + 1;
        let j = i;
        while (t.charCodeAt(j) === SPACE) j++;
        const d = t.charCodeAt(j);
        if (j - i <= parentIndent && !(d === LF || d === CR)) throw BAIL;
        continue;
      }
      if (c === q) {
        if (q === APOS && t.charCodeAt(i + 1) === APOS) {
          escaped = true;
          i += 2;
          continue;
        }
        break;
      }
      if (c === BACKSLASH && q === QUOTE) {
        const e = t.charCodeAt(i + 1);
        // the escapes JSON has too (YAML's others are left to `yaml`)
        if (!(e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74 || e === 0x75)) throw BAIL;
        escaped = true;
        i += 2;
        continue;
      }
      i++;
    }
    const end = i + 1;
    let value = t.slice(start + 1, i);
    if (lines) {
      if (q === QUOTE && escaped) throw BAIL; // escapes (a line break among them) in a scalar over lines
      value = unfold(value);
      if (q === APOS && escaped) value = value.replace(/''/g, "'");
    } else if (escaped) {
      if (q === APOS) value = value.replace(/''/g, "'");
      else {
        try {
          value = JSON.parse(t.slice(start, end)) as string;
        } catch {
          throw BAIL;
        }
      }
    }
    return this.stringScalar(value, q === QUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, start, end);
  }

  private stringScalar(value: string, type: Scalar.Type, start: number, end: number): Scalar {
    const s = newScalar(value);
    s.range = [start, end, end];
    s.source = value;
    s.type = type;
    return s;
  }

  /** A plain scalar resolved as `yaml`'s schema resolves it (null, booleans, numbers in every core form). */
  private plainScalar(source: string, start: number, end: number): Scalar {
    let tag = this.strTag;
    // only these first characters can begin a null, a boolean or a number (see the core schema's tests)
    if (!source.length || MAY_RESOLVE.has(source.charCodeAt(0))) {
      for (const t of this.tags) {
        if (t.default === true && t.test?.test(source)) {
          tag = t;
          break;
        }
      }
    }
    const res = tag.resolve(source, () => {
      throw BAIL;
    }, this.doc.options);
    const s = isScalar(res) ? (res as Scalar) : newScalar(res);
    s.range = [start, end, end];
    s.source = source;
    s.type = Scalar.PLAIN;
    if (tag.format) s.format = tag.format;
    return s;
  }
}

/**
 * The lines of a folded block scalar (indentation taken off, '' for an
 * empty line; never one at the end) as YAML folds them: a line break between
 * two lines of text becomes a space, an empty line a line break, and the
 * line breaks around a more-indented line are kept. Empty lines before the
 * first line of text are line breaks each.
 */
function fold(parts: string[]): string {
  let value = '';
  let k = 0;
  for (; k < parts.length && parts[k] === ''; k++) value += '\n';
  let sep = '';
  let moreIndented = false;
  for (; k < parts.length; k++) {
    const line = parts[k];
    if (line.charCodeAt(0) === SPACE) {
      if (sep === ' ') sep = '\n';
      else if (!moreIndented && sep === '\n') sep = '\n\n';
      value += sep + line;
      sep = '\n';
      moreIndented = true;
    } else if (line === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + line;
      sep = ' ';
      moreIndented = false;
    }
  }
  return value;
}

/**
 * The text between the quotes of a scalar over several lines, folded as
 * YAML folds it: the spaces around each line break go, a line break
 * becomes a space, and each empty line a line break.
 */
function unfold(inner: string): string {
  const lines = inner.split('\n');
  let res = lines[0].replace(/ +\r?$|\r$/, '');
  let sep = ' ';
  for (let k = 1; k < lines.length - 1; k++) {
    const line = lines[k].replace(/^ +| *\r?$/g, '');
    if (line === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + line;
      sep = ' ';
    }
  }
  return res + sep + lines[lines.length - 1].replace(/^ +/, '');
}
