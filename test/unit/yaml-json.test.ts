import * as assert from 'assert';
import { Document, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import { parseJsonDocument } from '../../src/formats/yaml/json';
import { PARSE_OPTIONS, parseYamlDocs } from '../../src/formats/yaml/doc';
import { Gen, genEcsJson } from '../bench/gen';

/**
 * Every property of a node as `yaml` composes it (class, value, style,
 * source, all three offsets of its range, flow, number format, blank-line
 * marks), and the document's range: the JSON reader must give exactly this.
 */
function shape(doc: Document): unknown {
  const node = (n: unknown): unknown => {
    if (isPair(n)) return { pair: [node(n.key), node(n.value)] };
    if (!n || typeof n !== 'object') return n;
    const own: Record<string, unknown> = { class: (n as object).constructor.name };
    for (const [k, v] of Object.entries(n)) if (k !== 'items') own[k] = k === 'value' && v && typeof v === 'object' ? node(v) : v;
    if (isMap(n) || isSeq(n)) own.items = n.items.map(node);
    if (isScalar(n) && typeof n.value === 'number' && Object.is(n.value, -0)) own.value = '-0';
    return own;
  };
  return { range: doc.range, commentBefore: doc.commentBefore, comment: doc.comment, directives: JSON.stringify(doc.directives), contents: node(doc.contents) };
}

function viaYaml(text: string): Document | undefined {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  return list.length === 1 && !list[0].errors.length && !list[0].warnings.length ? list[0] : undefined;
}

/** Random JSON in random layouts: every spacing JSON allows between tokens, empty lines too. */
function randomJson(g: Gen): string {
  const ws = () => g.pick(['', '', ' ', '  ', '\n', '\n  ', '\r\n', ' \n ', '   \n', '\r\n    ', '\t', '\n\t\t', ' \t', '\n\n    ', '\n \n', '\r\n\r\n']);
  const str = () =>
    g.pick(['"a"', '""', '"x y"', '"é"', '"\u2028"', '"tab\\there"', '"q\\"uote"', '"back\\\\slash"', '"/path"', '"\u{1F600}"', '"null"', '"123"', '"true"', '"#hash"', '" lead"', '"k: v"', '"- item"', '"&a"', '"*b"', '"!Ref"', '"{x}"', '"a,b"', '"\\u0041"', '"\\ud83d\\ude00"', '"\\/"', '"\\b\\f\\r\\t"']);
  const num = () => g.pick(['0', '-0', '1', '-1', '10', '3.14', '2.50', '1.0', '0.0', '-0.10', '1e5', '1E-5', '-2.5e+3', '12345678901234567890', '0.1e1', '100']);
  const value = (depth: number): string => {
    const r = g.next();
    if (depth > 4 || r < 0.35) return g.chance(0.5) ? str() : g.chance(0.6) ? num() : g.pick(['true', 'false', 'null']);
    const n = g.int(0, 3);
    const items: string[] = [];
    if (r < 0.7) {
      for (let i = 0; i < n; i++) items.push(ws() + str() + ws() + ':' + ws() + value(depth + 1) + ws());
      return '{' + (n ? items.join(',') : ws()) + '}';
    }
    for (let i = 0; i < n; i++) items.push(ws() + value(depth + 1) + ws());
    return '[' + (n ? items.join(',') : ws()) + ']';
  };
  return ws() + (g.chance(0.5) ? '{' + ws() + '"k"' + ws() + ':' + ws() + value(1) + ws() + '}' : '[' + ws() + value(1) + ws() + ']') + ws();
}

describe('JSON reader: the nodes yaml would compose', () => {
  it('gives exactly what yaml gives for 3,000 random JSON texts in random layouts', function () {
    this.timeout(60_000);
    const g = new Gen(42);
    for (let i = 0; i < 3000; i++) {
      const text = randomJson(g);
      const expected = viaYaml(text);
      assert.ok(expected, `yaml reads this as JSON: ${JSON.stringify(text)}`);
      const mine = parseJsonDocument(text, PARSE_OPTIONS);
      assert.ok(mine, `read: ${JSON.stringify(text)}`);
      assert.deepStrictEqual(shape(mine), shape(expected), JSON.stringify(text));
    }
  });

  it('gives exactly what yaml gives for task definitions as JSON.stringify and editors lay them out', () => {
    const g = new Gen(7);
    for (const lines of [40, 300]) {
      const value = JSON.parse(genEcsJson(g.int(1, 1000), lines)) as unknown;
      for (const text of [JSON.stringify(value, null, 2) + '\n', JSON.stringify(value, null, 4).replace(/\n/g, '\r\n'), JSON.stringify(value), JSON.stringify(value, null, '\t') + '\n\n']) {
        const mine = parseJsonDocument(text, PARSE_OPTIONS);
        assert.ok(mine);
        assert.deepStrictEqual(shape(mine), shape(viaYaml(text)!));
      }
    }
  });

  it('leaves to yaml what is not plain JSON, or what yaml marks in ways it does not reproduce', () => {
    for (const text of [
      '{a: 1}', // YAML flow
      '{"a": 1,}', // trailing comma
      '[1,]',
      '{"a": 1} # note', // a comment
      '{"a": 1}\n---\nb: 2\n', // more documents
      '[01]',
      '[1.]',
      '[1e]',
      '{"a": tru}',
      '["a\u0001b"]', // a raw control character
      '["\\x"]', // an unknown escape
      '["open',
      '[1]\r', // a lone carriage return
      '\uFEFF[1]', // a byte order mark
      '['.repeat(300) + ']'.repeat(300), // deeper than the reader recurses
      '"just a string"',
      '',
    ])
      assert.strictEqual(parseJsonDocument(text, PARSE_OPTIONS), undefined, JSON.stringify(text));
  });

  it('marks the node after an empty line as yaml does (its writer keeps the empty line)', () => {
    const text = '{\n  "a": 1,\n\n  "b": [\n    1,\n\n    2\n  ],\n  "c"\n\n  : 3\n}\n';
    const mine = parseJsonDocument(text, PARSE_OPTIONS)!;
    assert.deepStrictEqual(shape(mine), shape(viaYaml(text)!));
    assert.strictEqual(mine.toString(), viaYaml(text)!.toString());
    const spaced: string[] = [];
    visit(mine, { Node: (_k, n) => void ((n as { spaceBefore?: boolean }).spaceBefore && spaced.push(JSON.stringify((n as { toJSON(): unknown }).toJSON()))) });
    assert.deepStrictEqual(spaced, ['"b"', '2', '3']);
  });

  it('is what parseYamlDocs answers for JSON, with the same spans; YAML still goes to yaml', () => {
    const text = '{\n  "family": "api",\n  "containerDefinitions": [{"name": "web", "privileged": true}]\n}\n\n';
    const [doc] = parseYamlDocs(text, { incremental: false });
    assert.deepStrictEqual(shape(doc.doc), shape(viaYaml(text)!));
    assert.deepStrictEqual(doc.span, { start: 0, end: text.length });
    assert.deepStrictEqual(doc.errors, []);
    const flow = parseYamlDocs('{family: api}\n', { incremental: false });
    assert.strictEqual(flow.length, 1);
    assert.deepStrictEqual(flow[0].doc.toJS(), { family: 'api' });
  });
});
