/**
 * Format-preserving edits in Terraform files, behind the editor API the ECS
 * writers use: container definitions written as heredoc JSON are JSON and
 * edited as such; those written as HCL objects and tuples inside
 * `jsonencode(…)` get HCL (`key = value` on a line of its own like their
 * other keys, or after them on a one-line object). Positions come from
 * where each element is written (hcl.ts records them), not from its value's
 * range, which is where a `local.x` is defined.
 *
 * A value written in another file (ranged at the reference that reads it)
 * is never edited: the operation throws `NotEditable`, and the writer
 * offers no fix.
 */
import { isMap, isScalar, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { LineIndex, TextEdit } from '../../core';
import type { Node } from '../yaml/doc';
import { keyOf, Plain, YamlEditor } from '../yaml/edit';
import { HCL_OBJECTS, HCL_TUPLES, RELOCATED, Span } from './hcl';

/** An edit that cannot be computed where the value is written (another file, or an expression). */
export class NotEditable extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'NotEditable';
  }
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A string as an HCL quoted template: JSON escapes, and `${` / `%{` taken literally. */
export function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{');
}

/** A value in HCL syntax, continuation lines indented from `indent` by `unit`. */
export function hclValue(v: Plain, indent: string, unit: string, eol: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => hclValue(x, indent, unit, eol)).join(', ')}]`;
    const inner = indent + unit;
    return `[${v.map((x) => eol + inner + hclValue(x, inner, unit, eol)).join(',')}${eol}${indent}]`;
  }
  const entries = Object.entries(v);
  if (!entries.length) return '{}';
  const inner = indent + unit;
  return `{${entries.map(([k, x]) => eol + inner + hclKey(k) + ' = ' + hclValue(x, inner, unit, eol)).join('')}${eol}${indent}}`;
}

function hclKey(k: string): string {
  return IDENT.test(k) ? k : JSON.stringify(k);
}

/** One line: `{ name = "A", value = "1" }`. */
function hclInline(v: Plain): string {
  if (Array.isArray(v)) return `[${v.map(hclInline).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v).map(([k, x]) => `${hclKey(k)} = ${hclInline(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return hclValue(v, '', '', '');
}

function nest(path: string[], value: Plain): Plain {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i]]: v };
  return v;
}

export class HclEditor extends YamlEditor {
  constructor(text: string, lines: LineIndex) {
    super(text, lines, true);
  }

  private guard(n: unknown): void {
    if (n && typeof n === 'object' && RELOCATED.has(n)) throw new NotEditable('written in another file');
  }

  private indentAt(offset: number): string {
    return this.lines.indentOf(this.lines.positionAt(offset).line);
  }

  private sameLine(a: number, b: number): boolean {
    return this.lines.positionAt(a).line === this.lines.positionAt(b).line;
  }

  /** Whether `span` holds the whole range of `node`: the value is written there, not elsewhere. */
  private writtenIn(node: Node | null | undefined, span: Span): boolean {
    const r = node?.range;
    return !!r && r[0] >= span.start && r[1] <= span.end;
  }

  override setValue(node: Node, v: Plain): TextEdit {
    this.guard(node);
    if (isScalar(node) && (node as Scalar).tag === '!tf') throw new NotEditable('an expression');
    // a heredoc is a template too: `${` is escaped in JSON there as in HCL
    if (typeof v === 'string') return { start: node.range![0], end: node.range![1], newText: hclString(v) };
    return super.setValue(node, v);
  }

  override insertEntries(map: YAMLMap, entries: Record<string, Plain>): TextEdit {
    this.guard(map);
    const obj = HCL_OBJECTS.get(map);
    if (!obj) return super.insertEntries(map, entries);
    const eol = this.lines.eol;
    const list = Object.entries(entries);
    const r = map.range!;
    if (obj.lastElementEnd === undefined) {
      const base = this.indentAt(r[0]);
      const inner = base + this.unit;
      return { start: r[0], end: r[1], newText: `{${list.map(([k, v]) => eol + inner + hclKey(k) + ' = ' + hclValue(v, inner, this.unit, eol)).join('')}${eol}${base}}` };
    }
    const first = obj.elements[0] ?? { start: obj.lastElementEnd, end: obj.lastElementEnd };
    const at = obj.lastElementEnd;
    if (this.sameLine(r[0], first.start)) return { start: at, end: at, newText: list.map(([k, v]) => `, ${hclKey(k)} = ${hclInline(v)}`).join('') };
    const indent = this.text.slice(this.lines.lineStart(this.lines.positionAt(first.start).line), first.start);
    if (indent.trim()) throw new NotEditable('the object shares a line with its first key');
    return { start: at, end: at, newText: list.map(([k, v]) => eol + indent + hclKey(k) + ' = ' + hclValue(v, indent, this.unit, eol)).join('') };
  }

  override setPath(map: YAMLMap, path: string[], value: Plain): TextEdit {
    this.guard(map);
    const obj = HCL_OBJECTS.get(map);
    if (!obj) return super.setPath(map, path, value);
    const [k, ...rest] = path;
    const i = map.items.findIndex((p) => keyOf(p) === k);
    if (i < 0) return this.insertEntries(map, { [k]: nest(rest, value) });
    const pair = map.items[i];
    const v = pair.value as Node | null;
    // a literal is replaced where it is written (a local of this file, too: the writer decides whether that is sound)
    if (!rest.length && v && isScalar(v) && (value === null || typeof value !== 'object')) return this.setValue(v, value);
    if (!v || !this.writtenIn(v, obj.elements[i])) throw new NotEditable('the value is written elsewhere');
    if (!rest.length) {
      if (value !== null && typeof value === 'object') {
        this.guard(v);
        return { start: v.range![0], end: v.range![1], newText: HCL_OBJECTS.has(v as YAMLMap) || HCL_TUPLES.has(v as YAMLSeq) || isScalar(v) ? hclValue(value, this.indentAt(v.range![0]), this.unit, this.lines.eol) : this.jsonValue(value, this.indentAt(v.range![0])) };
      }
      return this.setValue(v, value);
    }
    if (isMap(v)) return this.setPath(v, rest, value);
    if (isScalar(v) && v.value == null && !v.tag) return { start: v.range![0], end: v.range![1], newText: hclValue(nest(rest, value), this.indentAt(v.range![0]), this.unit, this.lines.eol) };
    throw new NotEditable('not an object');
  }

  override appendItems(seq: YAMLSeq, values: Plain[]): TextEdit {
    this.guard(seq);
    const spans = HCL_TUPLES.get(seq);
    if (!spans) return super.appendItems(seq, values);
    const r = seq.range!;
    const eol = this.lines.eol;
    if (!spans.length) return { start: r[0], end: r[1], newText: `[${values.map(hclInline).join(', ')}]` };
    const last = spans[spans.length - 1];
    if (this.sameLine(r[0], last.end)) return { start: last.end, end: last.end, newText: values.map((v) => ', ' + hclInline(v)).join('') };
    const indent = this.indentAt(last.start);
    const oneLine = !/[\r\n]/.test(this.text.slice(last.start, last.end));
    return { start: last.end, end: last.end, newText: values.map((v) => ',' + eol + indent + (oneLine ? hclInline(v) : hclValue(v, indent, this.unit, eol))).join('') };
  }

  override removeItem(seq: YAMLSeq, index: number, owner?: Pair): TextEdit {
    this.guard(seq);
    const spans = HCL_TUPLES.get(seq);
    if (!spans) return super.removeItem(seq, index, owner);
    if (spans.length !== seq.items.length || !spans[index]) throw new NotEditable('an element is not a value');
    if (spans.length === 1) return { start: seq.range![0], end: seq.range![1], newText: '[]' };
    if (index < spans.length - 1) return this.cutLines(spans[index].start, spans[index + 1].start);
    return this.cutLast(spans[index - 1].end, spans[index]);
  }

  override removePair(map: YAMLMap, pair: Pair): TextEdit {
    this.guard(map);
    const obj = HCL_OBJECTS.get(map);
    if (!obj) return super.removePair(map, pair);
    const i = map.items.indexOf(pair);
    const el = obj.elements[i];
    if (!el) throw new NotEditable('not an element');
    if (map.items.length === 1) return { start: map.range![0], end: map.range![1], newText: '{}' };
    if (i < map.items.length - 1) return this.cutLines(el.start, obj.elements[i + 1].start);
    return this.cutLast(obj.elements[i - 1].end, el);
  }

  /** From `start` to `next` (the next element): whole lines when the element starts its line and the next one starts another. */
  private cutLines(start: number, next: number): TextEdit {
    const line = this.lines.positionAt(start).line;
    const lineStart = this.lines.lineStart(line);
    const nextLine = this.lines.positionAt(next).line;
    if (nextLine > line && !this.text.slice(lineStart, start).trim()) return { start: lineStart, end: this.lines.lineStart(nextLine), newText: '' };
    return { start, end: next, newText: '' };
  }

  /**
   * The last element, after the one ending at `prevEnd`: its whole lines
   * when it has them to itself (a trailing comma is valid HCL), else from the
   * end of the previous element.
   */
  private cutLast(prevEnd: number, el: Span): TextEdit {
    const line = this.lines.positionAt(el.start).line;
    const endLine = this.lines.positionAt(el.end).line;
    const ownLines = !this.text.slice(this.lines.lineStart(line), el.start).trim() && /^\s*,?\s*(#.*|\/\/.*)?$/.test(this.text.slice(el.end, this.lines.lineEnd(endLine)));
    if (ownLines && this.lines.positionAt(prevEnd).line < line) {
      const end = endLine + 1 < this.lines.lineCount ? this.lines.lineStart(endLine + 1) : this.text.length;
      return { start: this.lines.lineStart(line), end, newText: '' };
    }
    return { start: prevEnd, end: el.end, newText: '' };
  }

  override insertBefore(map: YAMLMap, before: Pair, key: string, value: Plain): TextEdit | undefined {
    this.guard(map);
    const obj = HCL_OBJECTS.get(map);
    if (!obj) return super.insertBefore(map, before, key, value);
    const el = obj.elements[map.items.indexOf(before)];
    if (!el) return undefined;
    const indent = this.indentAt(el.start);
    const ownLine = !this.text.slice(this.lines.lineStart(this.lines.positionAt(el.start).line), el.start).trim();
    if (!ownLine) return { start: el.start, end: el.start, newText: `${hclKey(key)} = ${hclInline(value)}, ` };
    return { start: el.start, end: el.start, newText: `${hclKey(key)} = ${hclValue(value, indent, this.unit, this.lines.eol)}${this.lines.eol}${indent}` };
  }
}

/** Runs a writer's edit; `undefined` when it would have to edit a value where it is not written. */
export function editable<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof NotEditable) return undefined;
    throw e;
  }
}
