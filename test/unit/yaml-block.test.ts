import * as assert from 'assert';
import { Document, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { MAY_RESOLVE, parseBlockYaml } from '../../src/formats/yaml/block';
import { PARSE_OPTIONS, parseYamlDocs } from '../../src/formats/yaml/doc';
import { Gen, genCfn, genK8s } from '../bench/gen';

/**
 * Every property of every node as `yaml` composes it (class, value, style,
 * tag, source, all three offsets of its range, flow, number format, blank-line
 * marks), each document's range and directives, its errors and warnings.
 * Comments (`comment`, `commentBefore`) are the one thing the block reader
 * does not keep on nodes; where they sit in the ranges is compared.
 */
function shape(doc: Document): unknown {
  const node = (n: unknown): unknown => {
    if (isPair(n)) return { pair: [node(n.key), node(n.value)] };
    if (!n || typeof n !== 'object') return n;
    const own: Record<string, unknown> = { class: (n as object).constructor.name };
    for (const [k, v] of Object.entries(n)) if (k !== 'items' && k !== 'comment' && k !== 'commentBefore') own[k] = k === 'value' && v && typeof v === 'object' ? node(v) : v;
    if (isMap(n) || isSeq(n)) own.items = n.items.map(node);
    if (isScalar(n) && typeof n.value === 'number' && Object.is(n.value, -0)) own.value = '-0';
    return own;
  };
  return {
    range: doc.range,
    directives: JSON.stringify(doc.directives),
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.name, e.code, e.pos, e.message]),
    contents: node(doc.contents),
  };
}

function viaYaml(text: string): unknown[] {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  return (Array.isArray(docs) ? docs : [docs]).map(shape);
}

/** Checks the reader against `yaml` on a text; whether it read it. */
function same(text: string): boolean {
  const mine = parseBlockYaml(text, PARSE_OPTIONS);
  if (!mine) return false;
  assert.deepStrictEqual(mine.map(shape), viaYaml(text), JSON.stringify(text));
  return true;
}

/**
 * Random block YAML: nested maps and sequences (compact `- key:` items,
 * sequences at their key's column), every kind of one-line scalar, tags,
 * one-line flow sequences, empty values, comments at every indentation,
 * trailing comments, blank lines with and without spaces, several documents.
 */
