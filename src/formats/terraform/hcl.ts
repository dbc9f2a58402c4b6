/**
 * HCL expressions as the value nodes the shared readers understand: YAML
 * nodes (the same the JSON and CloudFormation readers walk), each ranged in
 * the .tf text, so a finding points at the HCL token that decides it.
 *
 * Literals, objects, tuples, `jsonencode(…)` of them and heredoc JSON are
 * values; `local.x` and `var.x` (its default) are followed within the file.
 * Everything else (a resource attribute, a data source, a function Bulkhead
 * does not evaluate, a conditional) is an unknown value: a scalar tagged
 * `!tf`, which readers treat like a CloudFormation intrinsic — never reported.
 */
import type { Node as TsNode } from 'web-tree-sitter';
import { isMap, isPair, isScalar, isSeq, parseDocument, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node } from '../yaml/doc';
import { Slot } from '../../core/slot';

/** An expression of another file of the module, with that file's scope. */
export interface ExternalRef {
  node: TsNode;
  scope: HclScope;
}

/** What references resolve to: the file's own locals and variable defaults, and the module's other files'. */
export interface HclScope {
  text: string;
  locals: Map<string, TsNode | ExternalRef>;
  /** `variable "x" { default = … }`, or the value a `terraform.tfvars` / `*.auto.tfvars` gives it */
  defaults: Map<string, TsNode | ExternalRef>;
  /** the variables of the `for` expressions being evaluated (`c` in `[for c in local.cs : …]`), innermost last */
  bound?: Map<string, Node>;
}

const MAX_DEPTH = 64;

/**
 * Maps read from HCL object syntax (`{ key = value }`), not JSON, with where
 * their last element ends in the text (its value may be written elsewhere: a
 * local): a writer inserts `key = value` after it.
 */
export const HCL_OBJECTS = new Slot<YAMLMap, { lastElementEnd?: number; elements: Span[] }>();

/** Tuples read from HCL syntax (`[a, b]`), with where each element is written (aligned with the items). */
export const HCL_TUPLES = new Slot<YAMLSeq, Span[]>();

/**
 * Values written in another file of the module and ranged at the reference
 * that reads them: their ranges say where they are used, not written, so no
 * edit may be computed from them.
 */
export const RELOCATED = new WeakSet<object>();

/** Nodes parsed from JSON text in a heredoc: edited as JSON. */
export const JSON_TEXT = new WeakSet<object>();

/** Where something is written in the text. */
export interface Span {
  start: number;
  end: number;
}

/** The first named child of a type. */
export function child(n: TsNode | null | undefined, type: string): TsNode | undefined {
  return n?.namedChildren.find((c): c is TsNode => !!c && c.type === type);
}

export function children(n: TsNode | null | undefined, type?: string): TsNode[] {
  return (n?.namedChildren ?? []).filter((c): c is TsNode => !!c && (!type || c.type === type));
}

function ranged<T extends Node>(node: T, start: number, end: number): T {
  node.range = [start, end, end];
  return node;
}

/** An unknown value at a span (readers treat the `!tf` tag like an intrinsic). */
export function unknownAt(text: string, start: number, end: number): Scalar {
  const s = new Scalar(text.slice(start, end));
  s.tag = '!tf';
  return ranged(s, start, end);
}

/** The text of a string literal without interpolations, unescaped; undefined when it has any. */
export function literalString(n: TsNode | null | undefined, scope: HclScope): string | undefined {
  const v = toValue(n, scope);
  return isScalar(v) && !v.tag && typeof v.value === 'string' && !v.value.includes('${') ? v.value : undefined;
}

/** The value of an expression node (an `expression`, or any node below one). */
export function toValue(n: TsNode | null | undefined, scope: HclScope): Node {
  budget = MAX_STEPS;
  return expr(n, scope, 0);
}

/**
 * Evaluation steps allowed for one value: locals that use each other twice
 * over (`a = [local.b, local.b]`, `b = [local.c, local.c]` …) would
 * otherwise take exponential time. Past it, values are unknown.
 */
const MAX_STEPS = 20_000;
let budget = MAX_STEPS;
/** references being followed (a cycle is unknown) */
const following = new Set<TsNode>();

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, c: string) => {
    if (c[0] === 'u' || c[0] === 'U') return String.fromCodePoint(parseInt(c.slice(1), 16));
    return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
  });
}

