/**
 * Reading and writing resource properties for the per-service readers:
 * settings along a key path (a Field, 'missing' or 'unknown' when an
 * intrinsic stands on the way), string lists, IAM-style policy documents,
 * and edits that keep the template's key spelling and create the mappings
 * (or the `Properties` block) a new value needs.
 */
import type { Span, TextEdit } from '../../core';
import { Field, known, unknownField } from '../../model/container';
import type { Setting } from '../../model/setting';
import { asMap, asSeq, get, getPairCI, isIntrinsic, isMap, isScalar, keyText, nodeSpan, readBool, readString, Node, Pair, ScalarRead, YAMLMap, YAMLSeq } from '../yaml/doc';
import { nest, Plain } from '../yaml/edit';
import { pairField } from '../yaml/field';
import type { CfnReadContext, CfnResource } from './resource';

export function val(map: unknown, key: string): Node | null | undefined {
  return getPairCI(map, key)?.value;
}

/** `key:` with nothing after it (or `null`). */
export function isEmpty(n: unknown): boolean {
  return n == null || (isScalar(n) && (n as { value: unknown }).value == null);
}

export function strField(p: Pair | undefined): Field<string> | undefined {
  return pairField(p, readTemplateString);
}

export function boolField(p: Pair | undefined): Field<boolean> | undefined {
  return pairField(p, readBool);
}

/** A known string value (not an intrinsic), or undefined. */
export function knownString(n: unknown): string | undefined {
  const r = readString(n);
  return r?.known ? r.value : undefined;
}

/** The resource's Properties: absent, a mapping, or opaque (an intrinsic, a scalar). */
export function propsState(r: CfnResource): 'missing' | 'map' | 'unknown' {
  if (r.props) return 'map';
  const p = getPairCI(r.node, 'Properties');
  return !p || isEmpty(p.value) ? 'missing' : 'unknown';
}

/**
 * The setting at `path` below `map`: its Field, 'missing' when a key on the
 * way is absent, 'unknown' when an intrinsic (or a non-mapping) stands on
 * the way.
 */
export function settingAt<T>(map: YAMLMap | undefined, path: string[], read: (p: Pair) => Field<T> | undefined): Setting<T> {
  let cur: unknown = map;
  for (let i = 0; i < path.length; i++) {
    if (isEmpty(cur)) return 'missing';
    if (isIntrinsic(cur) || !asMap(cur)) return 'unknown';
    const p = getPairCI(cur, path[i]);
    if (!p) return 'missing';
    if (i === path.length - 1) return read(p) ?? 'missing';
    cur = p.value;
  }
  return 'missing';
}

/** The same, below a resource's Properties (unknown throughout when Properties is opaque). */
export function propSetting<T>(r: CfnResource, path: string[], read: (p: Pair) => Field<T> | undefined): Setting<T> {
  const st = propsState(r);
  if (st === 'unknown') return 'unknown';
  if (st === 'missing') return 'missing';
  return settingAt(r.props, path, read);
}

/** The pair at `path` below `map` (undefined when absent or behind an intrinsic). */
export function pairAt(map: YAMLMap | undefined, path: string[]): Pair<unknown, Node | null> | undefined {
  let cur: unknown = map;
  let p: Pair<unknown, Node | null> | undefined;
  for (const k of path) {
    if (!asMap(cur) || isIntrinsic(cur)) return undefined;
    p = getPairCI(cur, k);
    if (!p) return undefined;
    cur = p.value;
  }
  return p;
}

/** The node at `path`, or 'unknown' when an intrinsic stands on the way (the last node may itself be one). */
export function nodeAt(map: YAMLMap | undefined, path: string[]): Node | null | undefined | 'unknown' {
  let cur: unknown = map;
  for (const k of path) {
    if (isEmpty(cur)) return undefined;
    if (isIntrinsic(cur) || !asMap(cur)) return 'unknown';
    const p = getPairCI(cur, k);
    if (!p) return undefined;
    cur = p.value;
  }
  return cur as Node | null | undefined;
}

export interface StringList {
  /** the items; an intrinsic item is a Field with known: false */
  list: Field<string>[] | 'missing' | 'unknown';
  pair?: Pair<unknown, Node | null>;
  seq?: YAMLSeq<Node | null>;
}

