import { dockerfileRule, hasWord, imageStages, insertAfter, invocations } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/apt-no-install-recommends',
    title: 'apt-get install without --no-install-recommends',
    severity: 'info',
    strict: 'Recommended packages only make the image bigger: image-size hygiene.',
    description:
      'By default apt installs every "recommended" package as well, often tens of packages the application never uses. Each one is more code ' +
      'to patch and more tools for an attacker inside the container, and a larger image to scan and pull.',
    remediation: 'Add `--no-install-recommends` to `apt-get install` and list explicitly the packages you need.',
    equivalents: ['DL3015', 'DS-0029'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    for (const inv of invocations(imageStages(m), /^(apt-get|apt)$/)) {
      if (inv.sub?.value !== 'install') continue;
      if (hasWord(inv.rest, /^--no-install-recommends$|Install-Recommends=(false|0|no)/i)) continue;
      ctx.report({
        span: { start: inv.prog.start, end: inv.sub.end },
        message: `${inv.name} install without --no-install-recommends also installs recommended packages.`,
        fixes: [{ title: 'Add --no-install-recommends', safety: 'unsafe', edits: [insertAfter(inv.sub, '--no-install-recommends')] }],
      });
    }
  },
);