function expr(n: TsNode | null | undefined, scope: HclScope, depth: number): Node {
  const text = scope.text;
  if (!n) return unknownAt(text, 0, 0);
  // (blocks with syntax errors are not read: no expression here holds one)
  if (depth > MAX_DEPTH || --budget < 0) return unknownAt(text, n.startIndex, n.endIndex);
  switch (n.type) {
    case 'expression': {
      // `a.b`, `a[0]`, `a.*`: a traversal; one child: the value itself
      const count = n.namedChildCount;
      if (count === 1) return expr(n.firstNamedChild, scope, depth + 1);
      const kids = children(n);
      if (kids.length === 2 && kids[0].type === 'variable_expr' && kids[1].type === 'get_attr') return reference(n, kids[0], kids[1], scope, depth);
      return unknownAt(text, n.startIndex, n.endIndex);
    }
    case 'literal_value':
    case 'collection_value':
    case 'template_expr':
      return expr(n.firstNamedChild, scope, depth + 1);
    case 'numeric_lit':
      return ranged(new Scalar(Number(text.slice(n.startIndex, n.endIndex))), n.startIndex, n.endIndex);
    case 'bool_lit':
      return ranged(new Scalar(text.slice(n.startIndex, n.endIndex) === 'true'), n.startIndex, n.endIndex);
    case 'null_lit':
      return ranged(new Scalar(null), n.startIndex, n.endIndex);
    case 'string_lit':
    case 'quoted_template':
      return template(n, scope, depth);
    case 'heredoc_template':
      return heredoc(n, scope);
    case 'tuple': {
      const seq = ranged(new YAMLSeq(), n.startIndex, n.endIndex);
      const spans: Span[] = [];
      for (const e of children(n, 'expression')) {
        seq.items.push(expr(e, scope, depth + 1));
        spans.push({ start: e.startIndex, end: e.endIndex });
      }
      HCL_TUPLES.set(seq, spans);
      return seq;
    }
    case 'object': {
      const map = ranged(new YAMLMap(), n.startIndex, n.endIndex);
      const elems = children(n, 'object_elem');
      const elements: Span[] = [];
      HCL_OBJECTS.set(map, { lastElementEnd: elems.length ? elems[elems.length - 1].endIndex : undefined, elements });
      for (const el of elems) {
        const k = el.childForFieldName('key');
        const v = el.childForFieldName('val');
        if (!k || !v) continue;
        map.items.push(new Pair(keyOf(k, scope), expr(v, scope, depth + 1)));
        elements.push({ start: el.startIndex, end: el.endIndex });
      }
      return map;
    }
    case 'function_call': {
      const name = child(n, 'identifier');
      const args = children(child(n, 'function_arguments'), 'expression');
      const fn = name ? text.slice(name.startIndex, name.endIndex) : '';
      // jsonencode(x) is x's structure as JSON: the readers read the structure
      if (fn === 'jsonencode' && args.length === 1) return expr(args[0], scope, depth + 1);
      if ((fn === 'merge' || fn === 'concat') && args.length) return combine(fn, n, args, scope, depth);
      // a known list or map is what it is converted to
      if ((fn === 'tolist' || fn === 'toset' || fn === 'tomap') && args.length === 1) {
        const v = expr(args[0], scope, depth + 1);
        return (fn === 'tomap' ? isMap(v) : isSeq(v)) ? v : unknownAt(text, n.startIndex, n.endIndex);
      }
      // lookup(map, key, default): the map's value, else the default
      if (fn === 'lookup' && (args.length === 2 || args.length === 3)) {
        const m = expr(args[0], scope, depth + 1);
        const k = expr(args[1], scope, depth + 1);
        if (!isMap(m) || !isScalar(k) || k.tag || m.items.some((p) => !isScalar(p.key) || p.key.tag)) return unknownAt(text, n.startIndex, n.endIndex);
        const hit = m.items.find((p) => (p.key as Scalar).value === k.value);
        if (hit) return hit.value as Node;
        return args.length === 3 ? expr(args[2], scope, depth + 1) : unknownAt(text, n.startIndex, n.endIndex);
      }
      return unknownAt(text, n.startIndex, n.endIndex);
    }
    case 'variable_expr': {
      const v = scope.bound?.get(text.slice(n.startIndex, n.endIndex));
      return v ?? unknownAt(text, n.startIndex, n.endIndex);
    }
    case 'for_expr':
      return expr(n.firstNamedChild, scope, depth + 1);
    case 'for_tuple_expr':
      return forTuple(n, scope, depth);
    default:
      return unknownAt(text, n.startIndex, n.endIndex);
  }
}

/**
 * `merge(a, b, …)` of objects (a later key wins) and `concat(a, b, …)` of
 * lists, when every argument is known: one argument unknown (a variable
 * without a value, a computed key) and any key or item may be there unseen,
 * so the whole call is unknown. Each value keeps where it is written; the
 * combined map or list is written nowhere as such, so nothing is inserted
 * into it (an edit replaces a value where it is written, or there is none).
 */
