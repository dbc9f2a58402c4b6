import { commands, dockerfileRule, invocations } from './_util';
import { programOf } from '../../formats/dockerfile/shell';

const INSTALL: Record<string, RegExp> = {
  'apt-get': /^(install|upgrade|dist-upgrade|full-upgrade)$/,
  apt: /^(install|upgrade|dist-upgrade|full-upgrade)$/,
  apk: /^(add|upgrade)$/,
  yum: /^(install|upgrade|update)$/,
  dnf: /^(install|upgrade)$/,
  microdnf: /^(install|upgrade)$/,
  zypper: /^(install|in|update|up)$/,
};

export default dockerfileRule(
  {
    id: 'dockerfile/update-alone',
    title: 'Package index updated in a RUN of its own',
    severity: 'warning',
    description:
      'A RUN that only refreshes the package index (`apt-get update`, `apk update`) is cached as its own layer: later builds reuse the stale index, ' +
      'and the install in the next RUN can fetch outdated, vulnerable package versions, or fail.',
    remediation: 'Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*`.',
    equivalents: ['CKV_DOCKER_5', 'DS-0017'],
  },
  (m, ctx) => {
    for (const inv of invocations(m.stages, /^(apt-get|apt|apk|zypper)$/)) {
      if (!inv.sub || !/^(update|refresh|ref)$/.test(inv.sub.value)) continue;
      if (inv.name === 'apk' && inv.rest.some((w) => w.value === '--no-cache')) continue;
      const installs = commands(inv.ins).some((c) => {
        const p = programOf(c);
        if (!p || !(p.name in INSTALL)) return false;
        const sub = c.words.slice(p.index + 1).find((w) => !w.value.startsWith('-'));
        return !!sub && INSTALL[p.name].test(sub.value);
      });
      if (installs) continue;
      ctx.report({ span: { start: inv.prog.start, end: inv.sub.end }, message: `${inv.name} ${inv.sub.value} runs alone: the cached layer keeps a stale index for later installs.` });
    }
  },
);
