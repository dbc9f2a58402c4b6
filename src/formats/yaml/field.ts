import { known, unknownField, type Field } from '../../model/container';
import { nodeSpan, type Node, type Pair, type ScalarRead } from './doc';

/**
 * A key/value pair read as a ranged Field: undefined when the pair is absent
 * or empty, `known: false` when the value is one Bulkhead cannot see (an
 * intrinsic, a template) or `unseen` says so.
 */
export function pairField<T>(pair: Pair | undefined, read: (n: unknown) => ScalarRead<T> | undefined, unseen?: (v: T) => boolean): Field<T> | undefined {
  if (!pair) return undefined;
  const r = read(pair.value);
  if (!r) return undefined;
  const keySpan = nodeSpan(pair.key as Node);
  const span = pair.value ? nodeSpan(pair.value as Node) : keySpan;
  return r.known && !unseen?.(r.value) ? known(r.value, span, keySpan) : unknownField(span, keySpan);
}
