import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/add-url-without-checksum',
    title: 'ADD downloads a URL without a checksum',
    severity: 'warning',
    description:
      '`ADD <url>` fetches whatever the server returns at build time, over a connection the build cannot verify further: a compromised or ' +
      'hijacked download ends up in the image unnoticed. BuildKit can verify the content with `--checksum`.',
    remediation: 'Add `--checksum=sha256:<digest>` to the ADD (Dockerfile syntax 1.6+), or download with curl in a RUN and verify the file with `sha256sum -c`.',
    equivalents: ['CKV_DOCKER_4'],
    fix: 'manual',
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'ADD' || ins.stage < 0) continue;
      if (ins.flags.some((f) => f.name === 'checksum')) continue;
      const srcs = (ins.json && ins.jsonStrings ? ins.jsonStrings : ins.args).slice(0, -1);
      const url = srcs.find((s) => /^https?:\/\//i.test(s.value));
      if (!url) continue;
      const at = ins.keywordSpan.end;
      const text = ' --checksum=sha256:<digest>';
      const ph = at + text.indexOf('<digest>');
      ctx.report({
        span: url.span,
        message: `ADD downloads "${url.value}" without --checksum: the content is not verified.`,
        fixes: [{ title: 'Add --checksum', safety: 'manual', edits: [{ start: at, end: at, newText: text }], placeholders: [{ start: ph, end: ph + '<digest>'.length }] }],
      });
    }
  },
);