function randomYaml(g: Gen): string {
  const lines: string[] = [];
  const scalar = (): string =>
    g.pick([
      'web', 'a b c', 'nginx:1.27', '123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc', '/var/run/docker.sock', 'AWS::ECS::TaskDefinition',
      'List<AWS::EC2::Subnet::Id>', 'a#b', 'x,y', 'https://example.com/a?b=c', '0', '-0', '42', '+7', '-12', '0o17', '0x1F', '1.5', '2.50', '.5', '1e3', '-2.5E-3',
      '.inf', '-.Inf', '.nan', 'true', 'False', 'TRUE', 'null', 'Null', '~', 'yes', 'on', '012', '1_000', '100m', '512Mi', '2010-09-09', '"quoted"', '"with \\"escape\\" \\n"',
      '"\\u00e9t\\u00e9"', "'single'", "'it''s'", "''", '""', '"#not a comment"', "'a: b'", '-dash', '?q', ':colon', 'é', 'key=value', '"*.example.com"', 'a&b',
      '!Ref Foo', '!GetAtt Role.Arn', '!Sub "${AWS::Region}-x"', "!Sub 'a'", '!ImportValue 12', '[]', '[ ]', '{}', '{ }', '[ALL]', '[a, "b", 3]', '[ x , y ]',
      '["sh", "-c", "echo hi"]', '[!Ref A, !Ref B]', '!If [Cond, [a], []]', '[[1, 2], [3]]', '!Join ["", [a, !Ref B]]',
      '{ Service: ecs-tasks.amazonaws.com }', '{a: 1, "b": [x], c: !Ref Q , d: {}}', '[{ name: a, v: b }, {k: v}]', '{"k":1}', "{'a': 'b'}", '{ AWS::Region: x }',
    ]);
  const comment = (indent: number): string => ' '.repeat(indent) + g.pick(['# note', '#', '# a: b', '#- x']);
  const trivia = (maxIndent: number) => {
    while (g.chance(0.25)) lines.push(g.chance(0.5) ? g.pick(['', '  ', ' '.repeat(g.int(0, 8))]) : comment(g.int(0, maxIndent)));
  };
  const trailing = () => (g.chance(0.15) ? g.pick([' # why', '   #x', '  # a: b']) : '') + (g.chance(0.1) ? '  ' : '');
  // a block scalar's header and lines (folded, kept and lines of spaces are left to yaml)
  const blockScalar = (head: string, indent: number): void => {
    lines.push(head + ' ' + (g.chance(0.05) ? g.pick(['>+', '|+', '|2']) : g.pick(['|', '|', '|-', '| # why', '|-  #x', '!Sub |', '>', '>-', '> # why'])));
    const inner = indent + g.pick([1, 2, 2, 4]);
    if (g.chance(0.1)) lines.push('');
    for (let n = g.int(1, 4); n > 0; n--) {
      lines.push(' '.repeat(inner + (g.chance(0.2) ? g.int(1, 3) : 0)) + g.pick(['echo hi', '#!/bin/sh', 'key: value', '- item', '"quoted"', 'x  ', '---']));
      if (g.chance(0.15)) lines.push(g.chance(0.95) ? '' : '   ');
    }
  };
  // a quoted scalar over lines (a continuation at its collection's column, or an escape in one, is left to yaml)
  const quotedLines = (head: string, indent: number): void => {
    const q = g.pick(['"', "'"]);
    const words = () => g.pick(['a b', 'text  ', '  lead', "it''s", '#not', 'k: v', '- x', '\\n', '']);
    lines.push(head + ' ' + q + words());
    for (let n = g.int(1, 3); n > 0; n--) lines.push(g.chance(0.2) ? g.pick(['', '  ']) : ' '.repeat(indent + (g.chance(0.05) ? 0 : g.int(1, 4))) + words());
    lines.push(' '.repeat(indent + g.int(1, 3)) + words() + q + trailing());
  };
  // a plain scalar over lines (a line that could be read as more than words is left to yaml)
  const plainLines = (head: string, indent: number): void => {
    const words = () => (g.chance(0.05) ? g.pick(['a: b', '- item', '#c']) : g.pick(['more words', 'x', 'a-b  ', '12', 'true', 'k:v', '-x', 'url://a/b']));
    lines.push(head + ' ' + g.pick(['first', 'Some text', '1', 'null']) + (g.chance(0.1) ? '  ' : ''));
    for (let n = g.int(1, 3); n > 0; n--) {
      if (g.chance(0.2)) lines.push(g.pick(['', '   ']));
      lines.push(' '.repeat(indent + g.int(1, 4)) + words());
    }
  };
  const key = () => g.pick(['name', 'image', 'Type', 'Properties', 'a', 'AWS::Region', 'x-y', 'k8s.io/name', '"quoted key"', "'single key'", '80', 'true', 'null', 'ñ', 'a b']) + (g.chance(0.05) ? g.pick([' ', '  ']) : '');
  const block = (indent: number, depth: number, first: string | undefined): void => {
    // first: the text before the first entry on its line (a `- ` item), else the entry starts its own line
    const isMap = first !== undefined || g.chance(0.65);
    const n = g.int(1, 4);
    for (let i = 0; i < n; i++) {
      const lead = i === 0 && first !== undefined ? first : ' '.repeat(indent);
      if (i > 0) trivia(indent + 4);
      if (isMap) {
        const k = key();
        const r = g.next();
        if (depth < 4 && r < 0.35) {
          lines.push(lead + k + ':' + (g.chance(0.15) ? ' ' + g.pick(['!If', '!Join', '!Sub', '!GetAtt']) : '') + trailing());
          trivia(indent + 4);
          if (g.chance(0.5)) block(indent + g.pick([2, 4]), depth + 1, undefined);
          else seqBlock(indent + g.pick([0, 2]), depth + 1);
        } else if (r < 0.42) lines.push(lead + k + ':' + (g.chance(0.3) ? ' # empty' : ''));
        else if (r < 0.5) blockScalar(lead + k + ':', indent);
        else if (r < 0.54) quotedLines(lead + k + ':', indent);
        else if (r < 0.58) plainLines(lead + k + ':', indent);
        else lines.push(lead + k + ': ' + scalar() + trailing());
      } else {
        seqBlock(indent, depth, lead);
        return;
      }
    }
  };
  const seqBlock = (indent: number, depth: number, firstLead?: string): void => {
    const n = g.int(1, 4);
    for (let i = 0; i < n; i++) {
      if (i > 0) trivia(indent + 4);
      const lead = (i === 0 && firstLead !== undefined ? firstLead : ' '.repeat(indent)) + '-' + ' '.repeat(g.pick([1, 1, 1, 2, 3]));
      if (depth < 4 && g.chance(0.4)) block(lead.length, depth + 1, lead);
      else if (depth < 4 && g.chance(0.08)) {
        // `-` alone, its value on the lines below
        lines.push(lead.trimEnd() + (g.chance(0.2) ? ' # c' : ''));
        trivia(indent + 4);
        if (g.chance(0.7)) block(indent + g.pick([1, 2, 4]), depth + 1, undefined);
        else seqBlock(indent + 2, depth + 1);
      }
      else if (g.chance(0.1)) blockScalar(lead.trimEnd(), indent);
      else if (g.chance(0.05)) quotedLines(lead.trimEnd(), indent);
      else if (g.chance(0.05)) plainLines(lead.trimEnd(), indent);
      else lines.push(lead + scalar() + trailing());
    }
  };
  const docs = g.int(1, 3);
  for (let d = 0; d < docs; d++) {
    if (d > 0 || g.chance(0.2)) lines.push('---');
    trivia(4);
    if (g.chance(0.2)) seqBlock(0, 0);
    else block(0, 0, undefined);
    trivia(8);
  }
  return lines.join('\n') + (g.chance(0.8) ? '\n' : '');
}

