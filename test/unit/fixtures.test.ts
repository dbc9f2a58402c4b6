/**
 * The fixture runner. For every rule `<target>/<slug>` there is a folder
 * test/fixtures/<target>/<slug>/ (the engine's own `bulkhead/…` rules live in
 * test/fixtures/general/) holding:
 *
 * - `invalid*.<ext>`: each expected finding is marked inline with
 *   `expect: <rule-id>[, <rule-id>…]` in a comment — at the end of the line the
 *   finding starts on, or alone on the line above it (Dockerfiles allow only
 *   the latter). JSON has no comments: its markers are in `<file>.expect`,
 *   one `<line> <rule-id>` per line (1-based); so are those of lines no
 *   comment can follow (JSON in a Terraform heredoc).
 *   The findings of the folder's rule, and of any rule a marker names, must
 *   match the markers exactly.
 * - `invalid*.fixed.<ext>`: the text after applying the folder's rule's fixes
 *   (first fix of each finding, every safety) until nothing changes. The fixed
 *   text must re-parse, lose every finding that had a fix, and not change
 *   when fixed again.
 * - `valid*.<ext>`: no finding of the folder's rule.
 * - `.bulkhead.yaml` (optional): the configuration the folder's files are
 *   analysed with, for rules that read a setting.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, Finding, LineIndex } from '../../src/core';
import { fixtureConfig } from '../../src/cli/docs';
import { analyzeText } from '../../src/rules/engine';
import { allRules } from '../../src/rules/index';

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

export function folderOf(ruleId: string): string {
  const [target, slug] = ruleId.split('/');
  return path.join(FIXTURES, target === 'bulkhead' ? 'general' : target, slug);
}

/** A fixture folder may hold a `.bulkhead.yaml` (for rules that read a setting, such as allowedRegistries). */
export function analyse(file: string, text: string): Finding[] {
  return analyzeText(text, { path: file, config: fixtureConfig(path.dirname(file)) }).findings.filter((f) => !f.suppressed);
}

interface Marker {
  line: number;
  ruleId: string;
}

