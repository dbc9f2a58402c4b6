import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../../core';
import { Slot } from '../../core/slot';
import { parseBlockYaml } from './block';
import { parseJsonDocument } from './json';

/**
 * YAML and JSON read for analysis: documents with source ranges on every
 * node, CloudFormation short tags (`!Ref`, `!GetAtt` …) accepted as opaque
 * values, never an exception. Strict JSON is read by `./json` into the same
 * nodes the `yaml` package would compose; everything else by `yaml`.
 */
export interface YamlDoc {
  doc: Document.Parsed;
  /** the document's root node (may be null for an empty document) */
  root: Node | null;
  span: Span;
  errors: { message: string; span: Span }[];
}

/**
 * Multi-document texts at least this long are parsed document by document,
 * reusing the documents whose text is unchanged since an earlier parse (an
 * edit in a 10,000-line manifest then re-parses one document, not the file).
 */
export const INCREMENTAL_MIN_CHARS = 32 * 1024;
/** how much document text the reuse cache keeps (least recently used first out) */
const CACHE_MAX_CHARS = 4 * 1024 * 1024;

let reuseDocuments = true;

/**
 * Whether parsed documents are kept for the next parse of an edited text: the
 * editor's case, where a 10,000-line manifest is analysed again on every
 * keystroke. A scan analyses each file once (again only after its own
 * fixes), and there the kept documents only hold memory: up to
 * CACHE_MAX_CHARS of text with node trees about twenty times its size
 * (86 MB of heap after 60 manifests of 3,000 lines). The CLI turns it off.
 */
export function keepDocumentsForReuse(on: boolean): void {
  reuseDocuments = on;
  if (!on) resetParseCache();
}

export function parseYamlDocs(text: string, opts: { incremental?: boolean } = {}): YamlDoc[] {
  if (reuseDocuments && opts.incremental !== false && text.length >= INCREMENTAL_MIN_CHARS) {
    const docs = parseByDocument(text);
    if (docs) return docs;
  }
  return parseWhole(text);
}

/** Forgets every reused document (benchmarks use it to time first analyses). */
export function resetParseCache(): void {
  pieces.clear();
  cachedChars = 0;
}

/** As the readers expect every document: JSON/YAML 1.2 core, unknown tags (CloudFormation's) kept as tagged nodes. */
export const PARSE_OPTIONS = {
  keepSourceTokens: false,
  prettyErrors: false,
  strict: false,
  uniqueKeys: false,
  version: '1.2',
} as const;

function parseWhole(text: string): YamlDoc[] {
  // a task definition, a template or a manifest in JSON: the same nodes, read without the YAML machinery
  const json = parseJsonDocument(text, PARSE_OPTIONS);
  if (json) return [yamlDoc(json)];
  // block YAML as manifests and templates are written: the same nodes, read line by line
  const block = parseBlockYaml(text, PARSE_OPTIONS);
  if (block) return block.map(yamlDoc);
  // Every unknown tag (each CloudFormation !Ref, !Sub, !GetAtt …) makes the
  // parser build a YAMLError warning, and capturing an Error's stack trace is
  // most of that cost (~12% of parsing a 300-line template): messages and
  // positions are all we read, so no stacks are captured while parsing.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, PARSE_OPTIONS);
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  // an alias names an anchor (`&base`): without one there is nothing to link (and no walk of every node)
  const anchored = text.includes('&') && text.includes('*');
  return list.map((doc) => {
    if (anchored) linkAliases(doc as Document.Parsed);
    return yamlDoc(doc as Document.Parsed);
  });
}

function yamlDoc(doc: Document.Parsed): YamlDoc {
  const r = doc.range ?? [0, 0, 0];
  return {
    doc,
    root: (doc.contents as Node | null) ?? null,
    span: { start: r[0], end: r[2] ?? r[1] },
    errors: doc.errors.map((e) => ({ message: e.message.split('\n')[0], span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) } })),
  };
}

interface CachedPiece {
  docs: YamlDoc[];
  /** the offset its ranges are currently relative to */
  base: number;
  /** the parse that last handed it out */
  serial: number;
}
const pieces = new Map<string, CachedPiece>();
let cachedChars = 0;
let serial = 0;

/**
 * Where the text can be cut into independently parsed pieces: at each `---`
 * line (a YAML document marker ends whatever came before it), provided the
 * piece before it holds some content (comments alone belong to the document
 * that follows). Undefined when there is nothing to cut or directives (`%`)
 * could carry over.
 */
