/**
 * Appends `items` to `target` one by one: `target.push(...items)` passes every
 * item as an argument and overflows the call stack for a large page (a
 * registry can return hundreds of thousands of findings).
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const x of items) target.push(x);
  return target;
}
