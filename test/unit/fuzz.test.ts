/**
 * The fuzz tier, over every rule fixture of every format:
 *
 * - the same file with CRLF or CR line ends, a UTF-8 BOM, UTF-16, or an
 *   invalid byte in a comment gives the same findings at the same places,
 *   and `scan --fix` writes it back in kind (encoding, BOM, line ends, the
 *   invalid byte) with the same fixes as the plain file;
 * - every fix, alone, leaves a text that still parses, and fixing converges;
 * - random mutations never make analysis or fixing throw.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { decodeFile, encodeFile } from '../../src/cli/files';
import { allowedSafeties, applyEdits, Finding, fixToFixedPoint } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.expect') && !e.name.includes('.fixed.')) out.push(p);
    }
  };
  walk(FIXTURES);
  return out.sort();
}

const where = (fs_: readonly Finding[]) => fs_.map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.ruleId}`).sort();
const all = allowedSafeties(true);
const fixAll = (file: string, text: string) => fixToFixedPoint(text, (t) => analyzeText(t, { path: file }).findings, all, 12);
const notAnalysed = (file: string, text: string) => analyzeText(text, { path: file }).findings.filter((f) => f.ruleId === 'bulkhead/not-analysed').length;

interface Variant {
  name: string;
  bytes: (lf: string) => Buffer;
  /** what the plain fixed text becomes in this variant */
  expect: (fixedLf: string) => Buffer;
  /** the line findings move down by (a line added at the top) */
  shift?: number;
}

const BAD = Buffer.from([0xe9, 0xff]); // Latin-1 é and a stray byte: invalid UTF-8

function commentLine(file: string): string | undefined {
  if (/\.json$/.test(file)) return undefined; // JSON has no comments
  return /\.ts$/.test(file) ? '// owner: ' : '# owner: ';
}

const VARIANTS: Variant[] = [
  { name: 'CRLF', bytes: (t) => Buffer.from(t.replace(/\n/g, '\r\n')), expect: (t) => Buffer.from(t.replace(/\r?\n/g, '\r\n')) },
  { name: 'CR', bytes: (t) => Buffer.from(t.replace(/\n/g, '\r')), expect: (t) => Buffer.from(t.replace(/\r?\n/g, '\r')) },
  { name: 'BOM', bytes: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]), expect: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]) },
  { name: 'UTF-16LE', bytes: (t) => Buffer.from('\ufeff' + t, 'utf16le'), expect: (t) => Buffer.from('\ufeff' + t, 'utf16le') },
];

describe('fuzz tier: every fixture in every encoding and line-end variant', function () {
  this.timeout(600_000);
  const files = fixtureFiles();

  it(`covers the fixtures of every format (${files.length} files)`, () => {
    for (const ext of ['.yaml', '.json', '.ts', 'Dockerfile']) assert.ok(files.some((f) => f.endsWith(ext)), ext);
  });

  for (const file of files) {
    const rel = path.relative(FIXTURES, file);
    it(rel, () => {
      const lf = fs.readFileSync(file, 'utf8');
      const base = analyzeText(lf, { path: file }).findings;
      const fixed = fixAll(file, lf);
      assert.ok(fixed.passes < 12, 'fixing converges');
      const variants = [...VARIANTS];
      const c = commentLine(file);
      if (c && !/dockerfile/i.test(path.basename(file))) {
        const head = Buffer.concat([Buffer.from(c), BAD, Buffer.from('\n')]);
        variants.push({ name: 'invalid byte', bytes: (t) => Buffer.concat([head, Buffer.from(t)]), expect: (t) => Buffer.concat([head, Buffer.from(t)]), shift: 1 });
      }
      for (const v of variants) {
        const bytes = v.bytes(lf);
        const d = decodeFile(bytes);
        const got = analyzeText(d.text, { path: file }).findings;
        const shifted = where(base).map((w) => w.replace(/^(\d+):(\d+)-(\d+):/, (_m, a, b, e) => `${Number(a) + (v.shift ?? 0)}:${b}-${Number(e) + (v.shift ?? 0)}:`)).sort();
        assert.deepStrictEqual(where(got), shifted, `${v.name}: the same findings at the same places`);
        const fixedV = fixAll(file, d.text);
        assert.ok(fixedV.passes < 12, `${v.name}: fixing converges`);
        const written = fixedV.text === d.text ? bytes : encodeFile(bytes, d, fixedV.text);
        assert.deepStrictEqual(written, fixed.text === lf ? bytes : v.expect(fixed.text), `${v.name}: fixed in kind, with the same fixes`);
      }
    });
  }

  it('each fix alone leaves a text that still parses', () => {
    let fixes = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const before = notAnalysed(file, text);
      for (const f of analyzeText(text, { path: file }).findings) {
        for (const fix of f.fixes) {
          const out = applyEdits(text, fix.edits);
          fixes++;
          assert.ok(notAnalysed(file, out) <= before, `${path.relative(FIXTURES, file)}: "${fix.title}" (${f.ruleId}) leaves a text that no longer parses`);
        }
      }
    }
    assert.ok(fixes > 300, `${fixes} fixes tried`);
  });
});

describe('fuzz tier: random mutations of every fixture', function () {
  this.timeout(600_000);
  const files = fixtureFiles();
  const texts = files.map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8') }));
  const mutated = fc.record({
    i: fc.nat({ max: texts.length - 1 }),
    ops: fc.array(
      fc.record({
        kind: fc.constantFrom('cut', 'dup', 'insert', 'flip', 'cr'),
        at: fc.nat(),
        what: fc.constantFrom('{{ .Values.x }}', 'privileged: true', '  - ', '"', '{', ']', ':', '\t', 'USER 0', '!Ref X', '&a', '*a', '<<: *a', '\u0000', '\ufeff', 'ÿ', '\\'),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  });

  it('analysis and fixing never throw, spans stay inside the text', () => {
    fc.assert(
      fc.property(mutated, ({ i, ops }) => {
        const { file, text } = texts[i];
        const lines = text.split('\n');
        for (const op of ops) {
          const k = op.at % Math.max(1, lines.length);
          if (op.kind === 'cut') lines.splice(k, 1);
          else if (op.kind === 'dup') lines.splice(k, 0, lines[k] ?? '');
          else if (op.kind === 'insert') lines.splice(k, 0, op.what);
          else if (op.kind === 'cr') lines[k] = (lines[k] ?? '') + '\r';
          else {
            const l = lines[k] ?? '';
            const j = op.at % Math.max(1, l.length);
            lines[k] = l.slice(0, j) + op.what + l.slice(j + 1);
          }
        }
        const t = lines.join('\n');
        const r = analyzeText(t, { path: file });
        for (const f of r.findings) {
          assert.ok(f.span.start >= 0 && f.span.end <= t.length && f.span.start <= f.span.end, `${f.ruleId}: span inside the text`);
          for (const x of f.fixes) for (const e of x.edits) assert.ok(e.start >= 0 && e.end <= t.length && e.start <= e.end, `${f.ruleId}: edit inside the text`);
        }
        analyzeText(fixToFixedPoint(t, (s) => analyzeText(s, { path: file }).findings, all, 4).text, { path: file });
      }),
      { numRuns: 400 },
    );
  });
});
