import { isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { LineIndex, TextEdit } from '../../core';

/**
 * Minimal text edits on YAML and JSON that keep the user's formatting: the
 * file's indentation unit, block vs flow style, JSON quoting and key order.
 * Edits are computed from node ranges; nothing is re-serialised.
 */
export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

export class YamlEditor {
  readonly unit: string;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    /** the file is JSON: keys and strings double-quoted, no block style */
    readonly json = false,
  ) {
    this.unit = ' '.repeat(detectIndentUnit(text));
  }

  private eol(): string {
    return this.lines.eol;
  }

  private col(offset: number): number {
    return this.lines.positionAt(offset).character;
  }

  private lineIndentAt(offset: number): string {
    return this.lines.indentOf(this.lines.positionAt(offset).line);
  }

  /** End of the line holding the last character of a node. */
  private endOfLastLine(n: Node | Pair): number {
    const end = lastOffset(n);
    const line = this.lines.positionAt(Math.max(0, end - 1)).line;
    return this.lines.lineEnd(line);
  }

  isFlow(n: YAMLMap | YAMLSeq): boolean {
    return !!n.flow || this.json;
  }

  // ---------------------------------------------------------------- rendering

  scalar(v: Plain, like?: Scalar): string {
    if (this.json || (like && (like.type === 'QUOTE_DOUBLE' || like.type === 'QUOTE_SINGLE') && typeof v === 'string')) {
      if (like?.type === 'QUOTE_SINGLE' && typeof v === 'string' && !this.json) return `'${v.replace(/'/g, "''")}'`;
      return JSON.stringify(v);
    }
    if (typeof v === 'string') {
      if (v === '' || RESERVED.test(v) || /^[-+]?(\d|\.\d)/.test(v) || !/^[A-Za-z0-9_/@.$<][A-Za-z0-9_ ./:@=+<>-]*$/.test(v) || / $/.test(v) || /: /.test(v)) {
        return JSON.stringify(v);
      }
      return v;
    }
    if (v === null) return 'null';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.flowValue(v);
  }

  private flowValue(v: Plain): string {
    if (Array.isArray(v)) return `[${v.map((x) => this.flowValue(x)).join(', ')}]`;
    if (v !== null && typeof v === 'object') {
      const parts = Object.entries(v).map(([k, x]) => `${this.key(k)}: ${this.flowValue(x)}`);
      return parts.length ? `{ ${parts.join(', ')} }` : '{}';
    }
    return this.scalar(v);
  }

  private key(k: string): string {
    return this.json ? JSON.stringify(k) : this.scalar(k);
  }

  /** `key: value` as block YAML at `indent` (the first line without indentation). */
  blockEntry(k: string, v: Plain, indent: string): string {
    const eol = this.eol();
    if (Array.isArray(v)) {
      if (v.length === 0) return `${this.key(k)}: []`;
      return `${this.key(k)}:` + v.map((item) => eol + indent + this.unit + this.blockItem(item, indent + this.unit)).join('');
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) return `${this.key(k)}: {}`;
      return `${this.key(k)}:` + entries.map(([kk, vv]) => eol + indent + this.unit + this.blockEntry(kk, vv, indent + this.unit)).join('');
    }
    return `${this.key(k)}: ${this.scalar(v)}`;
  }

  /** `- item` as block YAML; `indent` is the column of the dash. */
  private blockItem(v: Plain, indent: string): string {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v);
      if (entries.length === 0) return '- {}';
      const inner = indent + '  ';
      return '- ' + entries.map(([kk, vv], i) => (i === 0 ? '' : this.eol() + inner) + this.blockEntry(kk, vv, inner)).join('');
    }
    if (Array.isArray(v)) return '- ' + this.flowValue(v);
    return '- ' + this.scalar(v);
  }

  /** JSON (or flow YAML) text of a value, continuation lines indented by `indent`. */
  jsonValue(v: Plain, indent: string): string {
    if (!this.json) return this.flowValue(v);
    return JSON.stringify(v, null, this.unit).split('\n').join(this.eol() + indent);
  }

  // ---------------------------------------------------------------- edits

  /** Replaces a scalar (or any node) with a new value in the node's own quoting. */
  setValue(node: Node, v: Plain): TextEdit {
    const r = node.range!;
    return { start: r[0], end: r[1], newText: this.scalar(v, isScalar(node) ? (node as Scalar) : undefined) };
  }

  /** Adds entries at the end of a mapping, in its style. */
  insertEntries(map: YAMLMap, entries: Record<string, Plain>): TextEdit {
    const list = Object.entries(entries);
    const eol = this.eol();
    if (this.isFlow(map)) {
      const r = map.range!;
      if (map.items.length === 0) {
        const open = this.text.indexOf('{', r[0]);
        const close = this.text.lastIndexOf('}', r[1]);
        const base = this.lineIndentAt(r[0]);
        const inner = base + this.unit;
        if (this.json) {
          return { start: open + 1, end: close, newText: eol + list.map(([k, v]) => inner + this.key(k) + ': ' + this.jsonValue(v, inner)).join(',' + eol) + eol + base };
        }
        return { start: open + 1, end: close, newText: ' ' + list.map(([k, v]) => `${this.key(k)}: ${this.flowValue(v)}`).join(', ') + ' ' };
      }
      const last = map.items[map.items.length - 1];
      const lastEnd = lastOffset(last);
      const open = map.range![0];
      const multiline = this.lines.positionAt(lastEnd).line !== this.lines.positionAt(open).line;
      if (multiline) {
        const indent = this.lineIndentAt(offsetOf(last));
        return { start: lastEnd, end: lastEnd, newText: list.map(([k, v]) => ',' + eol + indent + this.key(k) + ': ' + this.jsonValue(v, indent)).join('') };
      }
      return { start: lastEnd, end: lastEnd, newText: list.map(([k, v]) => `, ${this.key(k)}: ${this.json ? JSON.stringify(v) : this.flowValue(v)}`).join('') };
    }
    const first = map.items[0];
    const indent = ' '.repeat(this.col(offsetOf(first)));
    const at = this.endOfLastLine(map.items[map.items.length - 1]);
    return { start: at, end: at, newText: list.map(([k, v]) => eol + indent + this.blockEntry(k, v, indent)).join('') };
  }

  /**
   * Gives a pair whose value is empty (`securityContext:` or `key: null`, or
   * `{}`) a mapping of entries.
   */
  fillPair(pair: Pair, entries: Record<string, Plain>): TextEdit {
    const keyNode = pair.key as Node;
    const v = pair.value as Node | null;
    if (isMap(v) && v.items.length === 0) return this.insertEntries(v, entries);
    const keyStart = keyNode.range![0];
    const afterKey = this.text.indexOf(':', keyNode.range![1]) + 1;
    const end = v?.range ? v.range[1] : afterKey;
    if (this.json || this.inFlowContext(keyStart)) {
      return { start: afterKey, end, newText: ' ' + (this.json ? this.jsonValue(entries, this.lineIndentAt(keyStart)) : this.flowValue(entries)) };
    }
    const indent = ' '.repeat(this.col(keyStart)) + this.unit;
    const body = Object.entries(entries)
      .map(([k, val]) => this.eol() + indent + this.blockEntry(k, val, indent))
      .join('');
    return { start: afterKey, end, newText: body };
  }

  private inFlowContext(offset: number): boolean {
    const line = this.lines.lineText(this.lines.positionAt(offset).line);
    return /[{[]/.test(line.slice(0, this.col(offset)));
  }

  /**
   * Sets `path` (keys below `map`) to `value`, creating missing mappings on
   * the way, or replacing the existing value.
   */
  setPath(map: YAMLMap, path: string[], value: Plain): TextEdit {
    let cur: YAMLMap = map;
    for (let i = 0; i < path.length; i++) {
      const k = path[i];
      const pair = cur.items.find((p) => keyOf(p) === k);
      const rest = path.slice(i + 1);
      const nested = nest(rest, value);
      if (!pair) return this.insertEntries(cur, { [k]: nested });
      const v = pair.value as Node | null;
      if (rest.length === 0) {
        if (v && v.range) {
          if (isScalar(v) || !(isMap(v) || isSeq(v)) || this.json || (v as YAMLMap).flow) return this.replaceNode(v, value);
          return this.replaceBlockValue(pair, value);
        }
        return this.fillPairScalar(pair, value);
      }
      if (isMap(v)) {
        cur = v;
        continue;
      }
      if (v == null || (isScalar(v) && v.value == null)) return this.fillPair(pair, nested as Record<string, Plain>);
      return this.replaceNode(v, nested);
    }
    throw new Error('empty path');
  }

  private fillPairScalar(pair: Pair, value: Plain): TextEdit {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return this.fillPair(pair, value);
    const keyNode = pair.key as Node;
    const afterKey = this.text.indexOf(':', keyNode.range![1]) + 1;
    const v = pair.value as Node | null;
    const end = v?.range ? v.range[1] : afterKey;
    return { start: afterKey, end, newText: ' ' + (this.json ? this.jsonValue(value, this.lineIndentAt(keyNode.range![0])) : this.scalar(value)) };
  }

  private replaceNode(node: Node, value: Plain): TextEdit {
    const r = node.range!;
    if (value !== null && typeof value === 'object') {
      return { start: r[0], end: r[1], newText: this.json ? this.jsonValue(value, this.lineIndentAt(r[0])) : this.flowValue(value) };
    }
    return this.setValue(node, value);
  }

  private replaceBlockValue(pair: Pair, value: Plain): TextEdit {
    const keyNode = pair.key as Node;
    const start = keyNode.range![0];
    const end = this.endOfLastLine(pair);
    const indent = ' '.repeat(this.col(start));
    return { start, end, newText: this.blockEntry(keyOf(pair)!, value, indent) };
  }

  /** Appends items to a sequence, in its style. */
  appendItems(seq: YAMLSeq, values: Plain[]): TextEdit {
    const eol = this.eol();
    if (this.isFlow(seq)) {
      const r = seq.range!;
      if (seq.items.length === 0) {
        const open = this.text.indexOf('[', r[0]);
        const close = this.text.lastIndexOf(']', r[1]);
        return { start: open + 1, end: close, newText: values.map((v) => (this.json ? JSON.stringify(v) : this.flowValue(v))).join(', ') };
      }
      const last = seq.items[seq.items.length - 1] as Node;
      const lastEnd = lastOffset(last);
      const multiline = this.lines.positionAt(lastEnd).line !== this.lines.positionAt(r[0]).line;
      if (multiline) {
        const indent = this.lineIndentAt(offsetOf(last));
        // items written one per line, each on a single line (`{ "name": "A", "value": "1" }`): keep that
        const lastText = this.text.slice(offsetOf(last), lastEnd);
        const oneLine = this.json && (isMap(last) || isSeq(last)) && !/[\r\n]/.test(lastText);
        const render = (v: Plain) => (oneLine ? inlineJson(v, /^[{[]\s/.test(lastText)) : this.jsonValue(v, indent));
        return { start: lastEnd, end: lastEnd, newText: values.map((v) => ',' + eol + indent + render(v)).join('') };
      }
      return { start: lastEnd, end: lastEnd, newText: values.map((v) => ', ' + (this.json ? JSON.stringify(v) : this.flowValue(v))).join('') };
    }
    const first = seq.items[0] as Node;
    const dash = this.text.lastIndexOf('-', offsetOf(first));
    const indent = ' '.repeat(this.col(dash));
    const at = this.endOfLastLine(seq.items[seq.items.length - 1] as Node);
    return { start: at, end: at, newText: values.map((v) => eol + indent + this.blockItem(v, indent)).join('') };
  }

  /** Removes the i-th item of a sequence (`[]` when it was the only one). */
  removeItem(seq: YAMLSeq, index: number, owner?: Pair): TextEdit {
    const item = seq.items[index] as Node;
    if (this.isFlow(seq)) {
      if (seq.items.length === 1) {
        const r = seq.range!;
        return { start: r[0], end: r[1], newText: '[]' };
      }
      if (index < seq.items.length - 1) {
        return { start: offsetOf(item), end: offsetOf(seq.items[index + 1] as Node), newText: '' };
      }
      return { start: lastOffset(seq.items[index - 1] as Node), end: lastOffset(item), newText: '' };
    }
    if (seq.items.length === 1 && owner) {
      const keyEnd = (owner.key as Node).range![1];
      const colon = this.text.indexOf(':', keyEnd);
      return { start: colon, end: this.endOfLastLine(item), newText: ': []' };
    }
    const dash = this.text.lastIndexOf('-', offsetOf(item));
    const startLine = this.lines.positionAt(dash).line;
    const endLine = this.lines.positionAt(Math.max(dash, lastOffset(item) - 1)).line;
    return { start: this.lines.lineStart(startLine), end: this.lines.lineStart(endLine + 1) === this.lines.lineStart(endLine) ? this.text.length : lineStartAfter(this.lines, endLine), newText: '' };
  }

  /**
   * Inserts `key: value` just before an existing pair of the same mapping (so
   * that it never collides with edits inside the mapping's last entry).
   */
  insertBefore(map: YAMLMap, before: Pair, key: string, value: Plain): TextEdit | undefined {
    const keyNode = before.key as Node;
    const at = offsetOf(before);
    const line = this.lines.positionAt(at).line;
    const lineStart = this.lines.lineStart(line);
    const lead = this.text.slice(lineStart, at);
    const ownLine = lead.trim() === '';
    const eol = this.eol();
    if (!keyNode?.range) return undefined;
    if (this.json || map.flow) {
      const indent = this.lines.indentOf(line);
      return { start: at, end: at, newText: `${this.key(key)}: ${this.jsonValue(value, indent)},${ownLine ? eol + indent : ' '}` };
    }
    if (!ownLine) return undefined;
    return { start: lineStart, end: lineStart, newText: lead + this.blockEntry(key, value, lead) + eol };
  }

  /** Removes a pair from a mapping. */
  removePair(map: YAMLMap, pair: Pair): TextEdit {
    const index = map.items.indexOf(pair);
    if (this.isFlow(map)) {
      if (map.items.length === 1) {
        const r = map.range!;
        return { start: r[0], end: r[1], newText: '{}' };
      }
      if (index < map.items.length - 1) return { start: offsetOf(pair), end: offsetOf(map.items[index + 1]), newText: '' };
      return { start: lastOffset(map.items[index - 1]), end: lastOffset(pair), newText: '' };
    }
    const start = offsetOf(pair);
    const startLine = this.lines.positionAt(start).line;
    const endLine = this.lines.positionAt(Math.max(start, lastOffset(pair) - 1)).line;
    const lineStart = this.lines.lineStart(startLine);
    if (this.text.slice(lineStart, start).trim() !== '') {
      // `- key: v` — the pair shares its line with a dash: the next pair moves up
      // onto the dash line, or `{}` stays when it was the only pair
      if (index >= 0 && index < map.items.length - 1) return { start, end: offsetOf(map.items[index + 1]), newText: '' };
      if (map.items.length === 1) return { start, end: this.lines.lineEnd(endLine), newText: '{}' };
      return { start: lastOffset(map.items[index - 1]), end: lastOffset(pair), newText: '' };
    }
    return { start: lineStart, end: lineStartAfter(this.lines, endLine), newText: '' };
  }
}

/** JSON on one line; `spaced`: `{ "a": 1 }` rather than `{"a": 1}`. */
function inlineJson(v: Plain, spaced: boolean): string {
  if (Array.isArray(v)) return `[${v.map((x) => inlineJson(x, spaced)).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inlineJson(x, spaced)}`);
    if (!parts.length) return '{}';
    return spaced ? `{ ${parts.join(', ')} }` : `{${parts.join(', ')}}`;
  }
  return JSON.stringify(v);
}

/** Where the line after `line` starts (the end of the text after the last line). */
export function lineStartAfter(lines: LineIndex, line: number): number {
  return line + 1 < lines.lineCount ? lines.lineStart(line + 1) : lines.text.length;
}

/** `value` under the keys of `path`, outermost first. */
export function nest(path: string[], value: Plain): Plain {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i]]: v };
  return v;
}

