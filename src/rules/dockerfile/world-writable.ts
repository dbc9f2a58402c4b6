import type { TextEdit } from '../../core';
import { dockerfileRule, invocations } from './_util';

/** Octal modes with write for others (and no sticky bit, which /tmp-like folders need). */
function octalWritable(mode: string): boolean {
  if (!/^[0-7]{3,4}$/.test(mode)) return false;
  const d = mode.padStart(4, '0');
  if (/[1357]/.test(d[0])) return false; // sticky bit: shared folders such as /tmp
  return /[2367]/.test(d[3]);
}

function tighten(mode: string): string {
  const d = mode.split('');
  const last = Number(d[d.length - 1]);
  d[d.length - 1] = String(last & 5);
  if (d.length >= 2) d[d.length - 2] = String(Number(d[d.length - 2]) & 5);
  return d.join('');
}

export default dockerfileRule(
  {
    id: 'dockerfile/world-writable',
    title: 'World-writable file mode',
    severity: 'warning',
    description:
      'A file or folder every user may write (`chmod 777`, `o+w`) lets any process in the container — including one running as an unprivileged ' +
      'user after an exploit — replace binaries, scripts or configuration that a more privileged process later runs.',
    remediation: 'Grant write access only to the owner (e.g. `chmod 755` / `644`, or `chown` the path to the user that writes it).',
    equivalents: [],
    fix: 'unsafe',
  },
  (m, ctx) => {
    for (const inv of invocations(m.stages, /^chmod$/)) {
      const mode = inv.rest.find((w) => !/^--?[A-Za-z]/.test(w.value) || /^-[rwxXst]+$/.test(w.value));
      if (!mode) continue;
      const v = mode.value;
      if (octalWritable(v)) {
        const edits: TextEdit[] = m.text.slice(mode.start, mode.end) === v ? [{ start: mode.start, end: mode.end, newText: tighten(v) }] : [];
        ctx.report({
          span: { start: inv.prog.start, end: mode.end },
          message: `chmod ${v} makes the path writable by every user.`,
          fixes: edits.length ? [{ title: `Use mode ${tighten(v)}`, safety: 'unsafe', edits }] : [],
        });
      } else if (v.split(',').some((c) => /^[ugoa]*[oa][ugoa]*[+=][rwxXst]*w/.test(c))) {
        ctx.report({ span: { start: inv.prog.start, end: mode.end }, message: `chmod ${v} makes the path writable by every user.` });
      }
    }
    for (const ins of m.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const f = ins.flags.find((x) => x.name === 'chmod');
      if (!f || !f.value || !f.valueSpan || !octalWritable(f.value)) continue;
      ctx.report({
        span: f.span,
        message: `${ins.keyword} --chmod=${f.value} makes the copied files writable by every user.`,
        fixes: [{ title: `Use mode ${tighten(f.value)}`, safety: 'unsafe', edits: [{ start: f.valueSpan.start, end: f.valueSpan.end, newText: tighten(f.value) }] }],
      });
    }
  },
);