/** A list of strings at `path` below `map`: `[]` when written empty, 'unknown' when the list is an intrinsic. */
export function stringsAt(map: YAMLMap | undefined, path: string[]): StringList {
  const n = nodeAt(map, path);
  if (n === 'unknown') return { list: 'unknown' };
  const pair = pairAt(map, path);
  if (!pair) return { list: 'missing' };
  if (isEmpty(n)) return { list: [], pair };
  const seq = asSeq(n);
  if (!seq || isIntrinsic(n)) {
    // a single string where a list is expected is read as a one-item list
    if (isScalar(n) && !isIntrinsic(n)) return { list: [known(String((n as { value: unknown }).value), nodeSpan(n as Node), nodeSpan(pair.key as Node))], pair };
    return { list: 'unknown', pair };
  }
  const list = seq.items.map((it) => {
    const r = readString(it);
    const span = nodeSpan(it as Node);
    return r?.known && isScalar(it) ? known(r.value, span) : unknownField<string>(span);
  });
  return { list, pair, seq };
}

/** The maps of a list at `path`: 'unknown' when the list (or an item) is an intrinsic. */
export function mapsAt(map: YAMLMap | undefined, path: string[]): { maps: YAMLMap[]; unknown: boolean; pair?: Pair<unknown, Node | null>; seq?: YAMLSeq<Node | null> } {
  const n = nodeAt(map, path);
  if (n === 'unknown') return { maps: [], unknown: true };
  const pair = pairAt(map, path);
  if (!pair || isEmpty(n)) return { maps: [], unknown: false, pair };
  const seq = asSeq(n);
  if (!seq || isIntrinsic(n)) return { maps: [], unknown: true, pair };
  const maps: YAMLMap[] = [];
  let unknown = false;
  for (const it of seq.items) {
    const m = asMap(it);
    if (!m || isIntrinsic(it)) unknown = true;
    else maps.push(m);
  }
  return { maps, unknown, pair, seq };
}

// ------------------------------------------------------------------ references

/** The logical id of `!Ref X` / `{ Ref: X }`. */
export function refOf(n: unknown): string | undefined {
  if (!n || typeof n !== 'object') return undefined;
  if ((n as Node).tag === '!Ref') return isScalar(n) && (n as { value: unknown }).value != null ? String((n as { value: unknown }).value) : undefined;
  const m = asMap(n);
  if (!m || m.items.length !== 1) return undefined;
  const ref = getPairCI(m, 'Ref');
  return ref && isScalar(ref.value) && ref.value.value != null ? String(ref.value.value) : undefined;
}

/**
 * The logical id and attribute of `!GetAtt X.Arn`, `!GetAtt [X, Arn]`,
 * `{ "Fn::GetAtt": ["X", "Arn"] }` or `!Sub '${X.Arn}'`.
 */
export function getAttOf(n: unknown): { id: string; attr: string } | undefined {
  if (!n || typeof n !== 'object') return undefined;
  const tag = (n as Node).tag;
  let arg: unknown;
  if (tag === '!GetAtt') arg = n;
  else if (tag === '!Sub') return subRef(n);
  else {
    const m = asMap(n);
    if (!m || m.items.length !== 1) return undefined;
    const k = keyText(m.items[0]);
    if (k === 'Fn::Sub') return subRef(m.items[0].value);
    if (k !== 'Fn::GetAtt') return undefined;
    arg = m.items[0].value;
  }
  if (isScalar(arg)) {
    const s = String((arg as { value: unknown }).value ?? '');
    const i = s.indexOf('.');
    return i > 0 ? { id: s.slice(0, i), attr: s.slice(i + 1) } : undefined;
  }
  const seq = asSeq(arg);
  if (seq && seq.items.length === 2 && seq.items.every((x) => isScalar(x) && !isIntrinsic(x))) {
    return { id: String((seq.items[0] as { value: unknown }).value), attr: String((seq.items[1] as { value: unknown }).value) };
  }
  return undefined;
}

/** `!Sub '${X.Arn}'` (the whole string one reference). */
function subRef(n: unknown): { id: string; attr: string } | undefined {
  const s = isScalar(n) ? (n as { value: unknown }).value : undefined;
  const m = typeof s === 'string' ? /^\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}$/.exec(s) : null;
  return m ? { id: m[1], attr: m[2] } : undefined;
}

// ------------------------------------------------------------------ policies

export interface PolicyStatement {
  /** Effect is Allow (the default); 'unknown' when Effect is an intrinsic */
  effect: 'allow' | 'deny' | 'unknown';
  /** Condition present */
  conditional: boolean;
  span: Span;
  /** principals that stand for everyone (`*`, `{ AWS: '*' }`) */
  openPrincipals: Span[];
  /** known actions; `actionsUnknown` when some could not be read */
  actions: Field<string>[];
  actionsUnknown: boolean;
  notAction?: Span;
  resources: Field<string>[];
  notResource?: Span;
}

