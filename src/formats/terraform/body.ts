/**
 * A resource's body as the Terraform readers see it, whatever syntax wrote
 * it: its attributes (name → value node, ranged in the file) and its nested
 * blocks. HCL (`.tf`) bodies are syntax-tree nodes whose values are
 * evaluated on demand; JSON bodies (a `terraform show -json` plan) are maps
 * whose values are already known, or marked unknown by the plan.
 */
import type { Node as TsNode } from 'web-tree-sitter';
import { isMap, isSeq, Scalar, YAMLMap } from 'yaml';
import type { Node } from '../yaml/doc';
import { At, child, children, HclScope, TfBlock, toValue, unknownAt } from './hcl';

export type { At };

export interface TfAttribute {
  /** the attribute's name */
  key: At;
  /** its value, ranged in the file */
  value(): Node;
  /** the expression as written, when the syntax has expressions (HCL): references are read from it */
  source?: string;
}

export interface TfBlocks {
  items: TfBody[];
  /** blocks a `dynamic` block (or a value unknown until apply) generates: what they hold is unknown */
  unknown?: At;
}

export interface TfBody {
  /** the whole block */
  at: At;
  /** its type name (`volume` in `volume { … }`) */
  typeAt: At;
  attr(name: string): TfAttribute | undefined;
  blocks(type: string): TfBlocks;
  /** written in HCL syntax (a writer can add attributes and blocks to it) */
  hcl?: boolean;
}

/** A managed resource: `resource "type" "name" { … }`, or a plan's resource change. */
export interface TfResource {
  type: string;
  name: string;
  /** where a plan holds it: `module.ecs.aws_ecs_service.this[0]` (else `type.name`) */
  address?: string;
  /** the name's span: where "missing X" findings point */
  nameAt: At;
  typeAt: At;
  body: TfBody;
}

export function at(start: number, end: number): At {
  return { startIndex: start, endIndex: end };
}

// ------------------------------------------------------------------ HCL

/** A block's type, labels and body. */
export function blockOf(b: TsNode, text: string): TfBlock {
  // one pass over the children: each access to a node's children builds new node objects
  const kids = children(b);
  const id = kids.find((c) => c.type === 'identifier');
  const labels = kids
    .filter((c) => c.type === 'string_lit' || (c.type === 'identifier' && c.startIndex !== id?.startIndex))
    .map((c) => {
      const raw = text.slice(c.startIndex, c.endIndex);
      return { value: c.type === 'string_lit' ? raw.slice(1, -1) : raw, span: { start: c.startIndex, end: c.endIndex } };
    });
  return { node: b, type: id ? text.slice(id.startIndex, id.endIndex) : '', labels, body: kids.find((c) => c.type === 'body') };
}

/** Attributes of the bodies read so far in this parse, by node id (a body is asked for its attributes several times). */
const attributeCache = new Map<number, Map<string, { key: TsNode; value: TsNode }>>();

/** Forgets the bodies of a parse (their node ids are reused by the next tree). */
export function clearAttributeCache(): void {
  attributeCache.clear();
}

/** A body's attributes: name → its expression and the name's node. */
export function attributes(body: TsNode | undefined, text: string): Map<string, { key: TsNode; value: TsNode }> {
  const cached = body && attributeCache.get(body.id);
  if (cached) return cached;
  const out = new Map<string, { key: TsNode; value: TsNode }>();
  for (const a of children(body, 'attribute')) {
    const kids = children(a);
    const k = kids.find((c) => c.type === 'identifier');
    const v = kids.find((c) => c.type === 'expression');
    if (k && v) out.set(text.slice(k.startIndex, k.endIndex), { key: k, value: v });
  }
  if (body) attributeCache.set(body.id, out);
  return out;
}

/** An HCL block as a body; nested blocks of a type, or the `dynamic "type"` block that generates them. */
export function hclBody(b: TfBlock, scope: HclScope): TfBody {
  const text = scope.text;
  let nested: TfBlock[] | undefined;
  return {
    at: b.node,
    hcl: true,
    typeAt: child(b.node, 'identifier') ?? b.node,
    attr(name) {
      const a = attributes(b.body, text).get(name);
      if (!a) return undefined;
      return { key: a.key, value: () => toValue(a.value, scope), source: text.slice(a.value.startIndex, a.value.endIndex).trim() };
    },
    blocks(type) {
      nested ??= children(b.body, 'block').map((n) => blockOf(n, text));
      const dynamic = nested.filter((n) => n.type === 'dynamic' && n.labels[0]?.value === type);
      if (dynamic.length) return { items: [], unknown: at(dynamic[0].node.startIndex, dynamic[dynamic.length - 1].node.endIndex) };
      return { items: nested.filter((n) => n.type === type).map((n) => hclBody(n, scope)) };
    },
  };
}

// ------------------------------------------------------------------ JSON

/**
 * A map of JSON values as a body: a plan's `after` values (`values`), or a
 * block of a `.tf.json` file (`config`, where strings are templates). A
 * nested block is a list of maps (or one map) under its type; a value the
 * plan marks unknown is an unknown scalar. `sources`: the references a
 * plan's configuration gives its attributes.
 */
export function jsonBody(map: YAMLMap, typeAt: At, text: string, syntax: 'values' | 'config' = 'values', sources?: ReadonlyMap<string, string>): TfBody {
  const pair = (name: string, in_: YAMLMap = map) => in_.items.find((p) => String((p.key as Scalar | null)?.value) === name);
  return {
    at: rangeOf(map),
    typeAt,
    attr(name) {
      const p = pair(name);
      if (!p || p.value == null) return undefined;
      const key = rangeOf(p.key as Node);
      const v = p.value as Node;
      // Terraform's JSON syntax: a string that is one `${…}` is that expression (unknown here, its text a reference the readers may follow)
      const whole = syntax === 'config' && v instanceof Scalar && typeof v.value === 'string' ? /^\$\{([^{}]*)\}$/.exec(v.value.trim()) : undefined;
      if (whole) return { key, value: () => unknownValue(text, rangeOf(v)), source: whole[1].trim() };
      // a plan's value, with the reference its configuration wrote (`aws_iam_role.task.arn`) when it has one
      return { key, value: () => v, source: sources?.get(name) };
    },
    blocks(type) {
      if (syntax === 'config') {
        // `"dynamic": { "<type>": { … } }`: what it generates is unknown
        const dyn = pair('dynamic')?.value;
        const d = isMap(dyn) ? pair(type, dyn) : undefined;
        if (d) return { items: [], unknown: rangeOf(d.key as Node) };
      }
      const p = pair(type);
      const v = p?.value as Node | null | undefined;
      if (!p || v == null) return { items: [] };
      const key = rangeOf(p.key as Node);
      if (v instanceof Scalar && v.tag === '!tf') return { items: [], unknown: rangeOf(v) };
      if (isMap(v)) return { items: [jsonBody(v, key, text, syntax)] };
      if (isSeq(v)) return { items: v.items.filter(isMap).map((m) => jsonBody(m, key, text, syntax)) };
      return { items: [], unknown: rangeOf(v) };
    },
  };
}

function rangeOf(n: Node | null | undefined): At {
  const r = n?.range;
  return r ? at(r[0], r[1]) : at(0, 0);
}

/** An unknown value at a place. */
export function unknownValue(text: string, a: At): Scalar {
  return unknownAt(text, a.startIndex, a.endIndex);
}
