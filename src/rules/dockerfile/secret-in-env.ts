import { detectSecret, redact } from '../../core/secrets';
import { dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/secret-in-env',
    title: 'Secret in ENV or ARG',
    severity: 'warning',
    description:
      'Values set with `ENV` are stored in the image configuration and visible to anyone who can pull the image (`docker inspect`); `ARG` values ' +
      'are recorded in the image history and the build cache. A secret written in the Dockerfile is also in source control. AWS keys there give ' +
      'away the account.',
    remediation:
      'Pass build-time secrets with a BuildKit secret mount (`RUN --mount=type=secret,id=…`) and runtime secrets from a secret store (ECS `secrets`, Kubernetes Secrets); use an IAM role instead of AWS keys.',
    equivalents: ['DL3064', 'DS-0031', 'SecretsUsedInArgOrEnv'],
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const p of ins.properties ?? []) {
        const v = detectSecret(p.name, p.value === null ? undefined : p.value);
        if (!v) continue;
        const shown = p.value ? ` (${redact(p.value)})` : '';
        ctx.report({
          span: p.valueSpan && p.value ? p.valueSpan : p.nameSpan,
          message:
            ins.keyword === 'ENV'
              ? `ENV ${p.name} holds a secret${shown}: it is stored in the image for anyone who can pull it (${v.reason}).`
              : `ARG ${p.name} carries a secret${shown}: build arguments are recorded in the image history (${v.reason}).`,
          severity: v.aws ? 'error' : 'warning',
          data: { kind: v.kind },
        });
      }
    }
  },
);
