import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/expose-ssh',
    title: 'SSH port 22 exposed',
    severity: 'warning',
    description:
      'Exposing port 22 means the image is meant to run an SSH server: another long-lived credential store and login surface inside the container, ' +
      'one that bypasses the orchestrator\'s access control and audit (use `kubectl exec` or ECS Exec instead).',
    remediation: 'Remove port 22 from `EXPOSE` and the SSH server from the image; use `kubectl exec`, ECS Exec or SSM Session Manager to get a shell.',
    equivalents: ['CKV_DOCKER_1', 'DS-0004'],
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const a of ins.args) {
        const r = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(a.value);
        if (!r) continue;
        const lo = Number(r[1]);
        const hi = r[2] ? Number(r[2]) : lo;
        if (lo <= 22 && 22 <= hi) ctx.report({ span: a.span, message: `EXPOSE ${a.value} exposes the SSH port 22.` });
      }
    }
  },
);
