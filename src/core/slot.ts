/**
 * A value attached to an object, with a WeakMap's methods. It is kept on the
 * object itself, under a symbol of its own: V8's young-generation collector
 * holds every entry of a WeakMap as live, so a WeakMap keyed by a syntax
 * node whose values point back into the tree keeps each analysed file's
 * model alive until the next full collection (promoted, copied, collected
 * late). A slot dies with its object.
 */
export class Slot<K extends object, V> {
  private readonly key = Symbol('slot');

  get(o: K): V | undefined {
    return (o as Record<symbol, V | undefined>)[this.key];
  }

  has(o: K): boolean {
    return Object.prototype.hasOwnProperty.call(o, this.key);
  }

  set(o: K, v: V): this {
    Object.defineProperty(o, this.key, { value: v, writable: true, configurable: true, enumerable: false });
    return this;
  }

  delete(o: K): boolean {
    return delete (o as Record<symbol, unknown>)[this.key];
  }
}