export function readMarkers(file: string, text: string): Marker[] {
  const markers: Marker[] = [];
  const side = file + '.expect';
  if (fs.existsSync(side)) {
    for (const l of fs.readFileSync(side, 'utf8').split('\n')) {
      const m = /^\s*(\d+)\s+(\S+)/.exec(l);
      if (m) markers.push({ line: Number(m[1]) - 1, ruleId: m[2] });
    }
  }
  if (/\.jsonc?$/i.test(file)) return markers;
  const lines = new LineIndex(text);
  const isDocker = /dockerfile|containerfile/i.test(path.basename(file));
  for (let i = 0; i < lines.lineCount; i++) {
    const t = lines.lineText(i);
    const m = /(?:#|\/\/)\s*expect:\s*([\w/,\s-]+?)\s*$/.exec(t);
    if (!m) continue;
    const ownLine = /^\s*(#|\/\/)/.test(t);
    if (isDocker && !ownLine) continue;
    let target = i;
    if (ownLine) {
      target = i + 1;
      while (target < lines.lineCount && (/^\s*(#|\/\/)/.test(lines.lineText(target)) || lines.lineText(target).trim() === '')) target++;
    }
    for (const id of m[1].split(/[,\s]+/).filter(Boolean)) markers.push({ line: target, ruleId: id });
  }
  return markers;
}

/** Applies the rule's fixes (first fix of each finding, any safety) to a fixed point. */
export function fixRule(file: string, text: string, ruleId: string): string {
  for (let pass = 0; pass < 10; pass++) {
    const findings = analyse(file, text).filter((f) => f.ruleId === ruleId && f.fixes.length > 0);
    const edits = [];
    const taken: { start: number; end: number }[] = [];
    for (const f of findings) {
      const es = f.fixes[0].edits;
      if (es.some((e) => taken.some((t) => e.start < t.end && t.start < e.end) || taken.some((t) => e.start === e.end && t.start === t.end && e.start === t.start))) continue;
      edits.push(...es);
      taken.push(...es.map((e) => ({ start: e.start, end: e.end })));
    }
    if (edits.length === 0) return text;
    const next = applyEdits(text, edits);
    if (next === text) return text;
    text = next;
  }
  throw new Error(`fixes for ${ruleId} did not converge in 10 passes`);
}

function listFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.endsWith('.expect') && !f.startsWith('.')) : [];
}

describe('rule fixtures', () => {
  for (const rule of allRules()) {
    const id = rule.meta.id;
    const dir = folderOf(id);
    describe(id, () => {
      const files = listFiles(dir);
      const invalid = files.filter((f) => f.startsWith('invalid') && !f.includes('.fixed.'));
      const valid = files.filter((f) => f.startsWith('valid'));
      const fixed = files.filter((f) => f.includes('.fixed.'));

      it('has at least one invalid and one valid fixture', () => {
        assert.ok(invalid.length > 0, `no invalid* fixture in ${path.relative(process.cwd(), dir)}`);
        assert.ok(valid.length > 0, `no valid* fixture in ${path.relative(process.cwd(), dir)}`);
      });

      if (rule.meta.fix) {
        it('has a fixed twin for a fixture (the rule declares a fix)', () => {
          assert.ok(fixed.length > 0, `${id} declares fix: ${rule.meta.fix} but has no *.fixed.* fixture`);
        });
      }

      for (const name of invalid) {
        const file = path.join(dir, name);
        it(`${name}: findings match the expect markers`, () => {
          const text = fs.readFileSync(file, 'utf8');
          const markers = readMarkers(file, text);
          assert.ok(markers.some((m) => m.ruleId === id), `${name} has no "expect: ${id}" marker`);
          const ids = new Set([id, ...markers.map((m) => m.ruleId)]);
          const got = analyse(file, text)
            .filter((f) => ids.has(f.ruleId))
            .map((f) => `${f.range.start.line + 1} ${f.ruleId}`)
            .sort();
          const want = markers.map((m) => `${m.line + 1} ${m.ruleId}`).sort();
          assert.deepStrictEqual(got, want, `${name}: findings (line rule) differ from the expect markers`);
        });
        it(`${name}: findings of this rule carry fixes only if the rule declares one`, () => {
          const text = fs.readFileSync(file, 'utf8');
          const mine = analyse(file, text).filter((f) => f.ruleId === id);
          if (!rule.meta.fix) assert.ok(mine.every((f) => f.fixes.length === 0), `${id} has no fix in its meta but offered one`);
          for (const f of mine) for (const x of f.fixes) assert.ok(x.edits.length > 0, `${id}: fix "${x.title}" has no edits`);
        });
        const twinName = name.replace(/^(invalid[^.]*)\./, '$1.fixed.');
        if (files.includes(twinName)) {
          it(`${name}: fixes give ${twinName}, re-parse, converge and remove the fixed findings`, () => {
            const text = fs.readFileSync(file, 'utf8');
            const want = fs.readFileSync(path.join(dir, twinName), 'utf8');
            const before = analyse(file, text);
            const got = fixRule(file, text, id);
            assert.notStrictEqual(got, text, 'the fixes changed nothing');
            assert.strictEqual(got, want, `fixing ${name} does not give ${twinName}`);
            const after = analyse(file, got);
            assert.ok(
              !after.some((f) => f.ruleId === 'bulkhead/not-analysed') || before.some((f) => f.ruleId === 'bulkhead/not-analysed'),
              'the fixed text no longer parses',
            );
            const fixable = before.filter((f) => f.ruleId === id && f.fixes.length > 0).length;
            const remaining = after.filter((f) => f.ruleId === id).length;
            const unfixable = before.filter((f) => f.ruleId === id && f.fixes.length === 0).length;
            assert.ok(remaining <= unfixable, `${remaining} ${id} findings remain after fixing ${fixable}`);
            assert.strictEqual(fixRule(file, got, id), got, 'fixing twice differs from fixing once');
          });
        }
      }
      for (const name of valid) {
        it(`${name}: no finding`, () => {
          const file = path.join(dir, name);
          const text = fs.readFileSync(file, 'utf8');
          const got = analyse(file, text).filter((f) => f.ruleId === id);
          assert.deepStrictEqual(
            got.map((f) => `${f.range.start.line + 1}: ${f.message}`),
            [],
            `${name} should have no ${id} finding`,
          );
        });
      }
    });
  }
});

describe('fixture folders', () => {
  it('every fixture folder belongs to a rule', () => {
    const ids = new Set(allRules().map((r) => folderOf(r.meta.id)));
    const stray: string[] = [];
    for (const target of fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES) : []) {
      const td = path.join(FIXTURES, target);
      if (!fs.statSync(td).isDirectory() || target === 'misc') continue;
      for (const slug of fs.readdirSync(td)) if (!ids.has(path.join(td, slug))) stray.push(`${target}/${slug}`);
    }
    assert.deepStrictEqual(stray, [], 'fixture folders without a rule');
  });
});
