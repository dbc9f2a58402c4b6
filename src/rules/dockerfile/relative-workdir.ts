import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/relative-workdir',
    title: 'Relative WORKDIR',
    severity: 'info',
    strict: 'A relative WORKDIR is a readability and correctness concern, not security.',
    description:
      'A relative `WORKDIR` resolves against whatever the previous working directory was — often `/` inherited from the base image — so files land ' +
      'in unexpected places (`/app` one day, `/root/app` after a base image change), and permission or cleanup steps miss them.',
    remediation: 'Use an absolute path: `WORKDIR /app`.',
    equivalents: ['DS-0009', 'CKV_DOCKER_10', 'WorkdirRelativePath'],
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'WORKDIR') continue;
      const a = ins.args[0];
      if (!a) continue;
      const v = a.value.replace(/^["']|["']$/g, '');
      if (v.startsWith('/') || v.startsWith('$') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\')) continue;
      ctx.report({ span: { start: a.span.start, end: ins.args[ins.args.length - 1].span.end }, message: `WORKDIR ${v} is relative: it depends on the previous working directory.` });
    }
  },
);