export function keyOf(p: Pair): string | undefined {
  const k = p.key as unknown;
  if (isScalar(k)) return k.value == null ? undefined : String(k.value);
  return undefined;
}

/** The first offset of a node or a pair. */
export function offsetOf(n: Node | Pair): number {
  if (isPair(n)) {
    const k = (n as Pair).key as Node | null;
    return k?.range ? k.range[0] : (n as Pair<unknown, Node>).value?.range?.[0] ?? 0;
  }
  return (n as Node).range?.[0] ?? 0;
}

/** The offset just past a node's or a pair's value (comments excluded). */
export function lastOffset(n: Node | Pair): number {
  if (isPair(n)) {
    const p = n as Pair<Node | null, Node | null>;
    const v = p.value;
    if (v && v.range) return v.range[1];
    const k = p.key;
    return k?.range ? k.range[1] : 0;
  }
  return (n as Node).range?.[1] ?? 0;
}

/** The smallest indentation step used in the text (2 when nothing tells). */
export function detectIndentUnit(text: string): number {
  const counts = new Map<number, number>();
  let prev = 0;
  let n = 0;
  for (const line of text.split('\n', 400)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const ind = line.length - line.trimStart().length;
    if (ind > prev) {
      const d = ind - prev;
      counts.set(d, (counts.get(d) ?? 0) + 1);
      if (++n > 50) break;
    }
    prev = ind;
  }
  let best = 2;
  let bestCount = 0;
  for (const [d, c] of counts) if (d <= 8 && (c > bestCount || (c === bestCount && d < best))) [best, bestCount] = [d, c];
  return best;
}
