import * as assert from 'assert';
import { applyEdits, detectSecret, findSuppressions, LineIndex, parseConfig, ResolvedConfig, suppressionCovers, fixToFixedPoint, pickFixes, Finding, redact, registryAllowed, registryOf } from '../../src/core';
import { classify } from '../../src/formats/classify';
import { Slot } from '../../src/core/slot';

describe('LineIndex', () => {
  it('maps offsets to positions and back, with LF, CRLF and a last line without break', () => {
    const t = 'ab\r\ncd\nef';
    const l = new LineIndex(t);
    assert.strictEqual(l.lineCount, 3);
    assert.deepStrictEqual(l.positionAt(0), { line: 0, character: 0 });
    assert.deepStrictEqual(l.positionAt(4), { line: 1, character: 0 });
    assert.deepStrictEqual(l.positionAt(9), { line: 2, character: 2 });
    assert.strictEqual(l.offsetAt({ line: 1, character: 1 }), 5);
    assert.strictEqual(l.lineText(0), 'ab');
    assert.strictEqual(l.eol, '\r\n');
    assert.strictEqual(l.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end');
  });

  it('starts a line after each LF, CR LF and lone CR, as a reading of every character does', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let k = 0; k < 2000; k++) {
      const alphabet = k % 2 ? 'ab \n' : 'ab\r\n';
      let t = '';
      for (let i = rnd(30); i > 0; i--) t += alphabet[rnd(alphabet.length)];
      const l = new LineIndex(t);
      let line = 0;
      let col = 0;
      for (let o = 0; o <= t.length; o++) {
        assert.deepStrictEqual(l.positionAt(o), { line, character: col }, `${JSON.stringify(t)} at ${o}`);
        const c = t[o];
        if (c === '\n' || (c === '\r' && t[o + 1] !== '\n')) {
          line++;
          col = 0;
        } else col++;
      }
      assert.strictEqual(l.lineCount, line + 1, JSON.stringify(t));
    }
  });
});

describe('suppression comments', () => {
  const find = (t: string, style: 'hash' | 'slash' = 'hash') => findSuppressions(new LineIndex(t), style);
  it('same line and line above; several ids; a reason', () => {
    const s = find('a: 1 # bulkhead-ignore k8s/x: because\n# bulkhead-ignore k8s/y,k8s/z: r2\n\nb: 2\n');
    assert.deepStrictEqual(
      s.map((x) => [x.line, x.ids, x.reason]),
      [
        [0, ['k8s/x'], 'because'],
        [3, ['k8s/y', 'k8s/z'], 'r2'],
      ],
    );
  });
  it('file scope, TypeScript comments, and peers\' markers', () => {
    assert.strictEqual(find('# bulkhead-ignore-file dockerfile/a: legacy\nFROM x\n')[0].line, 'file');
    assert.deepStrictEqual(find('const a = 1; // bulkhead-ignore cdk/a: ok\n', 'slash')[0].ids, ['cdk/a']);
    const peers = find('# checkov:skip=CKV_K8S_16: node agent\nprivileged: true\n# hadolint ignore=DL3002,DL3008\nUSER root\n# trivy:ignore:KSV017\nx: 1\n');
    assert.deepStrictEqual(
      peers.map((p) => [p.source, p.ids, p.line]),
      [
        ['checkov', ['CKV_K8S_16'], 1],
        ['hadolint', ['DL3002', 'DL3008'], 3],
        ['trivy', ['KSV017'], 5],
      ],
    );
  });
  it('a # inside a quoted string is not a comment', () => {
    assert.deepStrictEqual(find('a: "x # bulkhead-ignore k8s/x: no"\n'), []);
  });
  it('covers by id, target wildcard and peer equivalents (KSV017 = KSV-0017)', () => {
    const [s] = find('x: 1 # trivy:ignore:KSV-0017\n');
    assert.ok(suppressionCovers(s, 'k8s/privileged-container', ['CKV_K8S_16', 'KSV017']));
    assert.ok(!suppressionCovers(s, 'k8s/other', ['KSV018']));
    const [w] = find('x: 1 # bulkhead-ignore k8s/*: all of them\n');
    assert.ok(suppressionCovers(w, 'k8s/anything', []));
    assert.ok(!suppressionCovers(w, 'ecs/anything', []));
  });
});

