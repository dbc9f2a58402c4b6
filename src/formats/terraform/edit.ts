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
import { Slot } from '../../core/slot';
import { keyOf, lineStartAfter, nest, Plain, YamlEditor } from '../yaml/edit';
import { HCL_OBJECTS, HCL_TUPLES, JSON_TEXT, RELOCATED, Span, unknownAt } from './hcl';

/** How Terraform writes a property a reader names: an attribute, a nested block, or repeated blocks (a list). */
export type HclName =
  /** `json`: the value is a JSON document in a string (a policy), written as `jsonencode({ … })` */
  | { attr: string; json?: true }
  | { block: string; names: HclNames }
  | { blocks: string; names: HclNames }
  /** a list of strings the reader wraps (`enabled_cluster_log_types` as `ClusterLogging.EnabledTypes: [{ Type: … }]`) */
  | { wrap: string; path: string[]; itemKey: string }
  /** an HCL map the reader lists as name/value pairs (`runtime_environment_variables = { KEY = "v" }`) */
  | { entries: string; key: string; value: string };
/** A reader's property names (any case) → Terraform's. */
export type HclNames = Record<string, HclName>;

/**
 * Maps a reader built from an HCL block (a resource's body under its
 * CloudFormation or API property names, a nested block): where the block is
 * written and how each property is written in Terraform, so a writer's
 * `ScanOnPush: true` becomes `scan_on_push = true` in the
 * `image_scanning_configuration` block (added when missing).
 */
export const HCL_BLOCKS = new Slot<YAMLMap, { at: Span; names: HclNames }>();
/**
 * The map of the file's resources a CloudFormation writer adds a resource to
 * (a task's new role): a new `resource` block at the end of the file, its
 * type and properties spelt as the readers read them (`AWS::IAM::Role` →
 * `aws_iam_role`). The writer names it through `CfnTemplate.newId`, so
 * its id is the address (`aws_iam_role.api_instance`).
 */
export const HCL_RESOURCES = new Slot<YAMLMap, (cfnType: string) => { type: string; names: HclNames } | undefined>();
/** Lists a reader built from repeated blocks (`setting { … }` twice): a writer's new item is one more block after the last. */
export const HCL_BLOCK_LISTS = new Slot<YAMLSeq, { block: string; names: HclNames; last: Span }>();
/** Tuples a reader wrapped item by item (`"api"` as `{ Type: "api" }`): a writer's new item is its `itemKey` value. */
export const HCL_WRAPPED = new Slot<YAMLSeq, { itemKey: string; tuple: YAMLSeq }>();

/** The strings of wrapped items (`[{ Type: "api" }]` → `["api"]`). */
function unwrap(values: Plain[], itemKey: string): Plain[] {
  return values.map((v) => {
    const x = v !== null && typeof v === 'object' && !Array.isArray(v) ? v[itemKey] : undefined;
    if (x === undefined || Object.keys(v as object).length !== 1) throw new NotEditable('not a wrapped item');
    return x;
  });
}

/** Lists a reader made of an HCL map's entries (`{ KEY = "v" }` as `[{ Name: KEY, Value: "v" }]`): edited as that map. */
export const HCL_ENTRIES = new Slot<YAMLSeq, { object: YAMLMap; key: string; value: string }>();

/** `[{ Name: "K", Value: v }]` as `{ K: v }`. */
function entriesOf(values: Plain[], key: string, value: string): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const v of values) {
    const k = v !== null && typeof v === 'object' && !Array.isArray(v) ? v[key] : undefined;
    if (typeof k !== 'string') throw new NotEditable('not a name/value entry');
    out[k] = (v as Record<string, Plain>)[value] ?? null;
  }
  return out;
}

/** Values a reader derived from what is written (`assign_public_ip = true` read as `ENABLED`): the text a new value is written as. */
export const HCL_ENCODED = new Slot<Scalar, (v: Plain) => string | undefined>();

/**
 * `assign_public_ip` (a bool, or the string "true" / "false") as the ECS
 * API's ENABLED / DISABLED, ranged where it is written (`at` when the value
 * has no range); a writer's DISABLED is written back as Terraform's false.
 */
export function assignPublicIpValue(v: Node, at: [number, number], text: string): Node {
  const b = v instanceof Scalar && !v.tag && typeof v.value === 'boolean' ? v.value : v instanceof Scalar && !v.tag && (v.value === 'true' || v.value === 'false') ? v.value === 'true' : undefined;
  const r = v.range ?? at;
  const val = b === undefined ? unknownAt(text, r[0], r[1]) : new Scalar(b ? 'ENABLED' : 'DISABLED');
  val.range = [r[0], r[1], r[1]];
  if (b !== undefined) HCL_ENCODED.set(val, (x) => (x === 'DISABLED' ? 'false' : x === 'ENABLED' ? 'true' : undefined));
  if (RELOCATED.has(v)) RELOCATED.add(val);
  return val;
}