describe('Block YAML reader: the nodes yaml would compose', () => {
  it('gives exactly what yaml gives for 4,000 random block YAML texts, and reads most of them', function () {
    this.timeout(60_000);
    const g = new Gen(11);
    let read = 0;
    for (let i = 0; i < 4000; i++) {
      const text = randomYaml(g);
      // a quarter with Windows line breaks
      if (same(i % 4 === 3 ? text.replace(/\n/g, '\r\n') : text)) read++;
    }
    // about a third: the generator also writes what the reader leaves to yaml (and what yaml reports as an error)
    assert.ok(read > 1200, `read ${read} of 4000`);
  });

  it('reads the manifests and templates as the bench writes them, exactly as yaml does', function () {
    this.timeout(60_000);
    const g = new Gen(5);
    for (let i = 0; i < 40; i++) {
      assert.ok(same(genK8s(g.int(1, 1e6), g.int(30, 400))));
      assert.ok(same(genCfn(g.int(1, 1e6), g.int(30, 400))));
    }
  });

  it('leaves to yaml what it does not read', () => {
    for (const text of [
      '', // nothing
      '# only a comment\n',
      'just a scalar\n',
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: |+\n  text\n\n', // kept block scalars
      'a: >+\n  text\n\n',
      'a: |2\n    text\n', // an indentation indicator
      'a: |\nb: 1\n', // a block scalar without lines
      'a: |\n  x\n   \n  y\n', // a line of spaces in one
      'a: b\n  c: d\n', // a scalar over lines whose next line holds a pair
      'a: b\n  - c\n', // or begins with an indicator
      'a: "b\nc"\n', // a quoted scalar whose next line is not indented
      'a: "b \\\n  c"\n', // an escape in a quoted scalar over lines
      '["a\n  b"]\n',
      'a: [1,\n  2]\n', // a flow sequence over two lines
      'a: {b}\n', // a flow map's key without a value
      'a: {b: }\n',
      'a: {b: 1,}\n',
      'a: {b: 1\n  , c: 2}\n', // a flow map over two lines
      'a: [b: 1]\n', // a pair in a flow sequence
      'a: [1, ]\n',
      '? a\n: b\n', // an explicit key
      '%YAML 1.2\n---\na: 1\n', // a directive
      'a: 1\n...\n', // a document end marker
      '--- a: 1\n',
      '--- # c\na: 1\n',
      'a:\tb\n', // a tab
      'a: b\rc: d\n', // a carriage return alone
      '\uFEFFa: b\n', // a byte order mark
      '  a: 1\n', // an indented root
      'a: b: c\n', // an error in yaml
      'a: 1\n- b\n',
      '- a\nb: 1\n',
      'a:\n  - b\n  c: 1\n',
      'a: "\\x41"\n', // an escape JSON does not have
      'a: !!str 1\n', // a secondary tag
      'a: !Ref\nb: 1\n', // a tag over no block
      'a: !If\n- b\n', // a tag over a sequence at its key's column
      'a: - b\n',
      '- - a\n',
      '-\nb: 1\n', // `-` alone without a value below
      'a:\n\nb: 1\n', // an empty value before a blank line
      'a: b #c\nkey: v: w\n',
      'a: b#c\nd:#e\n',
      'a: !Ref  # nothing\n',
      '---\n# empty document\n---\na: 1\n',
    ]) {
      assert.strictEqual(parseBlockYaml(text, PARSE_OPTIONS), undefined, JSON.stringify(text));
      // and yaml still reads it for parseYamlDocs
      parseYamlDocs(text, { incremental: false });
    }
  });

  it('places comments and blank lines in the ranges as yaml does', () => {
    for (const text of [
      'a:\n  b: c\n    # deeper: the value runs on over it\n\n    # and this one\n  d: e\n',
      'a:\n  b: c\n  # at the map: it starts the next key\nd: e\n',
      'env:\n- name: A\n  value: dns\n  # kept by the item map, with the next line\'s indentation\nports:\n- 80\n',
      'a:\n  - x\n  # stays with the sequence\n# and this one too\nb: 1\n',
      'a:\n  b: 1\n\n# moves up\nc: 2\n\n\n',
      '- a\n-  b  # c\n\n- k: v\n  l: w\n\n  # cc\n- x: y\n     # deep\n\n     # deep2\n\n  # mid\n',
      '---\n\n# y\nk: v\n\n\n---\nk: [ A , "b" ,c, !Ref d ,[x] ]  # t\n',
      'a:\n\n  b: 1\nc: # why\n  d: 2\ne:\nf: # empty with a comment\n',
      'a: |\n  line1\n    deeper\n\n  line2\n\n    # a line of it\n  # and this\n\n# not\nb: |-\n  x\n\n\nc:\n  - !Sub |\n      in seq\n  - |  # why\n    \"y\"\n  # after\nd: |\n\n  after an empty line\n  last',
      'a: >\n  folded\n  text\n\n  para\n    more\n  end\n\n\n  last\nb: >-\n\n  lead\n    deep\n\n    deeper\n  back\n',
      'a: "one  \n  two\n\n\n   three  "  # c\nb:\n  - \'it\'\'s\n     \n    long\'\n',
      'a: one\n  two  \n\n   three\n  # ends it\nb:\n  - !Sub a\n    b\n  - c\n',
      '-\n  a: 1\n  b: 2\n- # c\n\n  # d\n  - x\n\n-   \n    k: v\n',
      'a: !If\n  - Cond\n  - !Ref B\nb: !Join  # c\n\n  k: v\nc: !GetAtt\n\n  - x\n',
      'Key : value\nb  :\n  c : 1\n"q" : x\nl:\n- x : y\n  z  : w\n',
    ])
      assert.ok(same(text), JSON.stringify(text));
  });

  it('resolves every plain scalar it does not test as a string (the first characters the core schema can resolve)', function () {
    this.timeout(60_000);
    const tests = (new Document(undefined, PARSE_OPTIONS).schema as unknown as { tags: { default?: unknown; test?: RegExp }[] }).tags.filter((t) => t.default === true && t.test);
    assert.ok(tests.length >= 5);
    for (let c = 0; c < 0x3000; c++) {
      if (MAY_RESOLVE.has(c)) continue;
      for (const rest of ['', '0', '1', '.5', 'e5', 'ull', 'ULL', 'rue', 'RUE', 'alse', 'inf', 'nan', 'x1F', 'o17']) {
        const s = String.fromCharCode(c) + rest;
        for (const t of tests) assert.ok(!t.test!.test(s), `${JSON.stringify(s)} matches ${t.test}`);
      }
    }
  });

  it('is what parseYamlDocs answers for block YAML, with the same spans', () => {
    const text = '# a pod\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx\n      securityContext: { }\n---\nkind: Service\n';
    const docs = parseYamlDocs(text, { incremental: false });
    assert.strictEqual(docs.length, 2);
    assert.deepStrictEqual(
      docs.map((d) => shape(d.doc)),
      viaYaml(text),
    );
    assert.deepStrictEqual(
      docs.map((d) => d.span),
      [
        { start: text.indexOf('apiVersion'), end: text.indexOf('---') },
        { start: text.indexOf('---'), end: text.length },
      ],
    );
  });
});