function documentCuts(text: string): number[] | undefined {
  if (/^%/m.test(text)) return undefined;
  const cuts: number[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let from = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index === 0) continue;
    let body = text.slice(from, m.index);
    if (body.startsWith('---')) body = body.slice(3);
    if (/^[ \t]*[^\s#]/m.test(body)) {
      cuts.push(m.index);
      from = m.index;
    }
  }
  return cuts.length ? cuts : undefined;
}

/**
 * Parses piece by piece, taking unchanged pieces from the cache (their ranges
 * moved to where the piece now starts). Undefined (parse the whole text) when
 * a piece has errors: an unterminated construct may read differently in
 * context. Cached documents are never mutated except for that move, and
 * models copy spans out of them while analysing.
 */
function parseByDocument(text: string): YamlDoc[] | undefined {
  const cuts = documentCuts(text);
  if (!cuts) return undefined;
  const mine = ++serial;
  const bounds = [0, ...cuts, text.length];
  const out: YamlDoc[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i];
    const piece = text.slice(start, bounds[i + 1]);
    let c = pieces.get(piece);
    if (c && c.serial === mine) c = undefined; // the same text twice in one file: the second is parsed afresh
    if (c) {
      if (c.base !== start) {
        for (const d of c.docs) shiftDoc(d, start - c.base);
        c.base = start;
      }
      c.serial = mine;
      pieces.delete(piece);
      pieces.set(piece, c);
    } else {
      const docs = parseWhole(piece);
      if (docs.some((d) => d.errors.length)) return undefined;
      for (const d of docs) shiftDoc(d, start);
      c = { docs, base: start, serial: mine };
      const old = pieces.get(piece);
      if (old) cachedChars -= piece.length;
      pieces.delete(piece);
      pieces.set(piece, c);
      cachedChars += piece.length;
      for (const [k] of pieces) {
        if (cachedChars <= CACHE_MAX_CHARS) break;
        pieces.delete(k);
        cachedChars -= k.length;
      }
    }
    out.push(...c.docs);
  }
  return out;
}

function shiftDoc(d: YamlDoc, delta: number): void {
  if (!delta) return;
  const seen = new Set<unknown>();
  const shiftRange = (r: number[] | undefined | null) => {
    if (!r || seen.has(r)) return;
    seen.add(r);
    for (let i = 0; i < r.length; i++) r[i] += delta;
  };
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (isPair(n)) {
      visit(n.key);
      visit(n.value);
      return;
    }
    shiftRange((n as Node).range as number[] | undefined);
    if (isMap(n) || isSeq(n)) for (const it of n.items) visit(it);
  };
  shiftRange(d.doc.range as number[] | undefined);
  for (const e of [...d.doc.errors, ...d.doc.warnings]) shiftRange(e.pos);
  visit(d.doc.contents);
  d.span = { start: d.span.start + delta, end: d.span.end + delta };
  d.errors = d.errors.map((e) => ({ message: e.message, span: { start: e.span.start + delta, end: e.span.end + delta } }));
}

/**
 * Aliases (`securityContext: *hardened`) read as the node their anchor marks,
 * so what an alias brings in is checked like anything written in place (its
 * ranges are the anchor's). Linked once per document, in one pass: the
 * nearest anchor of that name before the alias, as YAML says. An alias is
 * never copied, so an alias bomb costs nothing here; readers only follow the
 * paths they read.
 */
const ALIAS_TARGET = new Slot<object, Node>();

function linkAliases(doc: Document.Parsed): void {
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node(_key, n) {
      if (isAlias(n)) {
        const t = anchors.get(n.source);
        if (t) ALIAS_TARGET.set(n, t);
      } else if (n.anchor) anchors.set(n.anchor, n);
    },
  });
}

/** The node an alias stands for; any other value as it is. */
export function deref(n: unknown): unknown {
  return n && typeof n === 'object' && isAlias(n) ? ALIAS_TARGET.get(n) : n;
}

/** How deep merge keys (`<<: *base`) are followed through maps that merge others. */
const MAX_MERGE_DEPTH = 8;

/**
 * A key of a map, its own or one it merges in with `<<: *base` or
 * `<<: [*a, *b]` (own keys win, then the merged maps in order), as
 * kubectl and docker compose read them.
 */
