import { commands, dockerfileRule, hasCacheMount, imageStages, invocations } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/apt-lists-not-cleaned',
    title: 'apt package lists left in the image',
    severity: 'info',
    strict: 'Package lists only make the image bigger: image-size hygiene.',
    description:
      '`apt-get update` downloads package lists into /var/lib/apt/lists; unless the same RUN deletes them they stay in the layer, adding tens of ' +
      'megabytes and stale metadata to the final image.',
    remediation: 'End the RUN that installs packages with `&& rm -rf /var/lib/apt/lists/*`, or use a BuildKit cache mount for /var/lib/apt.',
    equivalents: ['DL3009'],
  },
  (m, ctx) => {
    for (const inv of invocations(imageStages(m), /^(apt-get|apt)$/)) {
      if (inv.sub?.value !== 'install') continue;
      if (hasCacheMount(inv.ins, /target=\/var\/lib\/apt/)) continue;
      const cleaned = commands(inv.ins).some((c) => c.words.some((w) => /^\/?var\/lib\/apt\/lists/.test(w.value)) && c.words.some((w) => w.value === 'rm'));
      if (cleaned) continue;
      ctx.report({ span: { start: inv.prog.start, end: inv.sub.end }, message: `${inv.name} install leaves /var/lib/apt/lists in the layer: remove it in the same RUN.` });
    }
  },
);