function combine(fn: 'merge' | 'concat', n: TsNode, args: TsNode[], scope: HclScope, depth: number): Node {
  const text = scope.text;
  const parts = args.map((a) => expr(a, scope, depth + 1));
  if (fn === 'concat') {
    if (!parts.every((p): p is YAMLSeq => isSeq(p))) return unknownAt(text, n.startIndex, n.endIndex);
    const seq = ranged(new YAMLSeq(), n.startIndex, n.endIndex);
    for (const p of parts) seq.items.push(...p.items);
    RELOCATED.add(seq);
    return seq;
  }
  if (!parts.every((p): p is YAMLMap => isMap(p))) return unknownAt(text, n.startIndex, n.endIndex);
  const map = ranged(new YAMLMap(), n.startIndex, n.endIndex);
  const at = new Map<unknown, number>();
  for (const p of parts) {
    for (const pair of p.items) {
      const k = pair.key;
      if (!isScalar(k) || k.tag) return unknownAt(text, n.startIndex, n.endIndex);
      const i = at.get(k.value);
      if (i === undefined) {
        at.set(k.value, map.items.length);
        map.items.push(pair);
      } else map.items[i] = pair;
    }
  }
  RELOCATED.add(map);
  return map;
}

/**
 * `[for c in coll : body]` over a known list or object: the body evaluated
 * for each element (`for i, c in …`: index or key, then value), each value
 * ranged where it is written (in the collection, or in the body). A
 * condition (`if …`) or an unknown collection makes it unknown; the list is
 * written nowhere as such, so nothing is inserted into it.
 */
function forTuple(n: TsNode, scope: HclScope, depth: number): Node {
  const text = scope.text;
  const unknown = () => unknownAt(text, n.startIndex, n.endIndex);
  const intro = child(n, 'for_intro');
  const body = children(n, 'expression')[0];
  if (!intro || !body || child(n, 'for_cond')) return unknown();
  const names = children(intro, 'identifier').map((i) => text.slice(i.startIndex, i.endIndex));
  const coll = expr(child(intro, 'expression'), scope, depth + 1);
  let elements: [Node, Node][];
  if (isSeq(coll)) elements = coll.items.map((v, i) => [ranged(new Scalar(i), n.startIndex, n.startIndex), v as Node]);
  else if (isMap(coll)) elements = coll.items.map((p) => [p.key as Node, p.value as Node]);
  else return unknown();
  if (names.length < 1 || names.length > 2) return unknown();
  const seq = ranged(new YAMLSeq(), n.startIndex, n.endIndex);
  for (const [k, v] of elements) {
    const bound = new Map(scope.bound);
    if (names.length === 2) bound.set(names[0], k);
    bound.set(names[names.length - 1], v);
    seq.items.push(expr(body, { ...scope, bound }, depth + 1));
  }
  RELOCATED.add(seq);
  return seq;
}

/** An object key: a bare identifier or a string; anything else is a key no reader looks up. */
function keyOf(k: TsNode, scope: HclScope): Scalar {
  const inner = k.type === 'expression' && k.namedChildren.length === 1 ? k.namedChildren[0]! : k;
  if (inner.type === 'variable_expr') return ranged(new Scalar(scope.text.slice(inner.startIndex, inner.endIndex)), k.startIndex, k.endIndex);
  const v = expr(k, scope, 0);
  if (isScalar(v) && !v.tag && v.value != null) return ranged(new Scalar(String(v.value)), k.startIndex, k.endIndex);
  return unknownAt(scope.text, k.startIndex, k.endIndex);
}

/** `local.x` and `var.x` (its default), followed within the file; the value keeps the ranges where it is written. */
function reference(n: TsNode, root: TsNode, attr: TsNode, scope: HclScope, depth: number): Node {
  const text = scope.text;
  const base = text.slice(root.startIndex, root.endIndex);
  const nameNode = child(attr, 'identifier');
  const name = nameNode ? text.slice(nameNode.startIndex, nameNode.endIndex) : undefined;
  const loopVar = scope.bound?.get(base);
  if (loopVar) {
    // `c.name` in a `for` body: the element's attribute
    const pair = isMap(loopVar) ? loopVar.items.find((p) => isScalar(p.key) && !p.key.tag && p.key.value === name) : undefined;
    return (pair?.value as Node | undefined) ?? unknownAt(text, n.startIndex, n.endIndex);
  }
  const target = name === undefined ? undefined : base === 'local' ? scope.locals.get(name) : base === 'var' ? scope.defaults.get(name) : undefined;
  if (!target) return unknownAt(text, n.startIndex, n.endIndex);
  // a local or a variable's default is written outside any `for`: its names are not the loop's
  if (scope.bound) scope = { ...scope, bound: undefined };
  const node = isExternal(target) ? target.node : target;
  if (following.has(node)) return unknownAt(text, n.startIndex, n.endIndex);
  following.add(node);
  try {
    if (isExternal(target)) {
      // written in another file: the value is known, and its findings point at this reference
      const v = expr(target.node, target.scope, depth + 1);
      relocate(v, n.startIndex, n.endIndex);
      return v;
    }
    return expr(target, scope, depth + 1);
  } finally {
    following.delete(node);
  }
}