describe('.bulkhead.yaml', () => {
  it('reads rules, ignores and overrides; wildcards per target', () => {
    const { config, problems } = parseConfig('rules:\n  k8s/a: warning\n  k8s/*: info\n  ecs/b: off\nignore: [vendor/]\noverrides:\n  - files: ["legacy/*.json"]\n    rules: { ecs/c: off }\n');
    assert.deepStrictEqual(problems, []);
    const r = new ResolvedConfig(config);
    assert.strictEqual(r.ruleSetting('k8s/a'), 'warning');
    assert.strictEqual(r.ruleSetting('k8s/zzz'), 'info');
    assert.strictEqual(r.ruleSetting('ecs/b'), 'off');
    assert.strictEqual(r.ruleSetting('ecs/c', 'legacy/task.json'), 'off');
    assert.strictEqual(r.ruleSetting('ecs/c', 'new/task.json'), undefined);
    assert.ok(r.isIgnored('vendor/x/y.yaml'));
    assert.ok(!r.isIgnored('src/vendor.yaml'));
  });
  it('settings apply over the file; problems are messages, never exceptions', () => {
    const { config } = parseConfig('rules:\n  k8s/a: warning\n');
    assert.strictEqual(new ResolvedConfig(config, { 'k8s/a': 'off' }).ruleSetting('k8s/a'), 'off');
    for (const bad of ['rules: [1, 2]', ': : :', 'rules:\n  k8s/a: loud', '- a\n- b', 'overrides: 3', 'maxFileSizeKb: -1', 'other: 1']) {
      const { problems } = parseConfig(bad);
      assert.ok(problems.length > 0, `problems for ${JSON.stringify(bad)}`);
    }
  });
});

