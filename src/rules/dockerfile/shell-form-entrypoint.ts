import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/shell-form-entrypoint',
    title: 'ENTRYPOINT in shell form',
    severity: 'warning',
    description:
      'A shell-form `ENTRYPOINT` runs as `/bin/sh -c "…"`: the shell is PID 1 and does not forward SIGTERM, so the application is killed without ' +
      'a graceful shutdown after the stop timeout, and `CMD` arguments are silently ignored.',
    remediation: 'Use the exec (JSON) form: `ENTRYPOINT ["/app/server", "--flag"]`, or `exec` the program from a script.',
    equivalents: ['DL3025', 'JSONArgsRecommended'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    const st = m.finalStage;
    if (!st) return;
    for (const ins of st.instructions) {
      if (ins.keyword !== 'ENTRYPOINT' || ins.json || ins.args.length === 0) continue;
      const words = ins.args.map((a) => a.value);
      if (words[0] === 'exec') continue;
      const simple = ins.line === ins.endLine && words.every((w) => /^[A-Za-z0-9_./:=@%+,-]+$/.test(w));
      const start = ins.args[0].span.start;
      const end = ins.args[ins.args.length - 1].span.end;
      ctx.report({
        span: { start: ins.keywordSpan.start, end },
        message: 'ENTRYPOINT in shell form runs under /bin/sh, which does not forward stop signals to the application.',
        fixes: simple ? [{ title: 'Use the exec (JSON) form', safety: 'unsafe', edits: [{ start, end, newText: JSON.stringify(words).replace(/","/g, '", "') }] }] : [],
      });
    }
  },
);