function findPair(map: unknown, match: (k: string | undefined) => boolean, depth = 0): Pair<Scalar, Node | null> | undefined {
  const m = deref(map);
  if (!isMap(m)) return undefined;
  let merges: unknown[] | undefined;
  for (const p of m.items) {
    const k = keyText(p);
    if (match(k)) return p as Pair<Scalar, Node | null>;
    if (k === '<<' && isScalar(p.key) && p.key.type === 'PLAIN') (merges ??= []).push(p.value);
  }
  if (!merges || depth >= MAX_MERGE_DEPTH) return undefined;
  for (const v of merges) {
    const list = isSeq(v) ? v.items : [v];
    for (const it of list) {
      if (!isAlias(it)) continue; // only an alias is a merge; a literal map under << is a plain key
      const p = findPair(it, match, depth + 1);
      if (p) return p;
    }
  }
  return undefined;
}

export function nodeSpan(n: Node | null | undefined): Span {
  const r = n?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

export function keyText(p: Pair): string | undefined {
  const k = p.key as unknown;
  if (isScalar(k)) return k.value == null ? undefined : String(k.value);
  if (typeof k === 'string') return k;
  return undefined;
}

export function getPair(map: unknown, key: string): Pair<Scalar, Node | null> | undefined {
  return findPair(map, (k) => k === key);
}

/** Case-insensitive key lookup (CloudFormation vs task-definition JSON spellings). */
export function getPairCI(map: unknown, key: string): Pair<Scalar, Node | null> | undefined {
  const lk = key.toLowerCase();
  return findPair(map, (k) => k?.toLowerCase() === lk);
}

export function get(node: unknown, ...path: (string | number)[]): Node | null | undefined {
  let cur: unknown = deref(node);
  for (const k of path) {
    if (typeof k === 'number') {
      if (!isSeq(cur)) return undefined;
      cur = cur.items[k];
    } else {
      const p = getPair(cur, k);
      if (!p) return undefined;
      cur = p.value;
    }
    cur = deref(cur);
  }
  return cur as Node | null | undefined;
}

export function asMap(n: unknown): YAMLMap<Scalar, Node | null> | undefined {
  const d = deref(n);
  return isMap(d) ? (d as YAMLMap<Scalar, Node | null>) : undefined;
}

export function asSeq(n: unknown): YAMLSeq<Node | null> | undefined {
  const d = deref(n);
  return isSeq(d) ? (d as YAMLSeq<Node | null>) : undefined;
}

const INTRINSIC_KEY = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

/**
 * A value decided elsewhere: a CloudFormation intrinsic (`!Ref x`,
 * `{"Fn::GetAtt": [...]}`), a custom tag, or a templating expression.
 */
export function isIntrinsic(n: unknown): boolean {
  n = deref(n);
  if (!n || typeof n !== 'object') return false;
  const tag = (n as Node).tag;
  if (tag && tag.startsWith('!') && !tag.startsWith('!!')) return true;
  if (isMap(n) && n.items.length === 1) {
    const k = keyText(n.items[0]);
    if (k && INTRINSIC_KEY.test(k)) return true;
  }
  if (isScalar(n) && typeof n.value === 'string' && /\{\{.*\}\}|\$\{\{|\u00a4/.test(n.value)) return true;
  return false;
}

export type ScalarRead<T> = { known: true; value: T } | { known: false };

export function readString(n: unknown): ScalarRead<string> | undefined {
  n = deref(n);
  if (n == null) return undefined;
  if (isIntrinsic(n)) return { known: false };
  if (isScalar(n)) {
    if (n.value == null) return undefined;
    return { known: true, value: String(n.value) };
  }
  return { known: false };
}

export function readBool(n: unknown): ScalarRead<boolean> | undefined {
  n = deref(n);
  if (n == null) return undefined;
  if (isIntrinsic(n)) return { known: false };
  if (isScalar(n)) {
    const v = n.value;
    if (v == null) return undefined;
    if (typeof v === 'boolean') return { known: true, value: v };
    if (typeof v === 'string') {
      const l = v.toLowerCase();
      if (l === 'true') return { known: true, value: true };
      if (l === 'false') return { known: true, value: false };
    }
    return { known: false };
  }
  return { known: false };
}

export function readNumber(n: unknown): ScalarRead<number> | undefined {
  n = deref(n);
  if (n == null) return undefined;
  if (isIntrinsic(n)) return { known: false };
  if (isScalar(n)) {
    const v = n.value;
    if (v == null) return undefined;
    if (typeof v === 'number') return { known: true, value: v };
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return { known: true, value: Number(v) };
    return { known: false };
  }
  return { known: false };
}

export { isAlias, isMap, isPair, isScalar, isSeq };
export type { Node, Pair, Scalar, YAMLMap, YAMLSeq };
