import { commands, dockerfileRule, hasCacheMount, hasWord, imageStages, insertAfter, invocations } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/apk-no-cache',
    title: 'apk add without --no-cache',
    severity: 'info',
    strict: 'Package caches only make the image bigger: image-size hygiene.',
    description:
      'Without `--no-cache`, `apk add` keeps the package index in /var/cache/apk, so the layer carries stale metadata and extra megabytes into the ' +
      'final image. `--no-cache` fetches the index and discards it in one step.',
    remediation: 'Use `apk add --no-cache …` (it replaces a separate `apk update` and `rm -rf /var/cache/apk/*`).',
    equivalents: ['DL3019', 'DS-0025'],
    fix: 'safe',
  },
  (m, ctx) => {
    for (const inv of invocations(imageStages(m), /^apk$/)) {
      if (inv.sub?.value !== 'add') continue;
      if (hasWord(inv.rest, /^--no-cache$/) || hasCacheMount(inv.ins, /target=\/(var\/)?(cache\/apk|etc\/apk\/cache)/)) continue;
      if (commands(inv.ins).some((c) => c.words.some((w) => w.value === 'rm') && c.words.some((w) => /^\/?var\/cache\/apk/.test(w.value)))) continue;
      ctx.report({
        span: { start: inv.prog.start, end: inv.sub.end },
        message: 'apk add without --no-cache leaves the package index in the image.',
        fixes: [{ title: 'Add --no-cache', safety: 'safe', edits: [insertAfter(inv.sub, '--no-cache')] }],
      });
    }
  },
);
