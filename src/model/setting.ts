import type { Field } from './container';

/**
 * A setting as a reader sees it: a Field (set, possibly to a value Bulkhead
 * cannot see), visibly absent (`'missing'`), or possibly supplied by
 * something unseen (`'unknown'`: a spread of props, an intrinsic around the
 * whole block, a module input). Rules report `'missing'` and known insecure
 * values; they never report `'unknown'` or a Field with `known: false`.
 */
export type Setting<T> = Field<T> | 'missing' | 'unknown';

/** The known value of a setting, or undefined (missing, unknown, or not literal). */
export function valueOf<T>(s: Setting<T> | undefined): T | undefined {
  return s && typeof s === 'object' && s.known ? s.value : undefined;
}

/** The setting is a Field (set to something, known or not). */
export function isSet<T>(s: Setting<T> | undefined): s is import('./container').Field<T> {
  return !!s && typeof s === 'object';
}
