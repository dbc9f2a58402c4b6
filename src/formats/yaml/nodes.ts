import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/**
 * Nodes of `yaml`'s own classes for Bulkhead's JSON and block YAML readers,
 * made without running the classes' constructors. Each constructor marks its
 * instance with the node type through `Object.defineProperty` (a
 * non-enumerable own symbol), and that is most of what creating a node
 * costs: about 140 ns, against 20 ns here. These nodes inherit the same mark
 * instead, defined once (non-enumerable) on each class's prototype, where
 * `yaml`'s own instances shadow it with theirs. So `isScalar`, `isMap`,
 * `visit` and every other check of the library answer for these nodes as
 * for the ones it composes, and their enumerable own properties are the
 * same. (The collections also lack the constructor's non-enumerable
 * `schema`, which is undefined on composed nodes too.)
 */
const NODE_TYPE = Symbol.for('yaml.node.type');

function mark(proto: object, type: string): void {
  if (!Object.prototype.hasOwnProperty.call(proto, NODE_TYPE)) Object.defineProperty(proto, NODE_TYPE, { value: Symbol.for(type) });
}
mark(Scalar.prototype, 'yaml.scalar');
mark(YAMLMap.prototype, 'yaml.map');
mark(YAMLSeq.prototype, 'yaml.seq');
mark(Pair.prototype, 'yaml.pair');

export function newScalar(value: unknown): Scalar {
  const s = Object.create(Scalar.prototype) as Scalar;
  s.value = value;
  return s;
}

export function newMap(): YAMLMap {
  const m = Object.create(YAMLMap.prototype) as YAMLMap;
  m.items = [];
  return m;
}

export function newSeq(): YAMLSeq {
  const s = Object.create(YAMLSeq.prototype) as YAMLSeq;
  s.items = [];
  return s;
}

export function newPair(key: unknown, value: unknown): Pair {
  const p = Object.create(Pair.prototype) as Pair;
  p.key = key;
  p.value = value;
  return p;
}
