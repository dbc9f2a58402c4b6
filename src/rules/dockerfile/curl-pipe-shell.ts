import { programOf } from '../../formats/dockerfile/shell';
import { commands, dockerfileRule } from './_util';

const SHELL = /^(sh|bash|ash|dash|zsh|ksh|fish|python[0-9.]*|perl|ruby|node)$/;
const FETCH = /^(curl|wget|fetch|iwr|Invoke-WebRequest)$/;

export default dockerfileRule(
  {
    id: 'dockerfile/curl-pipe-shell',
    title: 'Download piped into a shell',
    severity: 'warning',
    description:
      '`curl … | sh` runs whatever the server sends, unverified, as the build user (often root). A compromised host, a hijacked DNS name or a ' +
      'truncated download runs arbitrary code in your image, and the script can change between two builds of the same Dockerfile.',
    remediation: 'Download the script or binary to a file, verify it (`sha256sum -c`, a signature), then run it; or install from a package manager.',
    equivalents: [],
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const cmds = commands(ins);
      for (let i = 0; i < cmds.length; i++) {
        const c = cmds[i];
        const p = programOf(c);
        if (!p) continue;
        // sh -c "$(curl …)" / bash <(curl …)
        if (SHELL.test(p.name) && c.words.slice(p.index + 1).some((w) => /(\$\(|<\(|`)\s*(curl|wget)\b/.test(m.text.slice(w.start, w.end)))) {
          ctx.report({ span: { start: c.words[p.index].start, end: c.end }, message: `RUN runs a downloaded script with ${p.name} without verifying it.` });
          continue;
        }
        if (!FETCH.test(p.name) || c.op !== '|') continue;
        for (let j = i + 1; j < cmds.length && cmds[j].pipeline === c.pipeline; j++) {
          const q = programOf(cmds[j]);
          if (q && SHELL.test(q.name)) {
            ctx.report({ span: { start: c.words[p.index].start, end: cmds[j].words[q.index].end }, message: `RUN pipes a download from ${p.name} into ${q.name}: the script runs unverified.` });
            break;
          }
        }
      }
    }
  },
);