/**
 * The statements of a policy document written as a mapping or as a JSON
 * string (then every span is the string's). 'unknown' when the document or
 * its statement list is an intrinsic.
 */
export function readPolicyDocument(n: Node | null | undefined): PolicyStatement[] | 'unknown' {
  if (isEmpty(n)) return [];
  if (isIntrinsic(n)) return 'unknown';
  if (isScalar(n)) {
    const r = readString(n);
    if (!r?.known) return 'unknown';
    return readJsonPolicy(r.value, nodeSpan(n));
  }
  const doc = asMap(n);
  if (!doc) return 'unknown';
  const stNode = val(doc, 'Statement');
  if (isEmpty(stNode)) return [];
  if (isIntrinsic(stNode)) return 'unknown';
  const items = asSeq(stNode)?.items ?? (asMap(stNode) ? [stNode] : []);
  const out: PolicyStatement[] = [];
  for (const it of items) {
    const s = asMap(it);
    if (!s || isIntrinsic(it)) continue;
    const eff = readString(val(s, 'Effect'));
    const acts = readList(val(s, 'Action'));
    const res = readList(val(s, 'Resource'));
    const na = getPairCI(s, 'NotAction');
    const nr = getPairCI(s, 'NotResource');
    out.push({
      effect: !eff ? 'allow' : !eff.known ? 'unknown' : eff.value === 'Deny' ? 'deny' : 'allow',
      conditional: !!getPairCI(s, 'Condition'),
      span: nodeSpan(s),
      openPrincipals: openPrincipals(val(s, 'Principal')),
      actions: acts.fields,
      actionsUnknown: acts.unknown,
      notAction: na ? nodeSpan(na.key as Node) : undefined,
      resources: res.fields,
      notResource: nr ? nodeSpan(nr.key as Node) : undefined,
    });
  }
  return out;
}

function readList(n: Node | null | undefined): { fields: Field<string>[]; unknown: boolean } {
  if (isEmpty(n)) return { fields: [], unknown: false };
  if (isIntrinsic(n)) return { fields: [], unknown: true };
  const items = asSeq(n)?.items ?? [n];
  const fields: Field<string>[] = [];
  let unknown = false;
  for (const it of items) {
    const r = readString(it);
    if (r?.known && isScalar(it)) fields.push(known(r.value, nodeSpan(it as Node)));
    else unknown = true;
  }
  return { fields, unknown };
}

function isStar(x: unknown): boolean {
  const r = readString(x);
  return !!r?.known && isScalar(x) && r.value.trim() === '*';
}

/** `*`, `{AWS: '*'}`, `{AWS: ['*', …]}`: the spans of the open principals of a statement. */
export function openPrincipals(n: unknown): Span[] {
  if (isStar(n)) return [nodeSpan(n as Node)];
  const m = asMap(n);
  if (!m || isIntrinsic(n)) return [];
  const out: Span[] = [];
  for (const key of ['AWS', 'CanonicalUser']) {
    const v = val(m, key);
    if (isStar(v)) out.push(nodeSpan(v as Node));
    for (const it of asSeq(v)?.items ?? []) if (isStar(it)) out.push(nodeSpan(it as Node));
  }
  return out;
}

function readJsonPolicy(text: string, span: Span): PolicyStatement[] | 'unknown' {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(text) as { Statement?: unknown };
  } catch {
    return 'unknown';
  }
  if (!doc || typeof doc !== 'object') return 'unknown';
  const sts = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const out: PolicyStatement[] = [];
  const strs = (v: unknown): { fields: Field<string>[]; unknown: boolean } => {
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return { fields: list.filter((x): x is string => typeof x === 'string').map((x) => known(x, span)), unknown: list.some((x) => typeof x !== 'string') };
  };
  for (const s of sts as Record<string, unknown>[]) {
    if (!s || typeof s !== 'object') continue;
    const p = s.Principal as unknown;
    const aws = p && typeof p === 'object' ? (p as Record<string, unknown>).AWS : undefined;
    const open = p === '*' || aws === '*' || (Array.isArray(aws) && aws.includes('*'));
    const acts = strs(s.Action);
    out.push({
      effect: s.Effect === 'Deny' ? 'deny' : 'allow',
      conditional: s.Condition !== undefined,
      span,
      openPrincipals: open ? [span] : [],
      actions: acts.fields,
      actionsUnknown: acts.unknown,
      notAction: s.NotAction !== undefined ? span : undefined,
      resources: strs(s.Resource).fields,
      notResource: s.NotResource !== undefined ? span : undefined,
    });
  }
  return out;
}

