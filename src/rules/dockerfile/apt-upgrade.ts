import { dockerfileRule, invocations } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/apt-upgrade',
    title: 'apt-get upgrade in a Dockerfile',
    severity: 'info',
    strict: 'Upgrading in the build is a reproducibility concern, not a vulnerability.',
    description:
      '`apt-get upgrade`/`dist-upgrade` inside a build makes the image depend on the day it was built rather than on its base, so two builds of ' +
      'the same Dockerfile differ, and it can pull in packages the base image deliberately leaves out. Patches belong in a newer base image.',
    remediation: 'Rebuild on a newer, patched base image (pinned by tag or digest) instead of upgrading packages in the Dockerfile.',
    equivalents: ['DL3005', 'DS-0024'],
  },
  (m, ctx) => {
    for (const inv of invocations(m.stages, /^(apt-get|apt)$/)) {
      if (!inv.sub || !/^(upgrade|dist-upgrade|full-upgrade)$/.test(inv.sub.value)) continue;
      ctx.report({ span: { start: inv.prog.start, end: inv.sub.end }, message: `${inv.name} ${inv.sub.value} makes the image depend on the build date rather than the base image.` });
    }
  },
);
