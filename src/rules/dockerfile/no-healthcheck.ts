import { dockerfileRule, imageStages, instructionsOf } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/no-healthcheck',
    title: 'No HEALTHCHECK in the final stage',
    severity: 'info',
    strict: 'A health check is operability, not security; orchestrators usually define their own.',
    description:
      'Without a health check, Docker and ECS only see whether the process is running, not whether it still serves: a hung or compromised ' +
      'service keeps receiving traffic. (Kubernetes ignores HEALTHCHECK and uses probes instead; then set `HEALTHCHECK NONE` to say so.)',
    remediation: 'Add `HEALTHCHECK CMD …` to the final stage (or `HEALTHCHECK NONE` when the orchestrator checks health itself).',
    equivalents: ['CKV_DOCKER_2', 'DS-0026', 'DL3057'],
  },
  (m, ctx) => {
    const st = m.finalStage;
    if (!st) return;
    if (instructionsOf(imageStages(m), 'HEALTHCHECK').length) return;
    ctx.report({ span: st.from.keywordSpan, message: 'The final stage has no HEALTHCHECK instruction.' });
  },
);
