import * as assert from 'assert';
import { isMap, isPair, isSeq, Node } from 'yaml';
import { analyzeText } from '../../src/rules/engine';
import { INCREMENTAL_MIN_CHARS, keepDocumentsForReuse, parseYamlDocs, YamlDoc } from '../../src/formats/yaml/doc';
import { Gen, genK8s } from '../bench/gen';

/** Everything analysis reads from a parse: values, every node's range, spans, errors. */
function snapshot(docs: YamlDoc[]): unknown {
  return docs.map((d) => {
    const ranges: unknown[] = [];
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      if (isPair(n)) {
        visit(n.key);
        visit(n.value);
        return;
      }
      ranges.push((n as Node).range);
      if (isMap(n) || isSeq(n)) for (const it of n.items) visit(it);
    };
    visit(d.doc.contents);
    let js: unknown;
    try {
      js = d.doc.toJS({ mapAsMap: true });
    } catch (e) {
      js = `toJS threw ${(e as Error).message}`;
    }
    return { span: d.span, errors: d.errors, docRange: d.doc.range, warnings: d.doc.warnings.map((w) => w.pos), ranges, js, root: d.root === d.doc.contents };
  });
}

function edit(g: Gen, text: string): string {
  const at = g.int(0, text.length);
  switch (g.int(0, 6)) {
    case 0:
      return text.slice(0, at) + 'x' + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + g.int(1, 40)));
    case 2: {
      // a new document marker at the start of a line
      const nl = text.lastIndexOf('\n', at) + 1;
      return text.slice(0, nl) + '---\n' + text.slice(nl);
    }
    case 3:
      return text.slice(0, at) + g.pick(['"', "'", '[', '{', ': ', '\n  - ', '# c', '&a ', '*a', '\t']) + text.slice(at);
    case 4: {
      // remove a document marker
      const i = text.indexOf('\n---\n', at);
      return i < 0 ? text : text.slice(0, i + 1) + text.slice(i + 5);
    }
    case 5:
      // duplicate a stretch (identical documents in one file)
      return text.slice(0, at) + text.slice(at, at + g.int(0, 3000)) + text.slice(at);
    default:
      return text.slice(0, at) + '\n' + text.slice(at);
  }
}

describe('parseYamlDocs: document-by-document parsing with reuse', () => {
  // (a scan in this process, as the CLI tests run, turns reuse off)
  beforeEach(() => keepDocumentsForReuse(true));
  after(() => keepDocumentsForReuse(true));

  it('reuses unchanged documents in the editor, and keeps none where a scan turned reuse off', () => {
    const text = genK8s(777, 2500);
    const changed = text.replace(/replicas: \d+/, 'replicas: 42');
    assert.notStrictEqual(changed, text);
    const first = parseYamlDocs(text);
    const again = parseYamlDocs(changed);
    assert.ok(
      again.some((d) => first.includes(d)),
      'an unchanged document is the one parsed before',
    );
    keepDocumentsForReuse(false);
    const third = parseYamlDocs(text);
    assert.ok(!third.some((d) => first.includes(d) || again.includes(d)), 'nothing kept from before');
    assert.ok(!parseYamlDocs(text).some((d) => third.includes(d)), 'nothing kept for the next parse');
    assert.deepStrictEqual(snapshot(third), snapshot(parseYamlDocs(text, { incremental: false })));
  });

  it('gives exactly what a whole-text parse gives, across a sequence of edits', function () {
    this.timeout(120000);
    for (const seed of [1, 2, 3]) {
      const g = new Gen(seed);
      let text = genK8s(seed * 7 + 11000, 2500);
      assert.ok(text.length >= INCREMENTAL_MIN_CHARS, 'the input is long enough for the incremental path');
      for (let step = 0; step < 40; step++) {
        assert.deepStrictEqual(snapshot(parseYamlDocs(text)), snapshot(parseYamlDocs(text, { incremental: false })), `seed ${seed}, step ${step}`);
        text = edit(g, text);
      }
    }
  });

  it('gives the same findings when a document is analysed again after others', function () {
    this.timeout(60000);
    const a = genK8s(12345, 3000);
    const i = a.indexOf('privileged: true');
    const b = i > 0 ? a.slice(0, i) + 'privileged: false' + a.slice(i + 16) : a + '\n';
    const c = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n' + a;
    const first = JSON.stringify(analyzeText(a, { path: '/m.yaml' }).findings);
    analyzeText(b, { path: '/m.yaml' });
    analyzeText(c, { path: '/other.yaml' });
    assert.strictEqual(JSON.stringify(analyzeText(a, { path: '/m.yaml' }).findings), first);
  });
});
