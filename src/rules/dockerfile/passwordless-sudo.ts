import { dockerfileRule, imageStages } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/passwordless-sudo',
    title: 'Image grants passwordless sudo',
    severity: 'warning',
    description:
      'A sudoers entry with `NOPASSWD` lets the user it names become root without a password: whatever runs as that user in the container ' +
      '(the application, or code injected into it) is root whenever it asks, which undoes the non-root `USER`.',
    remediation: 'Do the steps that need root in the build, before `USER`; do not ship sudo rules in the image (use `gosu`/`su-exec` for a runtime step-down).',
    equivalents: [],
  },
  (m, ctx) => {
    // only stages whose layers end up in the image
    for (const st of imageStages(m)) {
      for (const ins of st.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const { text, start } = ins.body;
        for (let at = text.indexOf('NOPASSWD'); at >= 0; at = text.indexOf('NOPASSWD', at + 8)) {
          ctx.report({ span: { start: start + at, end: start + at + 8 }, message: 'RUN writes a NOPASSWD sudo rule: the user it names can become root without a password.' });
        }
      }
    }
  },
);