// ------------------------------------------------------------------ edits

/**
 * The spelling of `path` below `map`: existing keys keep theirs, new ones
 * are written as given. Undefined when an intrinsic stands on the way.
 */
function resolvePath(map: YAMLMap, path: string[]): string[] | undefined {
  const out: string[] = [];
  let cur: YAMLMap | undefined = map;
  for (const seg of path) {
    const p: Pair | undefined = cur ? getPairCI(cur, seg) : undefined;
    if (p) {
      if (isIntrinsic(p.value)) return undefined;
      if (!isEmpty(p.value) && !asMap(p.value) && seg !== path[path.length - 1]) return undefined;
      out.push(keyText(p)!);
      cur = asMap(p.value);
    } else {
      out.push(seg);
      cur = undefined;
    }
  }
  return out;
}

/** Sets `path` below `map` to `value` (creating mappings on the way); undefined when an intrinsic is in the way. */
export function setAt(cx: CfnReadContext, map: YAMLMap, path: string[], value: Plain): TextEdit | undefined {
  const p = resolvePath(map, path);
  return p ? cx.editor.setPath(map, p, value) : undefined;
}

/** Sets `path` below the resource's Properties, adding `Properties` when there is none. */
export function setProp(cx: CfnReadContext, r: CfnResource, path: string[], value: Plain): TextEdit | undefined {
  const st = propsState(r);
  if (st === 'unknown') return undefined;
  if (st === 'map') return setAt(cx, r.props!, path, value);
  const nested = nest(path, value);
  const pp = getPairCI(r.node, 'Properties');
  if (pp) return cx.editor.fillPair(pp, nested as Record<string, Plain>);
  return cx.editor.insertEntries(r.node, { Properties: nested });
}

/**
 * Sets several keys of the mapping at `path` below Properties: an existing
 * key gets its value replaced, the rest are added in one insertion.
 */
export function setPropEntries(cx: CfnReadContext, r: CfnResource, path: string[], entries: Record<string, Plain>): TextEdit[] | undefined {
  const n = propsState(r) === 'map' ? nodeAt(r.props, path) : undefined;
  if (n === 'unknown') return undefined;
  const m = asMap(n);
  if (!m || m.items.length === 0) {
    const e = setProp(cx, r, path, entries);
    return e && [e];
  }
  if (isIntrinsic(n)) return undefined;
  const edits: TextEdit[] = [];
  const add: Record<string, Plain> = {};
  for (const [k, v] of Object.entries(entries)) {
    const p = getPairCI(m, k);
    if (!p) add[k] = v;
    else if (!(isScalar(p.value) && (p.value as { value: unknown }).value === v)) {
      const e = setAt(cx, m, [k], v);
      if (!e) return undefined;
      edits.push(e);
    }
  }
  if (Object.keys(add).length) edits.push(cx.editor.insertEntries(m, add));
  return edits.length ? edits : undefined;
}


// ------------------------------------------------------------------ literal values

/**
 * The string an intrinsic stands for when the template itself holds every
 * part of it: `Fn::Join` of literals (and of nested literal joins, subs and
 * selects), `Fn::Sub` without variables, `Fn::Select` of a literal index in
 * a literal list. Anything that depends on deployment (`Ref`, pseudo
 * parameters, imports, conditions) gives undefined: unknown, never reported.
 */
export function literalOf(n: unknown): string | undefined {
  return intrinsicText(n, false, 0);
}

/**
 * The text of a string-valued intrinsic with what only deployment knows
 * written as `${…}` placeholders: `!Sub` as written, `Fn::Join` with
 * `${Ref}`/`${Resource.Attr}` for references. For values read in parts (the
 * tag of an image whose registry is `${AWS::AccountId}.dkr.ecr…`);
 * undefined for conditions, imports and anything not a string template.
 */
export function templateText(n: unknown): string | undefined {
  return intrinsicText(n, true, 0);
}

