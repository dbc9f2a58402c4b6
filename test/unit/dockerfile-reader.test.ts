import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LineIndex } from '../../src/core';
import { parseDockerfile, readWithLibrary } from '../../src/formats/dockerfile/parse';
import { jsonValue, jsonValueOffsets, readDockerfile } from '../../src/formats/dockerfile/reader';
import { Gen, genDockerfile } from '../bench/gen';

/** Checks the reader against dockerfile-ast on a text; whether it read it. */
function same(text: string): boolean {
  const mine = readDockerfile(text);
  if (!mine) return false;
  assert.deepStrictEqual(mine, readWithLibrary(text, new LineIndex(text)), JSON.stringify(text));
  return true;
}

/**
 * Random Dockerfiles: every instruction, lower case and unknown keywords,
 * flags of every shape, exec forms well and badly formed, ENV/ARG/LABEL in
 * both syntaxes, continuations with blanks, comment lines and blank lines
 * inside them, comments, directives, tabs, and what the reader leaves to
 * dockerfile-ast (quotes in properties, escapes, heredocs, CR, ONBUILD).
 */
function randomDockerfile(g: Gen): string {
  // a quarter of the files draw what the reader leaves too
  const hard = g.chance(0.25);
  const rare = (p: number): boolean => hard && g.chance(p);
  // mostly what the reader takes; now and then what it leaves
  const word = (): string =>
    rare(0.03)
      ? g.pick(['\\', 'a\\\\b', '<<EOF', '--x=a\\b'])
      : g.pick([
          'alpine:3.20', 'node:20', 'debian@sha256:aa40', 'a', 'curl', '-y', '&&', '|', 'sh', 'apt-get', 'install', '/app', './', '.', '${VERSION}', '$HOME', '${A:-x}', 'x=y', 'A=1',
          '#', '#x', 'a#b', '--', '---x', 'a--b', 'AS', 'as', 'build', 'CMD', 'none', '"q"', "'q'", 'a"b', '[', ']', '[]', '["a"]', '"a",', '${B', 'x}', 'é', '=v', 'k=',
          '$(id -u)', '2>&1', 'https://example.com/x.sh', 'a\\b', '\\$x', "s/\\./x/", '\\#x', 'x\\"',
        ]);
  const words = (k: number): string => Array.from({ length: k }, word).join(g.pick([' ', ' ', '  ', '\t']));
  const flag = (): string => g.pick(['--mount=type=cache,target=/root/.cache', '--from=build', '--chown=1000:1000', '--platform=$BUILDPLATFORM', '--network=none', '--', '---x', '--link', '--chmod=', '--interval=30s', '--FROM=Base']);
  const exec = (): string =>
    rare(0.3)
      ? g.pick(['["x", "a\\"b"]', '["x\\\\y"]', '["é", "\\u00e9"]', '[ "a", \\\n  "b" ]'])
      : g.pick(['["node", "dist/server.js"]', '[]', '[ ]', '["a" "b"]', '["a",]', ']["x"]', '[ "sh" , "-c" , "echo hi | sh" ]', '["a b", "c"]', '["unterminated', '[x]', '["a"] trailing', '["#"]', '["é"]']);
  const sep = (): string =>
    g.chance(0.15)
      ? rare(0.1)
        ? g.pick([' \\\n# a\\b\n', '\\\n'])
        : g.pick([' \\\n', ' \\  \n', '\t\\\n', ' \\\n\n', ' \\\n  # note\n', ' \\\n#x\n', ' \\\n   \n'])
      : g.pick([' ', ' ', '\t']);
  const line = (): string => {
    const kw = rare(0.05)
      ? g.pick(['ONBUILD', 'R\\\nUN', 'RUN#'])
      : g.pick(['FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'HEALTHCHECK', 'USER', 'WORKDIR', 'EXPOSE', 'STOPSIGNAL', 'MAINTAINER', 'run', 'From', 'FOO']);
    const parts: string[] = [];
    const n = g.int(0, 4);
    if (['RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK', 'run'].includes(kw)) for (let i = g.int(0, 2); i > 0; i--) parts.push(flag());
    if (['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'COPY', 'ADD'].includes(kw) && g.chance(0.4)) parts.push(exec());
    else if (['ENV', 'ARG', 'LABEL'].includes(kw))
      for (let i = g.int(0, 3); i > 0; i--) parts.push(
          rare(0.2)
            ? g.pick(['E="unclosed', 'F="${X} y"', "G='a\\'b'"])
            : g.pick([
                'A=1', 'NAME', 'B=', '=x', 'C=${A}', 'D=a#b', 'G', 'value', 'with words', 'H=${X:-y z}', 'I=${J', 'E="quoted value"', "F='x y'", '"var"=x', "'v'=y", '"a=b"=c',
                'a=b"c d"e', 'maintainer "Jess <j@example.com>"', '"only"', "'", '""', "''", 'K="a" L=\'b\'', 'M="x"y',
              ]),
        );
    else if (kw === 'FROM') parts.push(g.pick(['alpine:3.20', 'node:20 AS build', 'build', 'scratch', '${BASE}', 'python:3.12-slim as App', 'img AS', '']));
    else if (kw === 'HEALTHCHECK') parts.push(g.pick(['CMD curl -f http://localhost/', 'NONE', 'cmd ["x"]']));
    for (let i = 0; i < n; i++) parts.push(words(g.int(1, 3)));
    let s = kw;
    for (const p of parts) s += sep() + p;
    if (g.chance(0.1)) s += g.pick([' ', '\t', ' # trailing']);
    if (rare(0.05)) s += ' \\';
    return s;
  };
  const lines: string[] = [];
  if (g.chance(0.2)) lines.push(rare(0.3) ? '# escape=`' : g.pick(['# syntax=docker/dockerfile:1', '# check=skip=all', '#directive=x']));
  for (let i = g.int(1, 10); i > 0; i--) {
    if (g.chance(0.15)) lines.push(g.pick(['# a comment', '  # indented', '#', '', '   ', '\t']));
    lines.push((g.chance(0.1) ? g.pick(['  ', '\t']) : '') + line());
  }
  let t = lines.join('\n') + (g.chance(0.8) ? '\n' : '');
  if (g.chance(0.3)) t = t.replace(/\n/g, '\r\n');
  if (rare(0.1)) t = t.replace(/\n([^\n]*)$/, '\r$1');
  if (rare(0.1)) t = '\ufeff' + t;
  if (rare(0.1)) t += 'RUN <<EOF\necho hi\nEOF\n';
  return t;
}

describe('Dockerfile reader: the instructions dockerfile-ast gives', () => {
  it('gives exactly what dockerfile-ast gives for 6,000 random Dockerfiles', function () {
    this.timeout(60_000);
    const g = new Gen(20261207);
    let read = 0;
    for (let i = 0; i < 6000; i++) if (same(randomDockerfile(g))) read++;
    // the reader must take the common shapes, not leave everything to the library
    assert.ok(read > 2400, `read ${read} of 6,000`);
  });

  it('reads CR LF line breaks, as dockerfile-ast does', () => {
    for (const t of ['FROM alpine\r\nRUN a \\\r\n  # c\r\n\r\n  b\r\nENV A=1 \\\r\n  B=2\r\nCMD ["x"]\r\n', 'FROM alpine\r\nRUN\r\nUSER app']) assert.ok(same(t), JSON.stringify(t));
  });

  it('reads quoted properties on a line, as dockerfile-ast does', () => {
    for (const t of ['FROM alpine\nENV A="x y" B=\'z\'\n', 'FROM alpine\nLABEL maintainer "Jess <j@example.com>"\n', 'FROM alpine\nENV "A"=1 C=a"b c"d\n']) assert.ok(same(t), t);
  });

  it('reads the bench Dockerfiles, as dockerfile-ast does', () => {
    for (const n of [12, 50, 66, 300, 2000]) assert.ok(same(genDockerfile(4000 + n, n)), `${n} lines`);
  });

  it("reads this repository's Dockerfiles as dockerfile-ast does, most of them itself", () => {
    const root = path.resolve(__dirname, '../../..');
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'out' || e.name === 'dist') continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/dockerfile/i.test(e.name)) found.push(p);
      }
    };
    walk(path.join(root, 'examples'));
    walk(path.join(root, 'test'));
    assert.ok(found.length > 20, `${found.length} Dockerfiles`);
    let read = 0;
    for (const f of found) if (same(fs.readFileSync(f, 'utf8'))) read++;
    assert.ok(read > found.length / 2, `read ${read} of ${found.length}`);
  });

  it('leaves to dockerfile-ast what it does not read the same way', () => {
    for (const t of [
      '\ufeffFROM alpine\n',
      'FROM alpine\rRUN x\n',
      '# escape=`\nFROM alpine\nRUN a `\n  b\n',
      'FROM alpine\nRUN <<EOF\necho\nEOF\n',
      'FROM alpine\nONBUILD RUN x\n',
      'FROM alpine\nR\\\nUN x\n',
      'FROM alpine\nRUN echo a\\ b\n',
      'FROM alpine\nRUN echo a\\\\b\n',
      'FROM alpine\nCOPY --chown=a\\b x y\n',
      'FROM alpine\nENV A=a\\b\n',
      'FROM alpine\nRUN a \\\n  \\#x\n',
      'FROM alpine\nRUN echo a\\\n  b\n',
      'FROM alpine\nRUN echo \\',
      'FROM alpine\nENV A="x y\n',
      'FROM alpine\nENV A="x" \\\n  B=2\n',
      'FROM alpine\nLABEL A="${X}"\n',
      'FROM alpine\nENV A 1 \\\n  2\n',
      'FROM alpine\nCMD ["a", \\\n  "b"]\n',
      'FROM alpine\nRUN a \\\n# c\\d\n  b\n',
    ])
      assert.strictEqual(readDockerfile(t), undefined, JSON.stringify(t));
  });

  it('maps each character of an exec-form string to where it is written', () => {
    const g = new Gen(7);
    const chars = ['a', ' ', '"', '\\', '/', '\n', '\t', '\u0001', 'é', '😀', '&', '$'];
    for (let n = 0; n < 2000; n++) {
      const value = Array.from({ length: g.int(0, 12) }, () => g.pick(chars)).join('');
      // as JSON.stringify writes it, and with every character as a \u escape
      for (const quoted of [JSON.stringify(value), `"${[...value].map((c) => (c.length > 1 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}"`]) {
        assert.strictEqual(jsonValue(quoted), value);
        const at = jsonValueOffsets(quoted, value);
        assert.ok(at, quoted);
        assert.strictEqual(at.length, value.length + 1);
        assert.strictEqual(at[value.length], quoted.length - 1);
        for (let i = 0; i < value.length; i++) assert.strictEqual(JSON.parse(`"${quoted.slice(at[i], at[i + 1])}"`), value[i], `${quoted} at ${i}`);
      }
    }
  });

  it('is what parseDockerfile builds the model from, with the same model either way', () => {
    const t = genDockerfile(4300, 300);
    const lines = new LineIndex(t);
    const model = parseDockerfile(t, lines);
    assert.ok(readDockerfile(t));
    // the same text with a carriage return at its end goes through dockerfile-ast
    const viaLibrary = parseDockerfile(t + '\r', new LineIndex(t + '\r'));
    const strip = (m: typeof model) => JSON.stringify({ ...m, text: undefined, lines: undefined });
    assert.strictEqual(strip(viaLibrary), strip(model));
  });
});
