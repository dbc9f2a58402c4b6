import * as assert from 'assert';
import { analyzeText } from '../../src/rules/engine';

/**
 * Helm templates: what a template action may set is unknown, never "missing";
 * what the file states is still checked; one note says what was skipped.
 */
const CHART = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  namespace: {{ .Release.Namespace }}
spec:
  template:
    spec:
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
        - name: sidecar
          image: busybox:1.36
          securityContext:
            privileged: true
`;

describe('Helm templates', () => {
  const findings = analyzeText(CHART, { path: 'chart/templates/deployment.yaml' }).findings;
  const lineOf = (f: { range: { start: { line: number } } }) => CHART.split('\n')[f.range.start.line];

  it('a container whose securityContext and resources come from the template gets no "missing" finding', () => {
    const app = findings.filter((f) => /"app"/.test(f.message));
    assert.deepStrictEqual(app.map((f) => f.ruleId), []);
  });

  it('a pod-level securityContext from the template leaves the user unknown for every container', () => {
    assert.ok(!findings.some((f) => f.ruleId === 'k8s/run-as-root' || f.ruleId === 'k8s/seccomp-profile'), findings.map((f) => f.ruleId).join(', '));
  });

  it('what the file states is still checked', () => {
    assert.ok(findings.some((f) => f.ruleId === 'k8s/privileged-container' && /privileged: true/.test(lineOf(f))));
    assert.ok(findings.some((f) => f.ruleId === 'k8s/writable-root-filesystem' && /sidecar/.test(f.message)), 'the sidecar states its securityContext');
  });

  it('says once what was skipped', () => {
    assert.strictEqual(findings.filter((f) => f.ruleId === 'bulkhead/not-analysed').length, 1);
  });

  it('a securityContext written as one action on its own key line is unknown too', () => {
    const inline = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
spec:
  template:
    spec:
      securityContext: {{ toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: web
          image: registry.example.com/web:1.2.3
          securityContext: {{ toYaml .Values.securityContext | nindent 12 }}
          resources: {{ toYaml .Values.resources | nindent 12 }}
`;
    const ids = analyzeText(inline, { path: 'chart/templates/web.yaml' }).findings.map((f) => f.ruleId);
    for (const id of ['k8s/allow-privilege-escalation', 'k8s/net-raw-not-dropped', 'k8s/capabilities-not-dropped', 'k8s/writable-root-filesystem', 'k8s/run-as-root']) {
      assert.ok(!ids.includes(id), `${id} reported on a templated securityContext`);
    }
  });
});
