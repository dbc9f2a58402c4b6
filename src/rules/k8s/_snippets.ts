import type { Span } from '../../core';
import type { K8sModel, K8sResource } from './_rule';
import { annotationsOf } from './_rule';

/** A configuration-snippet annotation of an Ingress (ingress-nginx: server-snippet, configuration-snippet, auth-snippet, stream-snippet…). */
export interface SnippetAnnotation {
  resource: K8sResource;
  key: string;
  keySpan: Span;
  /** the value's span (the whole scalar, block header included) */
  span: Span;
  /** undefined when the value cannot be seen (a Helm expression) */
  value: string | undefined;
}

/** Every annotation of every Ingress whose key names a snippet. */
export function* ingressSnippets(m: K8sModel): Generator<SnippetAnnotation> {
  for (const r of m.resources) {
    if (r.kind !== 'Ingress') continue;
    for (const [key, a] of annotationsOf(r.metadata)) {
      if (!key.includes('snippet')) continue;
      yield { resource: r, key, keySpan: a.keySpan, span: a.span, value: a.value };
    }
  }
}

/** The text with NGINX/YAML comments (`#` at the start of a token, to the end of the line) blanked, lengths kept. */
export function blankComments(text: string): string {
  return text.replace(/(^|[ \t])#[^\n]*/g, (s, lead: string) => lead + ' '.repeat(s.length - lead.length));
}

/**
 * Where `token` (found in the snippet's value) is written in the source: the
 * first occurrence inside the value's source text outside comments, or the
 * whole value when it is not written verbatim (an escaped quoted string).
 */
export function locate(m: K8sModel, s: SnippetAnnotation, token: RegExp): Span {
  const src = blankComments(m.text.slice(s.span.start, s.span.end));
  const re = new RegExp(token.source, token.flags.replace('g', ''));
  const hit = re.exec(src);
  if (!hit) return s.span;
  const off = hit.index + (hit[1] !== undefined ? hit[0].indexOf(hit[1]) : 0);
  const len = hit[1] !== undefined ? hit[1].length : hit[0].length;
  return { start: s.span.start + off, end: s.span.start + off + len };
}

export function ingressLabel(r: K8sResource): string {
  return r.name ? `Ingress ${r.name}` : 'Ingress';
}
