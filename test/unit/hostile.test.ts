/**
 * Inputs that once made analysis hang (exponential or quadratic work on the
 * host thread). Each must simply finish: mocha's timeout is the bound, no
 * test measures time.
 */
import * as assert from 'assert';
import { blankTemplates } from '../../src/formats/k8s/helm';
import { applyEdits } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';

describe('hostile input finishes', function () {
  this.timeout(20_000);

  it('a Helm line of 40 actions that does not end in one (the old pattern backtracked exponentially)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: ' + '{{ a }}'.repeat(40) + ' x\n  ' + '{{ a }} '.repeat(40) + 'y\n';
    const r = analyzeText(text, { path: 'templates/cm.yaml' });
    assert.ok(r.kind === 'k8s');
  });

  it('300,000 unterminated {{ (quadratic search for the closing braces)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n' + '{{ '.repeat(300_000);
    assert.strictEqual(blankTemplates(text).helm, false);
    analyzeText(text, { path: 'templates/pod.yaml' });
  });

  it('200,000 blank lines before the template version (classification was quadratic)', () => {
    const text = '\n'.repeat(200_000) + 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n';
    assert.strictEqual(analyzeText(text, { path: 't.yaml' }).kind, 'cloudformation');
    assert.strictEqual(analyzeText('x: 1\n' + '\n'.repeat(200_000), { path: 'x.yaml' }).kind, undefined);
  });

  it('a Dockerfile RUN with 20,000 continuation lines', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n' + '  && echo b \\\n'.repeat(20_000) + '  && true\nUSER app\n';
    const r = analyzeText(text, { path: 'Dockerfile' });
    assert.strictEqual(r.kind, 'dockerfile');
  });
});

describe('Helm actions set aside in linear time, offsets kept', () => {
  it('blanks lines that start and end with actions, masks actions inside values', () => {
    const text = '  {{- if .Values.x }}\nk: {{ .Values.v }}\n  {{ if .a }} y: 1 {{ end }}\n{{ a }} tail\n';
    const r = blankTemplates(text);
    assert.strictEqual(r.text.length, text.length);
    const lines = r.text.split('\n');
    assert.strictEqual(lines[0].trim(), '');
    assert.strictEqual(lines[1], 'k: ' + '\u00a4'.repeat('{{ .Values.v }}'.length));
    assert.strictEqual(lines[2].trim(), '', 'text between actions renders as the template decides');
    assert.strictEqual(lines[3], '\u00a4'.repeat(7) + ' tail');
    assert.deepStrictEqual(r.templateLines.map((t) => [t.offset, t.column]), [[0, 2], [text.indexOf('  {{ if'), 2]]);
  });

  it('an action across lines is one action', () => {
    const text = 'a: 1\n{{- include "x"\n    . }}\nb: 2\n';
    const r = blankTemplates(text);
    assert.strictEqual(r.text, 'a: 1\n' + ' '.repeat(15) + '\n' + ' '.repeat(8) + '\nb: 2\n');
  });
});

describe('YAML aliases and merge keys are followed (a privileged pod cannot hide behind them)', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: aliased
  namespace: team
spec:
  template:
    spec:
      containers:
        - &base
          name: base
          image: nginx:1.25
          securityContext: &debug
            privileged: true
        - <<: *base
          name: sidecar
        - name: tools
          image: busybox:1.36
          securityContext: *debug
`;

  it('reports once, on the anchored value, and one fix there repairs every user of it', () => {
    const found = analyzeText(text, { path: 'deploy.yaml' }).findings.filter((f) => f.ruleId === 'k8s/privileged-container');
    assert.deepStrictEqual(found.map((f) => [f.range.start.line + 1, text.slice(f.span.start, f.span.end)]), [[14, 'true']]);
    const fixed = applyEdits(text, found[0].fixes[0].edits);
    assert.strictEqual(fixed, text.replace('privileged: true', 'privileged: false'));
    assert.deepStrictEqual(analyzeText(fixed, { path: 'deploy.yaml' }).findings.filter((f) => f.ruleId === 'k8s/privileged-container'), []);
  });

  it('a merge key brings settings a container does not override; its own keys win', () => {
    const own = text.replace('          name: sidecar\n', '          name: sidecar\n          securityContext: { privileged: false }\n').replace('securityContext: *debug', 'securityContext: { privileged: false }').replace('            privileged: true\n', '            privileged: true\n            allowPrivilegeEscalation: false\n');
    const found = analyzeText(own, { path: 'deploy.yaml' }).findings.filter((f) => f.ruleId === 'k8s/privileged-container');
    assert.strictEqual(found.length, 1, 'only the base container');
    assert.match(found[0].message, /"base"/);
  });

  it('an alias bomb is refused by the parser or costs nothing: analysis finishes', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n  annotations:\n${bomb.map((l) => '    ' + l).join('\n')}\ndata: {}\n`;
    analyzeText(doc, { path: 'bomb.yaml' });
  });
});
