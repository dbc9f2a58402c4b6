import * as assert from 'assert';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { applyEdits, LineIndex } from '../../src/core';
import { familyOf, parseDockerfile } from '../../src/formats/dockerfile/parse';
import { analyzeText } from '../../src/rules/engine';

const parse = (t: string) => parseDockerfile(t, new LineIndex(t));
const analyse = (t: string) => analyzeText(t, { path: 'Dockerfile' }).findings.filter((f) => !f.suppressed);

describe('dockerfile parser', () => {
  it('splits stages, follows FROM <stage> chains and records ECR image references', () => {
    const t = 'ARG V=3.20\nFROM alpine:${V} AS Base\nFROM base AS app\nCOPY --from=123456789012.dkr.ecr.us-east-1.amazonaws.com/tools:1 /t /t\nFROM app\n';
    const m = parse(t);
    assert.strictEqual(m.stages.length, 3);
    assert.deepStrictEqual(m.stages.map((s) => s.family), ['alpine', 'alpine', 'alpine']);
    assert.strictEqual(m.stages[2].baseStage, 1);
    assert.strictEqual(m.stages[0].image?.text, 'alpine:3.20');
    const ecr = m.imageRefs.find((r) => r.ecr);
    assert.ok(ecr, 'the ECR image is recorded');
    assert.strictEqual(t.slice(ecr.span.start, ecr.span.end), '123456789012.dkr.ecr.us-east-1.amazonaws.com/tools:1');
    assert.strictEqual(ecr.ecr?.repository, 'tools');
  });
  it('reads the same flags and arguments however often an instruction is asked (tokenised once, copied per call)', () => {
    const t = 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk --network=none apk add curl\nCOPY --chown=1000:1000 a b /app/\n';
    const df = DockerfileParser.parse(t);
    for (const ins of df.getInstructions()) {
      const first = ins.getArguments().map((a) => a.getValue());
      const again = ins.getArguments().map((a) => a.getValue());
      assert.deepStrictEqual(again, first);
    }
    const m = parse(t);
    const run = m.instructions.find((i) => i.keyword === 'RUN')!;
    assert.deepStrictEqual(run.flags.map((f) => f.name), ['mount', 'network']);
    assert.deepStrictEqual(run.args.map((a) => a.value), ['apk', 'add', 'curl']);
    const copy = m.instructions.find((i) => i.keyword === 'COPY')!;
    assert.deepStrictEqual(copy.flags.map((f) => f.value), ['1000:1000']);
    assert.deepStrictEqual(copy.args.map((a) => a.value), ['a', 'b', '/app/']);
    assert.deepStrictEqual(parse(t).instructions.map((i) => i.args.map((a) => a.value)), m.instructions.map((i) => i.args.map((a) => a.value)));
  });
  it('keeps offsets through continuations, comment lines and the escape directive', () => {
    const t = '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    # note\n    apt-get install -y curl\n';
    const m = parse(t);
    const run = m.instructions.find((i) => i.keyword === 'RUN')!;
    const at = run.body.text.indexOf('install');
    assert.strictEqual(t.slice(run.body.start + at, run.body.start + at + 7), 'install');
    assert.ok(!run.body.text.includes('note'));
  });
  it('reads the exec form as JSON: spaces kept, escapes decoded, the sh -c script analysed', () => {
    const t = 'FROM alpine:3.20\nRUN ["sh", "-c", "curl -fsSL https://example.com/x.sh | sh"]\nCMD ["echo", "a \\"b\\" \\\\ c", "x\\ty"]\nUSER app\n';
    const m = parse(t);
    const cmd = m.instructions.find((i) => i.keyword === 'CMD')!;
    assert.deepStrictEqual(cmd.jsonStrings?.map((s) => s.value), ['echo', 'a "b" \\ c', 'x\ty']);
    assert.deepStrictEqual(cmd.jsonStrings?.map((s) => t.slice(s.span.start, s.span.end)), ['"echo"', '"a \\"b\\" \\\\ c"', '"x\\ty"']);
    const pipes = analyse(t).filter((f) => f.ruleId === 'dockerfile/curl-pipe-shell');
    assert.strictEqual(pipes.length, 1);
    assert.strictEqual(pipes[0].range.start.line, 1);
  });
  it('places the words of an exec-form script where they are written, escapes and all, so fixes land on them', () => {
    const t = 'FROM alpine:3.20\nRUN ["sh", "-c", "echo \\"hi\\" \\u0026\\u0026 apk add curl"]\nUSER app\n';
    const f = analyse(t).find((x) => x.ruleId === 'dockerfile/apk-no-cache');
    assert.ok(f, 'apk add is found in the script');
    const fixed = applyEdits(t, f.fixes[0].edits);
    assert.strictEqual(fixed, 'FROM alpine:3.20\nRUN ["sh", "-c", "echo \\"hi\\" \\u0026\\u0026 apk add --no-cache curl"]\nUSER app\n');
    assert.deepStrictEqual(JSON.parse(fixed.split('\n')[1].slice(4)), ['sh', '-c', 'echo "hi" && apk add --no-cache curl']);
  });
  it('adds an option to an exec-form argv as one more JSON string', () => {
    const t = 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]\nRUN ["pip", "install", "flask"]\nUSER app\n';
    const fixes = analyse(t).filter((x) => x.ruleId === 'dockerfile/apk-no-cache' || x.ruleId === 'dockerfile/pip-no-cache-dir');
    assert.strictEqual(fixes.length, 2);
    const fixed = applyEdits(t, fixes.flatMap((f) => f.fixes[0].edits));
    assert.strictEqual(fixed, 'FROM alpine:3.20\nRUN ["apk", "add", "--no-cache", "curl"]\nRUN ["pip", "install", "--no-cache-dir", "flask"]\nUSER app\n');
    assert.deepStrictEqual(analyse(fixed).filter((x) => x.ruleId === 'dockerfile/apk-no-cache' || x.ruleId === 'dockerfile/pip-no-cache-dir'), []);
  });
  it('reads heredoc scripts and ignores heredoc data', () => {
    const t = 'FROM alpine:3.20\nRUN <<EOF\nsudo true\nEOF\nRUN cat <<EOF > /etc/motd\nsudo is not a command here\nEOF\n';
    const ids = analyse(t).filter((f) => f.ruleId === 'dockerfile/sudo');
    assert.strictEqual(ids.length, 1);
    assert.strictEqual(ids[0].range.start.line, 2);
  });
  it('detects base image families', () => {
    assert.strictEqual(familyOf('python', '3.12-alpine'), 'alpine');
    assert.strictEqual(familyOf('python', '3.12-slim'), 'debian');
    assert.strictEqual(familyOf('public.ecr.aws/amazonlinux/amazonlinux', '2023'), 'redhat');
    assert.strictEqual(familyOf('registry.access.redhat.com/ubi9/ubi-minimal', '9.4'), 'redhat');
    assert.strictEqual(familyOf('gcr.io/distroless/base-debian12', undefined), 'distroless');
    assert.strictEqual(familyOf('scratch', undefined), 'scratch');
    assert.strictEqual(familyOf('example.com/custom/base', '1'), 'unknown');
  });
});

