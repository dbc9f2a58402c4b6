/**
 * Property tests over the whole engine: whatever the text, analysis never
 * throws and terminates, every finding lies inside the text (in order), and bulk fixing
 * never throws and keeps the file analysable.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { allowedSafeties, fixToFixedPoint } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

function exampleFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.md') && !e.name.startsWith('.')) out.push({ name: path.relative(EXAMPLES, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(EXAMPLES);
  return out;
}

const NAMES = ['Dockerfile', 'pod.yaml', 'taskdef.json', 'template.yaml', 'stack.ts', 'apprunner.yaml'];

function check(name: string, text: string): void {
  const r = analyzeText(text, { path: name });
  // in the order of the text; on one span by rule id, code unit by code unit (the same under every locale)
  for (let i = 1; i < r.findings.length; i++) {
    const [a, b] = [r.findings[i - 1], r.findings[i]];
    assert.ok(a.span.start < b.span.start || (a.span.start === b.span.start && (a.span.end < b.span.end || (a.span.end === b.span.end && a.ruleId <= b.ruleId))), `${a.ruleId} before ${b.ruleId}`);
  }
  for (const f of r.findings) {
    assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end, `${f.ruleId}: span inside the text`);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end, `${f.ruleId}: edit inside the text`);
  }
  const fixed = fixToFixedPoint(text, (t) => analyzeText(t, { path: name }).findings, allowedSafeties(true), 4);
  analyzeText(fixed.text, { path: name });
}

/** Mutations that keep most of a file's structure: cut, duplicate or insert a line; flip a character. */
const mutation = (text: string) =>
  fc
    .array(
      fc.record({ kind: fc.constantFrom('cut', 'dup', 'insert', 'flip'), at: fc.nat(), what: fc.constantFrom('{{ .Values.x }}', 'privileged: true', '  - ', '"', '{', ']', ':', '\t', 'USER 0', '!Ref X', '...', '\u0000', 'ÿ') }),
      { maxLength: 6 },
    )
    .map((ops) => {
      const lines = text.split('\n');
      for (const op of ops) {
        const i = op.at % Math.max(1, lines.length);
        if (op.kind === 'cut') lines.splice(i, 1);
        else if (op.kind === 'dup') lines.splice(i, 0, lines[i] ?? '');
        else if (op.kind === 'insert') lines.splice(i, 0, op.what);
        else {
          const l = lines[i] ?? '';
          const j = op.at % Math.max(1, l.length);
          lines[i] = l.slice(0, j) + op.what + l.slice(j + 1);
        }
      }
      return lines.join('\n');
    });

describe('engine properties', function () {
  this.timeout(120000);
  it('random text never throws, for every kind of file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.string({ maxLength: 400 }), (name, body) => {
        // make classification succeed so that the parser really runs
        const prefix = name === 'stack.ts' ? "import * as ecs from 'aws-cdk-lib/aws-ecs';\n" : name.endsWith('.json') ? '{"containerDefinitions": ' : name === 'template.yaml' ? 'AWSTemplateFormatVersion: x\n' : name === 'pod.yaml' ? 'apiVersion: v1\nkind: Pod\n' : '';
        check(name, prefix + body);
      }),
      { numRuns: 300 },
    );
  });
  for (const ex of exampleFiles()) {
    it(`mutations of examples/${ex.name} never throw and fixes stay analysable`, () => {
      fc.assert(
        fc.property(mutation(ex.text), (t) => check(ex.name, t)),
        { numRuns: 60 },
      );
    });
  }
});
