import * as assert from 'assert';
import { allowedSafeties, fixToFixedPoint } from '../../src/core';
import { analyzeText } from '../../src/rules/engine';

describe('Kubernetes manifests written in JSON', () => {
  const pod = JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'shop' },
      spec: { containers: [{ name: 'app', image: 'nginx:1.25', securityContext: { privileged: true } }] },
    },
    null,
    2,
  );

  it('are analysed like YAML ones', () => {
    const ids = analyzeText(pod, { path: 'pod.json' }).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('k8s/privileged-container'), ids.join(', '));
  });

  it('stay JSON after every fix is applied', () => {
    const fixed = fixToFixedPoint(pod, (t) => analyzeText(t, { path: 'pod.json' }).findings, allowedSafeties(true)).text;
    assert.notStrictEqual(fixed, pod);
    const parsed = JSON.parse(fixed) as { spec: { containers: { securityContext: Record<string, unknown> }[] } };
    assert.strictEqual(parsed.spec.containers[0].securityContext.privileged, false);
  });
});