const HARDENED = `# syntax=docker/dockerfile:1.7
FROM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build
WORKDIR /src
COPY requirements.txt .
RUN pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
RUN apt-get update \\
 && apt-get install -y --no-install-recommends curl \\
 && rm -rf /var/lib/apt/lists/* \\
 && groupadd --system app && useradd --system --gid app --no-create-home app
COPY --from=build /install /usr/local
COPY --chown=app:app src/ /app/
WORKDIR /app
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["python", "-m", "app"]
`;

describe('dockerfile rules', () => {
  it('a hardened Dockerfile yields no warning or error', () => {
    const bad = analyse(HARDENED).filter((f) => f.severity !== 'info');
    assert.deepStrictEqual(bad.map((f) => `${f.range.start.line + 1} ${f.ruleId}`), []);
  });
  it('applying every fix twice equals applying it once', () => {
    const t = 'FROM alpine\nADD a /a\nRUN apk add curl && pip install x && chmod 777 /a\nENTRYPOINT /a\nCMD ["x"]\nCMD ["y"]\n';
    const fixOnce = (s: string): string => {
      for (let i = 0; i < 10; i++) {
        const fs = analyse(s).filter((f) => f.fixes.length && f.fixes[0].safety !== 'manual');
        const edits = [];
        const taken: { start: number; end: number }[] = [];
        for (const f of fs) {
          const es = f.fixes[0].edits;
          if (es.some((e) => taken.some((x) => (e.start < x.end && x.start < e.end) || (e.start === x.start && e.start === e.end && x.start === x.end)))) continue;
          edits.push(...es);
          taken.push(...es);
        }
        if (!edits.length) return s;
        s = applyEdits(s, edits);
      }
      return s;
    };
    const once = fixOnce(t);
    assert.notStrictEqual(once, t);
    assert.strictEqual(fixOnce(once), once);
    assert.ok(!analyse(once).some((f) => f.ruleId === 'bulkhead/not-analysed'));
  });
  it('random and mutated Dockerfiles never throw', () => {
    const pieces = ['FROM ', 'alpine', ':latest', ' AS x', '\n', 'RUN ', 'sudo ', 'curl a | sh', ' \\\n', '<<EOF\n', 'EOF\n', 'USER ', 'root', '0:0', 'ENV ', 'A=', '"', "'", '[', ']', '#', ' escape=`', '`', '--mount=type=cache,target=/x ', 'COPY --from=x ', 'ADD ', 'http://x', 'apt-get install', ' -y', '$', '{', '}', 'chmod 777 ', 'EXPOSE 22', 'WORKDIR a', 'CMD ', 'ENTRYPOINT ', 'HEALTHCHECK ', '\r\n', '\t', 'é', '\u0000'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 60 }), (parts) => {
        const t = parts.join('');
        const r = analyzeText(t, { path: 'Dockerfile' });
        for (const f of r.findings) {
          assert.ok(f.span.start <= f.span.end && f.span.end <= t.length);
          for (const fix of f.fixes) applyEdits(t, fix.edits);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('mutations of the hardened Dockerfile never throw and fixes re-parse', () => {
    fc.assert(
      fc.property(fc.nat(HARDENED.length), fc.nat(40), fc.string({ maxLength: 8 }), (at, del, ins) => {
        const t = HARDENED.slice(0, at) + ins + HARDENED.slice(at + del);
        for (const f of analyse(t)) for (const fix of f.fixes) analyzeText(applyEdits(t, fix.edits), { path: 'Dockerfile' });
      }),
      { numRuns: 300 },
    );
  });
});