function nameOf(names: HclNames, key: string): HclName | undefined {
  const k = key.toLowerCase();
  for (const [n, v] of Object.entries(names)) if (n.toLowerCase() === k) return v;
  return undefined;
}

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

/**
 * A CloudFormation intrinsic a reader's writer built, as a Terraform
 * expression: `Fn::GetAtt` of a resource the file declares (its logical id
 * is the Terraform address) for an `…Arn` attribute is `<address>.arn`;
 * anything else has no sound translation.
 */
function isIntrinsic(v: { [k: string]: Plain }): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function intrinsic(v: { [k: string]: Plain }): string | undefined {
  if (!isIntrinsic(v)) return undefined;
  const keys = Object.keys(v);
  const sub = v['Fn::Sub'];
  if (typeof sub === 'string') {
    // the pseudo parameters a writer uses in an ARN; the fix is manual, its placeholders said
    const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': '<region>', 'AWS::AccountId': '<account>', 'AWS::URLSuffix': 'amazonaws.com' };
    const out = sub.replace(/\$\{([^}]*)\}/g, (m, name: string) => pseudo[name] ?? m);
    if (!out.includes('${')) return hclString(out);
  }
  const g = v['Fn::GetAtt'];
  if (Array.isArray(g) && g.length === 2 && typeof g[0] === 'string' && /^aws_\w+\.[\w-]+$/.test(g[0]) && typeof g[1] === 'string' && /Arn$/.test(g[1])) return `${g[0]}.arn`;
  throw new NotEditable(`no Terraform expression for ${keys[0]}`);
}

