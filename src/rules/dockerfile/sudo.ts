import { commands, dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/sudo',
    title: 'sudo used in RUN',
    severity: 'warning',
    description:
      '`sudo` in a Dockerfile means the image ships sudo and a user allowed to use it, so anything running as that user can become root; its ' +
      'TTY and signal handling also behave unpredictably in containers.',
    remediation: 'Run the privileged steps before switching `USER`, or with `USER root` followed by `USER <app>`; use `gosu`/`su-exec` for a runtime step-down.',
    equivalents: ['DL3004', 'CKV2_DOCKER_1', 'DS-0010'],
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const c of commands(ins)) {
        const w = c.words.find((x, i) => x.value === 'sudo' && c.words.slice(0, i).every((y) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(y.value) || y.value === 'exec'));
        if (w) ctx.report({ span: { start: w.start, end: w.end }, message: 'RUN uses sudo: run the step as root with USER instead, and keep sudo out of the image.' });
      }
    }
  },
);