describe('secret detection', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE', 'aws-access-key-id'],
    ['KEY', 'AKIAIOSFODNN7EXAMPLE', 'aws-access-key-id'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws-secret-access-key'],
    ['DB_PASSWORD', 'hunter2-but-longer', 'password'],
    ['GITHUB_TOKEN', 'ghp_Zx9Qm2Lk7Vb4Nc1Rt8Ys5Wp3Hd6Jf0Ga2Ue4', 'token'],
    ['DATABASE_URL', 'postgres://app:pa55w0rd@db:5432/app', 'password'],
    ['DB_PASSWORD_FILE', '/run/secrets/db', undefined],
    ['DB_PASSWORD', '${DB_PASSWORD}', undefined],
    ['API_KEY_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x', undefined],
    ['LOG_LEVEL', 'info', undefined],
    ['TOKEN_TTL', '3600', undefined],
    ['AWS_SECRET_ACCESS_KEY', undefined, 'aws-secret-access-key'],
    ['DB_PASSWORD', undefined, undefined],
    // high-entropy values: a random key is reported; addresses, ids, image refs and lists are not
    ['SIGNING_SEED', 'q8Zr3LmX7vB2nK9pT4wY6cF1hJ5sD0gA', 'generic'],
    ['CART_SERVICE_ADDR', 'cartservice.default.svc.cluster.local:7070', undefined],
    ['CART_SERVICE_ADDR', 'cart:7070', undefined],
    ['CLUSTER_ID', 'j-3KZ8Q2L1X9ABC-prod-eu-west-1', undefined],
    ['RUN_ID', '6f1c2a9e-4b7d-4e3a-9c2f-8d5b1a7e3c40', undefined],
    ['BASE_IMAGE', 'public.ecr.aws/docker/library/python:3.12-slim', undefined],
    ['BASE_IMAGE', '123456789012.dkr.ecr.us-east-1.amazonaws.com/base:2024.10.1', undefined],
    ['PACKAGES', 'curl,git,openssl,ca-certificates,libpq5,tzdata2024a', undefined],
    ['BUILD', 'Release-2024.11.03-Build7781x', undefined],
  ];
  for (const [name, value, kind] of cases) {
    it(`${name}=${value ?? '(unknown)'} → ${kind ?? 'not a secret'}`, () => {
      assert.strictEqual(detectSecret(name, value)?.kind, kind);
    });
  }
  it('answers each name and value alike, whatever was asked before (verdicts are remembered)', () => {
    const expected = cases.map(([, , kind]) => kind);
    for (const order of [[...cases.keys()].reverse(), [...cases.keys()].sort((a, b) => (a * 7919) % 23 - (b * 7919) % 23)]) {
      for (const i of order) assert.strictEqual(detectSecret(cases[i][0], cases[i][1])?.kind, expected[i], cases[i].join('='));
    }
    // an unknown value, an empty one and a name that holds what a value would: three questions, not one
    const pairs: [string, string | undefined, string | undefined][] = [
      ['AWS_SECRET_ACCESS_KEY=x', undefined, undefined],
      ['AWS_SECRET_ACCESS_KEY', 'x', 'aws-secret-access-key'],
      ['AWS_SECRET_ACCESS_KEY', '', undefined],
      ['AWS_SECRET_ACCESS_KEY', undefined, 'aws-secret-access-key'],
    ];
    for (const order of [pairs, [...pairs].reverse()]) for (const [n, v, kind] of order) assert.strictEqual(detectSecret(n, v)?.kind, kind, `${n} ${v}`);
    // long values are judged each time; past the memo's bound it starts again
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA'.repeat(40)}\n-----END RSA PRIVATE KEY-----`;
    for (let i = 0; i < 2; i++) assert.strictEqual(detectSecret('TLS_KEY', pem)?.kind, 'private-key');
    for (let i = 0; i < 5000; i++) detectSecret(`VAR_${i}`, `value-${i}`);
    for (let i = 0; i < cases.length; i++) assert.strictEqual(detectSecret(cases[i][0], cases[i][1])?.kind, expected[i], cases[i].join('='));
  });
  it('redacts', () => {
    assert.strictEqual(redact('AKIAIOSFODNN7EXAMPLE'), 'AKIA…LE');
    assert.ok(!redact('hunter2').includes('hunter'));
  });
});

describe('fixes', () => {
  it('apply non-overlapping edits; overlapping ones throw', () => {
    assert.strictEqual(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 1, newText: 'A' }]), 'AbcdEf');
    assert.throws(() => applyEdits('abc', [{ start: 0, end: 2, newText: '' }, { start: 1, end: 3, newText: '' }]));
  });
  it('bulk fixing skips manual fixes and overlaps, and reaches a fixed point', () => {
    const mk = (start: number, end: number, newText: string, safety: 'safe' | 'unsafe' | 'manual'): Finding => ({
      ruleId: 'x/y',
      message: '',
      severity: 'error',
      span: { start, end },
      range: { start: { line: 0, character: start }, end: { line: 0, character: end } },
      fixes: [{ title: 't', safety, edits: [{ start, end, newText }] }],
    });
    const picked = pickFixes([mk(0, 1, 'A', 'safe'), mk(0, 2, 'B', 'safe'), mk(3, 4, 'C', 'manual'), mk(4, 5, 'D', 'unsafe')], new Set(['safe']));
    assert.strictEqual(picked.length, 1);
    const r = fixToFixedPoint('aaaa', (t) => (t.includes('a') ? [mk(t.indexOf('a'), t.indexOf('a') + 1, 'b', 'safe')] : []), new Set(['safe']));
    assert.deepStrictEqual(r, { text: 'bbbb', applied: 4, passes: 4 });
  });
});

