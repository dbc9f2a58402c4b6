import { detectSecret, redact } from '../../core/secrets';
import type { Span } from '../../core';
import { programOf } from '../../formats/dockerfile/shell';
import { commands, dockerfileRule } from './_util';

const PLACEHOLDER = /^(\$|<|\{\{)/;

export default dockerfileRule(
  {
    id: 'dockerfile/secret-in-run',
    title: 'Password or key on a RUN line',
    severity: 'warning',
    description:
      'A RUN command line is stored in the image history (`docker history`) and the build cache, and the Dockerfile is in source control: ' +
      'a password passed with `--password`, `-p…` or an inline variable assignment is readable by anyone with the image or the repository.',
    remediation:
      'Mount the secret for the one command that needs it (`RUN --mount=type=secret,id=pw … --password-stdin < /run/secrets/pw`) instead of writing it on the command line.',
    equivalents: [],
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const cmd of commands(ins)) {
        const w = cmd.words;
        const p = programOf(cmd);
        const prog = p?.name ?? '';
        const sub = p ? w.slice(p.index + 1).find((x) => !x.value.startsWith('-'))?.value : undefined;
        const found = (span: Span, message: string, aws: boolean): void =>
          ctx.report({ span, message, severity: aws ? 'error' : 'warning' });
        for (let i = 0; i < w.length; i++) {
          const v = w[i].value;
          // NAME=value assignments (before the program, or after export)
          const a = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
          if (a && (!p || i < p.index || prog === 'export')) {
            const s = detectSecret(a[1], a[2]);
            if (s && a[2] && !PLACEHOLDER.test(a[2])) found({ start: w[i].start, end: w[i].end }, `RUN sets ${a[1]} to a secret (${redact(a[2])}) on the command line (${s.reason}).`, s.aws);
            continue;
          }
          // --password=value / --password value
          const pw = /^--(password|passwd|pass|db-password|admin-password)(=(.*))?$/i.exec(v);
          if (pw && !/-stdin$/.test(v)) {
            const val = pw[2] !== undefined ? pw[3] : w[i + 1]?.value;
            if (val && !PLACEHOLDER.test(val) && !val.startsWith('-')) {
              const end = pw[2] !== undefined ? w[i].end : w[i + 1].end;
              found({ start: w[i].start, end }, `RUN passes a password on the command line (${v.split('=')[0]}).`, false);
            }
            continue;
          }
          // docker/podman/helm login -p value
          if (v === '-p' && /^(docker|podman|buildah|skopeo|helm|oras)$/.test(prog) && (sub === 'login' || w.some((x) => x.value === 'login'))) {
            const val = w[i + 1]?.value;
            if (val && !PLACEHOLDER.test(val)) found({ start: w[i].start, end: w[i + 1].end }, `RUN passes a registry password to "${prog} login" with -p.`, false);
            continue;
          }
          // mysql -psecret
          if (/^-p[^\s]+$/.test(v) && /^(mysql|mysqladmin|mysqldump|mariadb|mariadb-dump)$/.test(prog) && !PLACEHOLDER.test(v.slice(2))) {
            found({ start: w[i].start, end: w[i].end }, `RUN passes a password to ${prog} with -p.`, false);
            continue;
          }
          // values shaped like credentials anywhere
          if (v.length >= 16) {
            const s = detectSecret(undefined, v);
            if (s && s.kind !== 'generic') found({ start: w[i].start, end: w[i].end }, `RUN line holds a credential (${s.reason}).`, s.aws);
          }
        }
      }
    }
  },
);
