/**
 * A value attached to an object, with a WeakMap's methods. It is kept on the
 * object itself, in a private field of the slot's own: V8's young-generation
 * collector holds every entry of a WeakMap as live, so a WeakMap keyed by a
 * syntax node whose values point back into the tree keeps each analysed
 * file's model alive until the next full collection (promoted, copied,
 * collected late). A slot dies with its object, and no key list, spread,
 * JSON, structured clone or deep comparison sees it.
 */
export class Slot<K extends object, V> {
  private readonly field = privateField<V>();

  get(o: K): V | undefined {
    return this.field.get(o);
  }

  has(o: K): boolean {
    return this.field.has(o);
  }

  set(o: K, v: V): this {
    this.field.set(o, v);
    return this;
  }

  delete(o: K): boolean {
    return this.field.delete(o);
  }
}

/** What a deleted slot holds (a private field cannot be removed). */
const ABSENT: unique symbol = Symbol('absent');

/**
 * A private field that any object can be given: a class whose base
 * constructor returns the object it is handed adds the field to it. Adding
 * one is an ordinary property store, where `Object.defineProperty` (the
 * other way to keep a value out of sight) calls into the runtime: 15-20
 * times slower, 5 % of a Dockerfile's analysis.
 */
function privateField<V>() {
  class Base {
    constructor(o: object) {
      return o as Base;
    }
  }
  class Field extends Base {
    #value: V | typeof ABSENT;

    private constructor(o: object, v: V) {
      super(o);
      this.#value = v;
    }

    static get(o: object): V | undefined {
      if (!(#value in o)) return undefined;
      const v = (o as Field).#value;
      return v === ABSENT ? undefined : v;
    }

    static has(o: object): boolean {
      return #value in o && (o as Field).#value !== ABSENT;
    }

    static set(o: object, v: V): void {
      if (#value in o) (o as Field).#value = v;
      else new Field(o, v);
    }

    static delete(o: object): boolean {
      if (!Field.has(o)) return false;
      (o as Field).#value = ABSENT;
      return true;
    }
  }
  return Field;
}
