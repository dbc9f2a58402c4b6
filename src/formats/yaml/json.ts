import { Document, Scalar } from 'yaml';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { newMap, newPair, newScalar, newSeq } from './nodes';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * A JSON text read straight into the nodes the `yaml` package would compose
 * from it: the same classes, values, scalar styles and source ranges, so every
 * reader and writer works on either. `yaml` reads JSON through its general
 * YAML lexer, parser and composer, which for the bench's task definitions
 * costs ten times this scan and allocates about 2.8 MB per file. This
 * reader takes strict JSON only (RFC 8259: no comments, no trailing commas,
 * nothing after the value) and leaves anything else, and any text whose
 * layout it does not reproduce exactly, to `yaml` (undefined).
 */
export function parseJsonDocument(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed | undefined {
  const r = new JsonReader(text);
  let root: YAMLMap | YAMLSeq;
  try {
    const start = r.skipBlank(0);
    const c = text.charCodeAt(start);
    if (c !== LBRACE && c !== LBRACKET) return undefined;
    root = r.collection(start, 0);
    if (r.skipBlank(root.range![2]) !== text.length) return undefined;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
  const doc = new Document(undefined, options) as Document.Parsed;
  doc.contents = root as Document.Parsed['contents'];
  doc.range = [r.docStart(), root.range![2], r.lineEndAfter(root.range![2])];
  return doc;
}

/** Thrown inside the reader for anything it leaves to `yaml`. */
const BAIL = new Error('not plain JSON');

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** Nesting deeper than this is left to `yaml` (and keeps this reader's recursion shallow). */
const MAX_DEPTH = 256;

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

class JsonReader {
  constructor(private readonly text: string) {}

  /**
   * The first offset at or after `i` that is not JSON whitespace. Whether
   * the blanks held an empty line is kept: `yaml` marks the node after one
   * (`spaceBefore`, for its writer), a key, or a map's value when the empty
   * line is on either side of its colon, or a sequence's item.
   */
  skipBlank(i: number): number {
    const t = this.text;
    let lines = 0;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === SPACE || c === TAB) i++;
      else if (c === CR && t.charCodeAt(i + 1) === LF) i++;
      else if (c === LF) {
        lines++;
        i++;
      } else if (c === CR) throw BAIL; // a carriage return alone
      else {
        this.emptyLineBefore = lines > 1;
        return i;
      }
    }
  }

  /** Whether the blanks the last skipBlank passed held an empty line. */
  emptyLineBefore = false;

  /** Where `yaml` starts the document: past the blank lines before the value (a line's indentation is the document's). */
  docStart(): number {
    const t = this.text;
    let lineStart = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === LF) lineStart = i + 1;
      else if (c !== SPACE && c !== TAB && c !== CR) break;
    }
    return lineStart;
  }

  /** The spaces and tabs from `i` on. */
  private spacesAfter(i: number): number {
    const t = this.text;
    while (t.charCodeAt(i) === SPACE || t.charCodeAt(i) === TAB) i++;
    return i;
  }

  /** The blanks after a node up to and including its line's break. */
  lineEndAfter(i: number): number {
    const t = this.text;
    i = this.spacesAfter(i);
    if (t.charCodeAt(i) === CR && t.charCodeAt(i + 1) === LF) return i + 2;
    if (t.charCodeAt(i) === LF) return i + 1;
    return i;
  }

  /**
   * An item of a collection. As `yaml` reads it, a sequence's item runs on
   * over the blanks up to the next comma or bracket, a map's value to the end
   * of its line.
   */
  value(i: number, depth: number, inMap: boolean, emptyLineBeforeColon = false): Scalar | YAMLMap | YAMLSeq {
    const space = this.emptyLineBefore || emptyLineBeforeColon;
    const c = this.text.charCodeAt(i);
    const n = c === LBRACE || c === LBRACKET ? this.collection(i, depth + 1) : c === QUOTE ? this.string(i) : this.plain(i);
    n.range![2] = inMap ? this.lineEndAfter(n.range![1]) : this.skipBlank(n.range![1]);
    if (space) n.spaceBefore = true;
    return n;
  }

  collection(start: number, depth: number): YAMLMap | YAMLSeq {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.text;
    const isMap = t.charCodeAt(start) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const coll = isMap ? newMap() : newSeq();
    coll.flow = true;
    let i = this.skipBlank(start + 1);
    if (t.charCodeAt(i) !== close) {
      for (;;) {
        if (isMap) {
          if (t.charCodeAt(i) !== QUOTE) throw BAIL;
          const space = this.emptyLineBefore;
          const key = this.string(i);
          if (space) key.spaceBefore = true;
          i = this.skipBlank(key.range![1]);
          const beforeColon = this.emptyLineBefore;
          if (t.charCodeAt(i) !== COLON) throw BAIL;
          const value = this.value(this.skipBlank(i + 1), depth, true, beforeColon);
          (coll as YAMLMap).items.push(newPair(key, value));
          i = value.range![2];
        } else {
          const value = this.value(i, depth, false);
          (coll as YAMLSeq).items.push(value);
          i = value.range![2];
        }
        i = this.skipBlank(i);
        const c = t.charCodeAt(i);
        if (c === close) break;
        if (c !== COMMA) throw BAIL;
        i = this.skipBlank(i + 1);
        if (t.charCodeAt(i) === close) throw BAIL; // a trailing comma is not JSON
      }
    }
    const end = i + 1;
    coll.range = [start, end, this.lineEndAfter(end)];
    return coll;
  }

  /** A double-quoted string: its value as JSON reads it, the style `yaml` gives it. */
  private string(start: number): Scalar {
    const t = this.text;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        i += 2;
      } else if (c < 0x20 || Number.isNaN(c)) throw BAIL; // a control character, or the text ends
      else i++;
    }
    const end = i + 1;
    let value: string;
    if (!escaped) value = t.slice(start + 1, i);
    else {
      try {
        value = JSON.parse(t.slice(start, end)) as string;
      } catch {
        throw BAIL;
      }
    }
    const s = newScalar(value);
    s.range = [start, end, end];
    s.source = value;
    s.type = Scalar.QUOTE_DOUBLE;
    return s;
  }

  /** A number, `true`, `false` or `null`, resolved as `yaml`'s core schema resolves it. */
  private plain(start: number): Scalar {
    const t = this.text;
    let s: Scalar;
    let end: number;
    if (t.startsWith('true', start)) {
      s = newScalar(true);
      end = start + 4;
    } else if (t.startsWith('false', start)) {
      s = newScalar(false);
      end = start + 5;
    } else if (t.startsWith('null', start)) {
      s = newScalar(null);
      end = start + 4;
    } else {
      NUMBER.lastIndex = start;
      const m = NUMBER.exec(t);
      if (!m) throw BAIL;
      end = start + m[0].length;
      const src = m[0];
      if (m[2]) {
        s = newScalar(parseFloat(src));
        s.format = 'EXP';
      } else if (m[1]) {
        s = newScalar(parseFloat(src));
        if (src.endsWith('0')) s.minFractionDigits = src.length - src.indexOf('.') - 1;
      } else s = newScalar(src[0] === '-' ? -1 * parseInt(src.slice(1), 10) : parseInt(src, 10));
    }
    const after = t.charCodeAt(end);
    // `truex`, `1a`: not JSON (and `yaml` would read one plain scalar)
    if (!(after !== after || after === SPACE || after === TAB || after === LF || after === CR || after === COMMA || after === RBRACE || after === RBRACKET)) throw BAIL;
    s.range = [start, end, end];
    s.source = t.slice(start, end);
    s.type = Scalar.PLAIN;
    return s;
  }
}