describe('file classification', () => {
  const cases: [string, string, string | undefined][] = [
    ['Dockerfile', 'FROM x', 'dockerfile'],
    ['api.Dockerfile', 'FROM x', 'dockerfile'],
    ['Dockerfile.prod', 'FROM x', 'dockerfile'],
    ['Containerfile', 'FROM x', 'dockerfile'],
    ['pod.yaml', 'apiVersion: v1\nkind: Pod\n', 'k8s'],
    ['pod.json', '{"apiVersion": "v1", "kind": "Pod"}', 'k8s'],
    ['taskdef.json', '{"family": "x", "containerDefinitions": []}', 'ecs-json'],
    ['describe.json', '{"taskDefinition": {"taskDefinitionArn": "arn", "containerDefinitions": []}}', 'ecs-json'],
    ['template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', 'cloudformation'],
    ['t.json', '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition"}}}', 'cloudformation'],
    ['stack.ts', "import * as ecs from 'aws-cdk-lib/aws-ecs';", 'cdk'],
    ['stack.ts', "import { Stack } from 'aws-cdk-lib';", 'cdk'],
    ['util.ts', "import * as fs from 'fs';", undefined],
    ['types.d.ts', "import * as ecs from 'aws-cdk-lib/aws-ecs';", undefined],
    ['apprunner.yaml', 'version: 1.0\nruntime: python3\n', 'apprunner'],
    ['values.yaml', 'image: nginx\n', undefined],
    ['package.json', '{"name": "x"}', undefined],
    ['README.md', 'apiVersion: v1\nkind: Pod', undefined],
  ];
  for (const [name, text, kind] of cases) it(`${name} → ${kind ?? 'not read'}`, () => assert.strictEqual(classify(name, text), kind));
});

describe('registry allowlist', () => {
  it('reads the registry host of an image as Docker does', () => {
    assert.strictEqual(registryOf('nginx:1.27'), 'docker.io');
    assert.strictEqual(registryOf('library/nginx'), 'docker.io');
    assert.strictEqual(registryOf('ghcr.io/acme/app:1'), 'ghcr.io');
    assert.strictEqual(registryOf('localhost:5000/app'), 'localhost:5000');
    assert.strictEqual(registryOf('123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:' + 'a'.repeat(64)), '123456789012.dkr.ecr.eu-west-1.amazonaws.com');
  });
  it('matches host globs label by label', () => {
    const allowed = ['*.dkr.ecr.*.amazonaws.com', 'public.ecr.aws', 'docker.io'];
    assert.ok(registryAllowed('123456789012.dkr.ecr.eu-west-1.amazonaws.com', allowed));
    assert.ok(registryAllowed('public.ecr.aws', allowed));
    assert.ok(registryAllowed('docker.io', allowed));
    assert.ok(!registryAllowed('evil.com', allowed));
    assert.ok(!registryAllowed('public.ecr.aws.evil.com', allowed));
  });
  it('allowedRegistries in .bulkhead.yaml is checked', () => {
    assert.deepStrictEqual(parseConfig('allowedRegistries: ["*.dkr.ecr.*.amazonaws.com"]\n').config.allowedRegistries, ['*.dkr.ecr.*.amazonaws.com']);
    assert.match(parseConfig('allowedRegistries: [{ a: 1 }]\n').problems[0].message, /allowedRegistries must be a list/);
  });
});

describe('Slot', () => {
  it('keeps a value per object, as a WeakMap does, out of sight of keys, spreads and JSON', () => {
    const a = new Slot<object, number>();
    const b = new Slot<object, number>();
    const o = { x: 1 };
    assert.strictEqual(a.has(o), false);
    assert.strictEqual(a.get(o), undefined);
    a.set(o, 7).set(o, 8);
    b.set(o, 9);
    assert.strictEqual(a.get(o), 8);
    assert.strictEqual(b.get(o), 9);
    assert.ok(a.has(o));
    assert.deepStrictEqual(Object.keys(o), ['x']);
    assert.strictEqual(JSON.stringify(o), '{"x":1}');
    assert.strictEqual(a.has({ ...o }), false, 'a copy does not carry it');
    assert.ok(a.delete(o));
    assert.strictEqual(a.has(o), false);
    assert.strictEqual(b.get(o), 9);
  });
});