function isExternal(t: TsNode | ExternalRef): t is ExternalRef {
  return typeof (t as ExternalRef).scope === 'object' && typeof (t as TsNode).startIndex !== 'number';
}

/** Ranges a value (and everything in it) at one span of this file. */
function relocate(n: unknown, start: number, end: number): void {
  if (!n || typeof n !== 'object') return;
  if (isPair(n)) {
    relocate(n.key, start, end);
    relocate(n.value, start, end);
    return;
  }
  const node = n as Node;
  node.range = [start, end, end];
  // written in another file: nothing to insert into here
  RELOCATED.add(node);
  if (isMap(node)) HCL_OBJECTS.delete(node);
  if (isSeq(node)) HCL_TUPLES.delete(node);
  if (isMap(node) || isSeq(node)) for (const it of node.items) relocate(it, start, end);
}

/** A quoted string: its literal parts, and interpolations as their values when known, else as `${…}` text (a template the readers do not take as a value). */
function template(n: TsNode, scope: HclScope, depth: number): Node {
  const text = scope.text;
  let out = '';
  for (const c of children(n)) {
    if (c.type === 'template_literal') out += unescape(text.slice(c.startIndex, c.endIndex));
    else if (c.type === 'template_interpolation') {
      const v = expr(child(c, 'expression'), scope, depth + 1);
      out += isScalar(v) && !v.tag && v.value != null && typeof v.value !== 'object' ? String(v.value) : '${' + text.slice(c.startIndex + 2, c.endIndex - 1).trim() + '}';
    } else if (c.type === 'template_directive') return unknownAt(text, n.startIndex, n.endIndex);
  }
  return ranged(new Scalar(out), n.startIndex, n.endIndex);
}

/**
 * A heredoc: JSON in it (container definitions written as JSON) is read as
 * JSON, its nodes ranged in the .tf text; interpolations inside JSON strings
 * stay templates (unknown values). Anything else is an unknown value.
 */
function heredoc(n: TsNode, scope: HclScope): Node {
  const text = scope.text;
  const lits = children(n).filter((c) => c.type === 'template_literal' || c.type === 'template_interpolation' || c.type === 'template_directive');
  if (!lits.length) return unknownAt(text, n.startIndex, n.endIndex);
  const start = lits[0].startIndex;
  const end = lits[lits.length - 1].endIndex;
  const body = text.slice(start, end);
  if (!/^\s*[[{]/.test(body)) return unknownAt(text, n.startIndex, n.endIndex);
  const doc = parseDocument(body, { prettyErrors: false, strict: false, uniqueKeys: false });
  if (doc.errors.length || !doc.contents) return unknownAt(text, n.startIndex, n.endIndex);
  shift(doc.contents as Node, start);
  return doc.contents as Node;
}

/** Moves a parsed subtree's ranges by `by` characters. */
function shift(n: unknown, by: number): void {
  if (!n || typeof n !== 'object') return;
  if (isPair(n)) {
    shift(n.key, by);
    shift(n.value, by);
    return;
  }
  const node = n as Node;
  JSON_TEXT.add(node);
  if (node.range) node.range = [node.range[0] + by, node.range[1] + by, node.range[2] + by];
  if (isMap(node) || isSeq(node)) for (const it of node.items) shift(it, by);
}

/** Something with a place in the text: a syntax node, or a span. */
export interface At {
  startIndex: number;
  endIndex: number;
}

/** A key scalar ranged at an attribute or block name. */
export function keyAt(name: string, n: At): Scalar {
  return ranged(new Scalar(name), n.startIndex, n.endIndex);
}

/** An empty map ranged at a block or a resource. */
export function mapAt(n: At): YAMLMap {
  return ranged(new YAMLMap(), n.startIndex, n.endIndex);
}

/** A block: `resource "aws_ecs_task_definition" "app" { … }`. */
export interface TfBlock {
  node: TsNode;
  type: string;
  labels: { value: string; span: { start: number; end: number } }[];
  body: TsNode | undefined;
}
