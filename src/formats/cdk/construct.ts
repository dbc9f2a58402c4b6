/**
 * Small readers of a construct's props shared by the CDK view builders:
 * whether a prop is visibly absent, a construct's label for messages, and a
 * fix from the edits a writer made (none when it could not make them).
 */
import type * as TS from 'typescript';
import type { Fix, Span, TextEdit } from '../../core';
import { known, unknownField } from '../../model/container';
import type { Setting } from '../../model/setting';
import { CdkFile, Prop, Props, unwrap } from './ast';
import type { CdkModel, CdkNew } from './model';
import { setConstructProp } from './props';

export function constructs(m: CdkModel, ...qs: string[]): CdkNew[] {
  return m.news.filter((n) => qs.includes(n.q));
}

/** 'present', 'missing' (visibly absent), or 'unknown' (props that cannot be read, a spread, a computed key). */
export function propState(n: CdkNew, key: string): 'present' | 'missing' | 'unknown' {
  if (n.propsUnknown) return 'unknown';
  if (!n.props) return 'missing';
  return n.props.state(key);
}

/** The prop is visibly absent: nothing unseen could supply it. */
export function missing(n: CdkNew, key: string): boolean {
  return propState(n, key) === 'missing';
}

/** `Cluster "Eks"`: the class name and the construct id, for messages. */
export function constructLabel(n: CdkNew): string {
  return `${n.q.split('.').pop()}${n.id ? ` "${n.id}"` : ''}`;
}

/** A fix from a writer's edits; undefined when there are none. */
export function fixOf(title: string, safety: Fix['safety'], edits: TextEdit[] | undefined, placeholders?: Span[]): Fix | undefined {
  return edits && edits.length ? { title, safety, edits, ...(placeholders ? { placeholders } : {}) } : undefined;
}

/** The text a construct's scope argument is written as (`this`, `stack`), for constructs a fix adds next to it. */
export function scopeText(m: CdkModel, n: CdkNew): string {
  const a = n.node.arguments?.[0];
  return a ? a.getText(m.file!.sf) : 'this';
}

/** A prop that is absent reads as 'missing' or 'unknown' (props that cannot be read). */
export function absent(n: CdkNew, key: string): 'missing' | 'unknown' {
  return propState(n, key) === 'missing' ? 'missing' : 'unknown';
}

export function absentIn(p: Props, key: string): 'missing' | 'unknown' {
  return p.state(key) === 'missing' ? 'missing' : 'unknown';
}

/** The object literal a prop's value is written as, in place (not through a const: edits go where the value is). */
export function inlineObject(file: CdkFile, p: Prop | undefined): TS.ObjectLiteralExpression | undefined {
  if (!p) return undefined;
  const u = unwrap(file.ts, p.value);
  return file.ts.isObjectLiteralExpression(u) ? u : undefined;
}

export function inlineArray(file: CdkFile, p: Prop | undefined): TS.ArrayLiteralExpression | undefined {
  if (!p) return undefined;
  const u = unwrap(file.ts, p.value);
  return file.ts.isArrayLiteralExpression(u) ? u : undefined;
}

/** `{ a: { b: value } }` for path ['a', 'b']. */
export function nest(m: CdkModel, path: string[], valueText: string): string {
  return path.reduceRight((acc, k) => `{ ${m.editor!.key(k)}: ${acc} }`, valueText);
}

/**
 * Sets `path` inside an object literal, inserting the nested objects that are
 * missing; undefined when a level cannot be edited soundly (not a literal,
 * or a spread that may already supply the key).
 */
export function setPath(m: CdkModel, obj: TS.ObjectLiteralExpression, path: string[], valueText: string): TextEdit[] | undefined {
  const file = m.file!;
  const ed = m.editor!;
  const props = new Props(file, obj);
  const [k, ...rest] = path;
  const p = props.get(k);
  if (!p && props.state(k) !== 'missing') return undefined;
  if (!rest.length) return ed.setProp(obj, p, k, valueText);
  if (!p) return ed.insertProp(obj, `${ed.key(k)}: ${nest(m, rest, valueText)}`);
  const inner = inlineObject(file, p);
  return inner ? setPath(m, inner, rest, valueText) : undefined;
}

/** Sets `path` on a construct's props (the first key through setConstructProp, so a props object is added when there is none). */
export function setConstructPath(m: CdkModel, n: CdkNew, path: string[], valueText: string): TextEdit[] | undefined {
  const [k, ...rest] = path;
  const p = n.props?.get(k);
  if (!p) return propState(n, k) === 'missing' ? setConstructProp(m, n, undefined, k, rest.length ? nest(m, rest, valueText) : valueText) : undefined;
  if (!rest.length) return setConstructProp(m, n, p, k, valueText);
  const inner = inlineObject(m.file!, p);
  return inner ? setPath(m, inner, rest, valueText) : undefined;
}

/** A boolean prop of an object (`endpointPublicAccess: false`). */
export function boolIn(file: CdkFile, p: Props | undefined, key: string): Setting<boolean> {
  if (!p) return 'unknown';
  const prop = p.get(key);
  if (!prop) return absentIn(p, key);
  const b = file.bool(prop.value);
  return b === undefined ? unknownField(file.span(prop.value), prop.key) : known(b, file.span(prop.value), prop.key);
}

export function stringIn(file: CdkFile, p: Props | undefined, key: string): Setting<string> {
  if (!p) return 'unknown';
  const prop = p.get(key);
  if (!prop) return absentIn(p, key);
  const s = file.string(prop.value);
  return s ? known(s.value, s.span, prop.key) : unknownField(file.span(prop.value), prop.key);
}

/** The props of an object-valued prop: undefined (with `state`) when absent or not a readable literal. */
export function objectProp(file: CdkFile, parent: Props | undefined, parentUnknown: boolean, key: string): { prop?: Prop; props?: Props; state: 'present' | 'missing' | 'unknown' } {
  if (!parent) return { state: parentUnknown ? 'unknown' : 'missing' };
  const prop = parent.get(key);
  if (!prop) return { state: parent.state(key) };
  const o = file.object(prop.value);
  return o ? { prop, props: new Props(file, o), state: 'present' } : { prop, state: 'unknown' };
}