const HAS_VAR = /\$\{(?!!)/;

/**
 * The `Mappings` of the template being read, for `Fn::FindInMap`. Analysis is
 * synchronous, so the template reader sets them for the length of its read.
 */
let currentMappings: YAMLMap | undefined;

export function withMappings<T>(mappings: YAMLMap | undefined, read: () => T): T {
  const prev = currentMappings;
  currentMappings = mappings;
  try {
    return read();
  } finally {
    currentMappings = prev;
  }
}

function intrinsicText(n: unknown, placeholders: boolean, depth: number): string | undefined {
  if (depth > 8 || n == null) return undefined;
  const tag = (n as Node).tag;
  const short = tag && tag.startsWith('!') && !tag.startsWith('!!') ? tag.slice(1) : undefined;
  let fn: string | undefined;
  let arg: unknown;
  if (short) {
    fn = short === 'Ref' ? 'Ref' : `Fn::${short}`;
    arg = n;
  } else if (isScalar(n)) {
    const v = (n as { value: unknown }).value;
    return v == null || typeof v === 'object' ? undefined : String(v);
  } else if (isMap(n) && n.items.length === 1) {
    fn = keyText(n.items[0]);
    arg = n.items[0].value;
  }
  const scalar = isScalar(arg) && typeof (arg as { value: unknown }).value === 'string' ? (arg as { value: string }).value : undefined;
  const list = asSeq(arg)?.items;
  const sub = (t: string | undefined) => (t === undefined ? undefined : !HAS_VAR.test(t) ? t.replace(/\$\{!/g, '${') : placeholders ? t : undefined);
  switch (fn) {
    case 'Fn::Sub':
      // `!Sub "…"`, or [template, { var: value }]: the template, its variables as placeholders
      return sub(scalar ?? (list?.length === 2 && placeholders ? knownString(list[0]) : undefined));
    case 'Ref':
      return placeholders && scalar !== undefined ? `\${${scalar}}` : undefined;
    case 'Fn::GetAtt': {
      if (!placeholders) return undefined;
      const parts = list?.map((x) => knownString(x));
      if (parts?.length === 2 && parts.every((x) => x !== undefined)) return `\${${parts.join('.')}}`;
      return scalar !== undefined ? `\${${scalar}}` : undefined;
    }
    case 'Fn::Join': {
      const parts = list?.length === 2 ? asSeq(list[1]) : undefined;
      const sep = parts && !isIntrinsic(list![1]) ? intrinsicText(list![0], false, depth + 1) : undefined;
      if (sep === undefined) return undefined;
      const out: string[] = [];
      for (const p of parts!.items) {
        const t = intrinsicText(p, placeholders, depth + 1);
        if (t === undefined) return undefined;
        out.push(t);
      }
      return out.join(sep);
    }
    case 'Fn::FindInMap': {
      // [map, top-level key, second-level key], each literal, in the template's own Mappings
      if (!currentMappings || list?.length !== 3) return undefined;
      const keys = list.map((x) => intrinsicText(x, false, depth + 1));
      if (keys.some((k) => k === undefined)) return undefined;
      const v = get(currentMappings, keys[0]!, keys[1]!, keys[2]!);
      return v == null || isMap(v) || asSeq(v) ? undefined : intrinsicText(v, placeholders, depth + 1);
    }
    case 'Fn::Select': {
      const i = list?.length === 2 ? Number(intrinsicText(list[0], false, depth + 1)) : NaN;
      const from = list ? asSeq(list[1]) : undefined;
      if (!Number.isInteger(i) || !from || isIntrinsic(list![1]) || i < 0 || i >= from.items.length) return undefined;
      return intrinsicText(from.items[i], placeholders, depth + 1);
    }
    default:
      return undefined;
  }
}

/** A string read with literal intrinsics resolved (`Fn::Join` of literals …): known only when the template holds the whole value. */
export function readTemplateString(n: unknown): ScalarRead<string> | undefined {
  if (isIntrinsic(n) && !(isScalar(n) && !(n as Node).tag)) {
    const v = literalOf(n);
    return v !== undefined ? { known: true, value: v } : { known: false };
  }
  return readString(n);
}

/** An image reference: its literal text, or its template text with placeholders (the tag may still be readable). */
export function readImageString(n: unknown): ScalarRead<string> | undefined {
  if (isIntrinsic(n) && !(isScalar(n) && !(n as Node).tag)) {
    const v = templateText(n);
    return v !== undefined ? { known: true, value: v } : { known: false };
  }
  if (isScalar(n) && typeof (n as { value: unknown }).value === 'string') return { known: true, value: (n as { value: string }).value };
  return readString(n);
}