/** A value in HCL syntax, continuation lines indented from `indent` by `unit`. */
export function hclValue(v: Plain, indent: string, unit: string, eol: string): string {
  if (v === null) return 'null';
  if (typeof v === 'object' && !Array.isArray(v)) {
    const x = intrinsic(v);
    if (x) return x;
  }
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
    const x = intrinsic(v);
    if (x) return x;
    const parts = Object.entries(v).map(([k, x]) => `${hclKey(k)} = ${hclInline(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return hclValue(v, '', '', '');
}

export class HclEditor extends YamlEditor {
  constructor(text: string, lines: LineIndex) {
    super(text, lines, true);
  }

  private guard(n: unknown): void {
    if (n && typeof n === 'object' && RELOCATED.has(n)) throw new NotEditable('written in another file');
  }

  /** A map or list no syntax of the file wrote as such (a reader's own arrangement): not edited. */
  private known(n: YAMLMap | YAMLSeq): void {
    this.guard(n);
    if (!JSON_TEXT.has(n)) throw new NotEditable('not written as a map or list');
  }

  /** Lines for properties added to a block, each at `indent`. */
  private blockLines(names: HclNames, entries: Record<string, Plain>, indent: string): string[] {
    const eol = this.lines.eol;
    const out: string[] = [];
    for (const [k, v] of Object.entries(entries)) {
      const n = nameOf(names, k);
      if (!n) throw new NotEditable(`no Terraform name for ${k}`);
      if ('attr' in n) {
        const value = hclValue(v, indent, this.unit, eol);
        out.push(`${indent}${n.attr} = ${n.json && v !== null && typeof v === 'object' ? `jsonencode(${value})` : value}`);
        continue;
      }
      if ('entries' in n) {
        const list = Array.isArray(v) ? v : [];
        out.push(`${indent}${n.entries} = ${hclValue(entriesOf(list, n.key, n.value), indent, this.unit, eol)}`);
        continue;
      }
      if ('wrap' in n) {
        let inner: Plain = v;
        for (const k of n.path) inner = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner[k] ?? null) : null;
        if (!Array.isArray(inner)) throw new NotEditable('not a wrapped list');
        out.push(`${indent}${n.wrap} = ${hclValue(unwrap(inner, n.itemKey), indent, this.unit, eol)}`);
        continue;
      }
      const items = 'block' in n ? [v] : Array.isArray(v) ? v : [];
      const nestedNames = n.names;
      for (const it of items) {
        if (it === null || typeof it !== 'object' || Array.isArray(it)) throw new NotEditable('a block needs an object');
        const inner = this.blockLines(nestedNames, it, indent + this.unit);
        out.push(`${indent}${'block' in n ? n.block : n.blocks} {${eol}${inner.join(eol)}${eol}${indent}}`);
      }
    }
    return out;
  }

  /** Adds properties to a block: before its closing brace, each on a line of its own. */
  private insertIntoBlock(map: YAMLMap, block: { at: Span; names: HclNames }, entries: Record<string, Plain>): TextEdit {
    const eol = this.lines.eol;
    const close = block.at.end - 1;
    if (this.text[close] !== '}') throw new NotEditable('no closing brace');
    const open = this.text.lastIndexOf('{', close);
    const headerLine = this.lines.positionAt(block.at.start).line;
    const base = this.lines.indentOf(headerLine);
    const closeLine = this.lines.positionAt(close).line;
    const first = map.items.map((p) => (p.key as Node | null)?.range?.[0]).find((x): x is number => x !== undefined && x > block.at.start && x < close);
    const firstLine = first === undefined ? -1 : this.lines.positionAt(first).line;
    const indent = first !== undefined && !this.text.slice(this.lines.lineStart(firstLine), first).trim() ? this.text.slice(this.lines.lineStart(firstLine), first) : base + this.unit;
    const lines = this.blockLines(block.names, entries, indent);
    if (closeLine === headerLine) {
      // `resource "x" "y" {}`: an empty one-line block opens up; one holding an attribute is edited by hand
      if (this.text.slice(open + 1, close).trim()) throw new NotEditable('a one-line block');
      return { start: open + 1, end: close, newText: eol + lines.join(eol) + eol + base };
    }
    if (this.text.slice(this.lines.lineStart(closeLine), close).trim()) throw new NotEditable('the closing brace shares its line');
    const at = this.lines.lineStart(closeLine);
    return { start: at, end: at, newText: lines.join(eol) + eol };
  }

  /** New `resource` blocks after the last line of the file: `{ "aws_iam_role.x": { Type, Properties } }`. */
  private insertResources(shapeOf: (cfnType: string) => { type: string; names: HclNames } | undefined, entries: Record<string, Plain>): TextEdit {
    const eol = this.lines.eol;
    const blocks: string[] = [];
    for (const [id, r] of Object.entries(entries)) {
      const m = /^(aws_\w+)\.([A-Za-z_][\w-]*)$/.exec(id);
      const type = r !== null && typeof r === 'object' && !Array.isArray(r) ? r.Type : undefined;
      const shape = typeof type === 'string' ? shapeOf(type) : undefined;
      if (!m || !shape || shape.type !== m[1]) throw new NotEditable(`no Terraform resource for ${id}`);
      const props = (r as Record<string, Plain>).Properties;
      const body = props !== null && typeof props === 'object' && !Array.isArray(props) ? this.blockLines(shape.names, props, this.unit) : [];
      blocks.push(`resource "${m[1]}" "${m[2]}" {${eol}${body.join(eol)}${body.length ? eol : ''}}${eol}`);
    }
    const end = this.text.length;
    const lead = end === 0 ? '' : this.text.endsWith('\n') ? eol : eol + eol;
    return { start: end, end, newText: lead + blocks.join(eol) };
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
    if (!isScalar(node)) throw new NotEditable('not a literal');
    if ((node as Scalar).tag === '!tf') throw new NotEditable('an expression');
    const encode = HCL_ENCODED.get(node as Scalar);
    if (encode) {
      const t = encode(v);
      if (t === undefined) throw new NotEditable('no Terraform value for this');
      return { start: node.range![0], end: node.range![1], newText: t };
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && isIntrinsic(v)) {
      // a reference to a resource (`aws_iam_role.x.arn`) is an expression in HCL; JSON text has no way to say it
      if (JSON_TEXT.has(node)) throw new NotEditable('no reference in JSON text');
      return { start: node.range![0], end: node.range![1], newText: intrinsic(v)! };
    }
    // a heredoc is a template too: `${` is escaped in JSON there as in HCL
    if (typeof v === 'string') return { start: node.range![0], end: node.range![1], newText: hclString(v) };
    return super.setValue(node, v);
  }

  override insertEntries(map: YAMLMap, entries: Record<string, Plain>): TextEdit {
    this.guard(map);
    const resources = HCL_RESOURCES.get(map);
    if (resources) return this.insertResources(resources, entries);
    const block = HCL_BLOCKS.get(map);
    if (block) return this.insertIntoBlock(map, block, entries);
    const obj = HCL_OBJECTS.get(map);
    if (!obj) {
      this.known(map);
      return super.insertEntries(map, entries);
    }
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
    if (HCL_BLOCKS.has(map)) {
      const [k, ...rest] = path;
      const pair = map.items.find((p) => keyOf(p)?.toLowerCase() === k.toLowerCase());
      if (!pair) return this.insertEntries(map, { [k]: nest(rest, value) });
      const v = pair.value as Node | null;
      if (!rest.length && v && (value === null || typeof value !== 'object')) return this.setValue(v, value);
      if (rest.length && isMap(v)) return this.setPath(v, rest, value);
      throw new NotEditable('a block property that is not a literal');
    }
    const obj = HCL_OBJECTS.get(map);
    if (!obj) {
      this.known(map);
      return super.setPath(map, path, value);
    }
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

  override fillPair(pair: Pair, entries: Record<string, Plain>): TextEdit {
    const v = pair.value as Node | null;
    this.guard(v);
    if (isMap(v)) return this.insertEntries(v, entries);
    if (v && JSON_TEXT.has(v)) return super.fillPair(pair, entries);
    if (v && isScalar(v) && v.value == null && !(v as Scalar).tag) return { start: v.range![0], end: v.range![1], newText: hclValue(entries, this.indentAt(v.range![0]), this.unit, this.lines.eol) };
    throw new NotEditable('no value to fill');
  }

  override appendItems(seq: YAMLSeq, values: Plain[]): TextEdit {
    this.guard(seq);
    const blocks = HCL_BLOCK_LISTS.get(seq);
    if (blocks) {
      const eol = this.lines.eol;
      const indent = this.indentAt(blocks.last.start);
      const text = values.flatMap((v) => this.blockLines({ item: { block: blocks.block, names: blocks.names } }, { item: v }, indent)).join(eol);
      return { start: blocks.last.end, end: blocks.last.end, newText: eol + text };
    }
    const wrapped = HCL_WRAPPED.get(seq);
    if (wrapped) return this.appendItems(wrapped.tuple, unwrap(values, wrapped.itemKey));
    const entries = HCL_ENTRIES.get(seq);
    if (entries) return this.insertEntries(entries.object, entriesOf(values, entries.key, entries.value));
    const spans = HCL_TUPLES.get(seq);
    if (!spans) {
      this.known(seq);
      return super.appendItems(seq, values);
    }
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
    const entries = HCL_ENTRIES.get(seq);
    if (entries) {
      const pair = entries.object.items[index];
      if (!pair || entries.object.items.length !== seq.items.length) throw new NotEditable('an entry is not written');
      return this.removePair(entries.object, pair);
    }
    const spans = HCL_TUPLES.get(seq);
    if (!spans) {
      this.known(seq);
      return super.removeItem(seq, index, owner);
    }
    if (spans.length !== seq.items.length || !spans[index]) throw new NotEditable('an element is not a value');
    if (spans.length === 1) return { start: seq.range![0], end: seq.range![1], newText: '[]' };
    if (index < spans.length - 1) return this.cutLines(spans[index].start, spans[index + 1].start);
    return this.cutLast(spans[index - 1].end, spans[index]);
  }

  override removePair(map: YAMLMap, pair: Pair): TextEdit {
    this.guard(map);
    const block = HCL_BLOCKS.get(map);
    if (block) {
      // an attribute on lines of its own, its value written there
      const k = (pair.key as Node | null)?.range;
      const v = (pair.value as Node | null)?.range;
      if (!k || !v || v[0] < k[1] || v[1] > block.at.end) throw new NotEditable('the value is written elsewhere');
      const line = this.lines.positionAt(k[0]).line;
      const endLine = this.lines.positionAt(v[1]).line;
      if (this.text.slice(this.lines.lineStart(line), k[0]).trim() || !/^\s*(#.*|\/\/.*)?$/.test(this.text.slice(v[1], this.lines.lineEnd(endLine)))) throw new NotEditable('the attribute shares its line');
      return { start: this.lines.lineStart(line), end: lineStartAfter(this.lines, endLine), newText: '' };
    }
    const obj = HCL_OBJECTS.get(map);
    if (!obj) {
      this.known(map);
      return super.removePair(map, pair);
    }
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
      return { start: this.lines.lineStart(line), end: lineStartAfter(this.lines, endLine), newText: '' };
    }
    return { start: prevEnd, end: el.end, newText: '' };
  }

  override insertBefore(map: YAMLMap, before: Pair, key: string, value: Plain): TextEdit | undefined {
    this.guard(map);
    if (HCL_BLOCKS.has(map)) return this.insertEntries(map, { [key]: value });
    const obj = HCL_OBJECTS.get(map);
    if (!obj) {
      this.known(map);
      return super.insertBefore(map, before, key, value);
    }
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
