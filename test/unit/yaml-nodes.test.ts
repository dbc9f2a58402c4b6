import * as assert from 'assert';
import { Document, isCollection, isMap, isNode, isPair, isScalar, isSeq, Pair, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import { newMap, newPair, newScalar, newSeq } from '../../src/formats/yaml/nodes';

describe('yaml nodes made without their constructors', () => {
  it('answer every identity check of yaml as its own nodes do', () => {
    const s = newScalar('x');
    const m = newMap();
    const q = newSeq();
    const p = newPair(s, q);
    assert.ok(isScalar(s) && isNode(s) && !isMap(s));
    assert.ok(isMap(m) && isCollection(m) && !isSeq(m));
    assert.ok(isSeq(q) && isCollection(q) && !isMap(q));
    assert.ok(isPair(p) && !isNode(p));
    assert.ok((s as object) instanceof Scalar && (m as object) instanceof YAMLMap && (q as object) instanceof YAMLSeq && (p as object) instanceof Pair);
    // yaml's own nodes are unchanged: they keep their own mark
    assert.ok(isScalar(new Scalar(1)) && isMap(new YAMLMap()) && isSeq(new YAMLSeq()) && isPair(new Pair(1)));
  });

  it('have the enumerable own properties of yaml\'s nodes, and work with its methods', () => {
    assert.deepStrictEqual(Object.keys(newScalar(1)), Object.keys(new Scalar(1)));
    assert.deepStrictEqual(Object.keys(newMap()), Object.keys(new YAMLMap()));
    assert.deepStrictEqual(Object.keys(newSeq()), Object.keys(new YAMLSeq()));
    assert.deepStrictEqual(Object.keys(newPair(1, 2)), Object.keys(new Pair(1, 2)));
    assert.deepStrictEqual(newScalar(1), new Scalar(1));
    const m = newMap();
    const q = newSeq();
    q.items.push(newScalar(1), newScalar('two'));
    m.items.push(newPair(newScalar('a'), q), newPair(newScalar('b'), newScalar(null)));
    const doc = new Document();
    doc.contents = m as Document['contents'];
    assert.deepStrictEqual(doc.toJS(), { a: [1, 'two'], b: null });
    assert.strictEqual(doc.toString(), 'a:\n  - 1\n  - two\nb: null\n');
    assert.strictEqual(m.get('b', true), m.items[1].value);
    const seen: string[] = [];
    visit(doc, { Scalar: (_k, n) => void seen.push(String(n.value)) });
    assert.deepStrictEqual(seen, ['a', '1', 'two', 'b', 'null']);
    const c = m.clone() as YAMLMap;
    assert.ok(isMap(c) && c.items.length === 2);
  });
});
