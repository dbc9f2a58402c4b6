import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/insecure-run',
    title: 'RUN with --security=insecure',
    severity: 'error',
    description:
      '`RUN --security=insecure` runs the step as a privileged container on the build host (it needs the `security.insecure` entitlement): the ' +
      'command and everything it downloads can take over the builder, its cache and the credentials it holds.',
    remediation: 'Remove `--security=insecure`; do the step that needs privileges outside the image build, or in a sandboxed builder.',
    equivalents: [],
    fix: 'unsafe',
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const f of ins.flags) {
        if (f.name !== 'security' || (f.value ?? '').toLowerCase() !== 'insecure') continue;
        let end = f.span.end;
        while (end < m.text.length && (m.text[end] === ' ' || m.text[end] === '\t')) end++;
        ctx.report({
          span: f.span,
          message: 'RUN --security=insecure runs this step privileged on the build host.',
          fixes: [{ title: 'Remove --security=insecure', safety: 'unsafe', edits: [{ start: f.span.start, end, newText: '' }] }],
        });
      }
    }
  },
);
