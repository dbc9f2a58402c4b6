import * as assert from 'assert';
import { parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { applyEdits, LineIndex, TextEdit } from '../../src/core';
import { YamlEditor, detectIndentUnit } from '../../src/formats/yaml/edit';

function edit(text: string, f: (ed: YamlEditor, root: YAMLMap) => TextEdit, json = false): string {
  const doc = parseDocument(text);
  const ed = new YamlEditor(text, new LineIndex(text), json);
  const out = applyEdits(text, [f(ed, doc.contents as YAMLMap)]);
  const again = parseDocument(out);
  assert.deepStrictEqual(again.errors, [], `edited text re-parses:\n${out}`);
  return out;
}

describe('YamlEditor', () => {
  it('detects the indentation unit', () => {
    assert.strictEqual(detectIndentUnit('a:\n    b: 1\n    c:\n        d: 2\n'), 4);
    assert.strictEqual(detectIndentUnit('a:\n  b: 1\n'), 2);
    assert.strictEqual(detectIndentUnit('a: 1\n'), 2);
  });

  it('creates a nested path in block style, keeping comments and indentation', () => {
    const text = 'containers:\n    - name: app   # main\n      image: nginx\n    # trailing comment\n';
    const out = edit(text, (ed, root) => ed.setPath((root.get('containers') as YAMLSeq).items[0] as YAMLMap, ['securityContext', 'privileged'], false));
    assert.strictEqual(out, 'containers:\n    - name: app   # main\n      image: nginx\n      securityContext:\n        privileged: false\n    # trailing comment\n');
  });

  it('sets an existing scalar in place, in its own quoting', () => {
    const out = edit('a:\n  b: "ENABLED"  # note\n', (ed, root) => ed.setPath(root, ['a', 'b'], 'DISABLED'));
    assert.strictEqual(out, 'a:\n  b: "DISABLED"  # note\n');
  });

  it('inserts into flow maps on one line', () => {
    const out = edit('sc: {privileged: true}\n', (ed, root) => ed.setPath(root, ['sc', 'readOnlyRootFilesystem'], true));
    assert.strictEqual(out, 'sc: {privileged: true, readOnlyRootFilesystem: true}\n');
  });

  it('inserts into multi-line JSON with the file\'s indentation', () => {
    const text = '{\n    "family": "web",\n    "containerDefinitions": []\n}\n';
    const out = edit(text, (ed, root) => ed.insertEntries(root, { taskRoleArn: 'arn:aws:iam::1:role/x', tags: [{ key: 'a', value: 'b' }] }), true);
    assert.strictEqual(
      out,
      '{\n    "family": "web",\n    "containerDefinitions": [],\n    "taskRoleArn": "arn:aws:iam::1:role/x",\n    "tags": [\n        {\n            "key": "a",\n            "value": "b"\n        }\n    ]\n}\n',
    );
  });

  it('fills an empty pair (`securityContext:`) and an empty flow map', () => {
    assert.strictEqual(edit('sc:\nx: 1\n', (ed, root) => ed.setPath(root, ['sc', 'a'], true)), 'sc:\n  a: true\nx: 1\n');
    assert.strictEqual(edit('sc: {}\n', (ed, root) => ed.setPath(root, ['sc', 'a'], true)), 'sc: { a: true }\n');
  });

  it('appends to and removes from block and flow sequences', () => {
    assert.strictEqual(edit('drop:\n  - NET_RAW\n', (ed, root) => ed.appendItems(root.get('drop') as YAMLSeq, ['ALL'])), 'drop:\n  - NET_RAW\n  - ALL\n');
    assert.strictEqual(edit('drop: [NET_RAW]\n', (ed, root) => ed.appendItems(root.get('drop') as YAMLSeq, ['ALL'])), 'drop: [NET_RAW, ALL]\n');
    assert.strictEqual(edit('add:\n  - A\n  - B\nx: 1\n', (ed, root) => ed.removeItem(root.get('add') as YAMLSeq, 0)), 'add:\n  - B\nx: 1\n');
    assert.strictEqual(edit('add: [A, B]\n', (ed, root) => ed.removeItem(root.get('add') as YAMLSeq, 1)), 'add: [A]\n');
    assert.strictEqual(
      edit('add:\n  - A\nx: 1\n', (ed, root) => ed.removeItem(root.get('add') as YAMLSeq, 0, root.items[0] as never)),
      'add: []\nx: 1\n',
    );
  });

  it('keeps CRLF line breaks', () => {
    const out = edit('a:\r\n  b: 1\r\n', (ed, root) => ed.setPath(root, ['a', 'c'], 2));
    assert.strictEqual(out, 'a:\r\n  b: 1\r\n  c: 2\r\n');
  });

  it('removes a pair from block and flow maps', () => {
    assert.strictEqual(edit('a: 1\nb: 2\nc: 3\n', (ed, root) => ed.removePair(root, root.items[1])), 'a: 1\nc: 3\n');
    assert.strictEqual(edit('m: {a: 1, b: 2}\n', (ed, root) => ed.removePair(root.get('m') as YAMLMap, (root.get('m') as YAMLMap).items[0])), 'm: {b: 2}\n');
  });
});

describe('YamlEditor: JSON lists of one-line objects', () => {
  it('appends an object on one line when the other items are one-line objects', () => {
    const text = '{\n  "env": [\n    { "name": "A", "value": "1" }\n  ]\n}\n';
    const out = edit(text, (ed, root) => ed.appendItems(root.get('env') as YAMLSeq, [{ name: 'B', valueFrom: 'arn' }]), true);
    assert.strictEqual(out, '{\n  "env": [\n    { "name": "A", "value": "1" },\n    { "name": "B", "valueFrom": "arn" }\n  ]\n}\n');
  });
  it('keeps multi-line objects multi-line', () => {
    const text = '{\n  "env": [\n    {\n      "name": "A"\n    }\n  ]\n}\n';
    const out = edit(text, (ed, root) => ed.appendItems(root.get('env') as YAMLSeq, [{ name: 'B' }]), true);
    assert.strictEqual(out, '{\n  "env": [\n    {\n      "name": "A"\n    },\n    {\n      "name": "B"\n    }\n  ]\n}\n');
  });
});

describe('YamlEditor.removePair on a dash line', () => {
  const edit = (text: string, key: string): string => {
    const doc = parseDocument(text);
    const item = (doc.contents as YAMLSeq).items[0] as YAMLMap;
    const pair = item.items.find((p) => String((p.key as { value: unknown }).value) === key)!;
    const ed = new YamlEditor(text, new LineIndex(text));
    return applyEdits(text, [ed.removePair(item, pair as never)]);
  };
  it('moves the next pair up onto the dash line', () => {
    assert.strictEqual(edit('- hostPort: 8443\n  containerPort: 443\n  protocol: TCP\n', 'hostPort'), '- containerPort: 443\n  protocol: TCP\n');
  });
  it('leaves {} when the pair was the only one', () => {
    assert.strictEqual(edit('- hostPort: 8443\n', 'hostPort'), '- {}\n');
  });
});
