import { dockerfileRule, hasCacheMount, hasWord, imageStages, insertAfter, invocations } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/pip-no-cache-dir',
    title: 'pip install without --no-cache-dir',
    severity: 'info',
    strict: 'The pip cache only makes the image bigger: image-size hygiene.',
    description:
      'pip keeps every downloaded wheel in ~/.cache/pip; inside an image build that cache is never reused but stays in the layer, often adding ' +
      'hundreds of megabytes to the final image.',
    remediation: 'Use `pip install --no-cache-dir …`, set `ENV PIP_NO_CACHE_DIR=1`, or use a BuildKit cache mount for /root/.cache/pip.',
    equivalents: ['DL3042'],
    fix: 'safe',
  },
  (m, ctx) => {
    const stages = imageStages(m);
    const envOff = stages.some((s) => s.instructions.some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && (i.properties ?? []).some((p) => /^PIP_NO_CACHE_DIR$/i.test(p.name) && p.value !== null && !/^(0|false|no|off)$/i.test(p.value))));
    if (envOff) return;
    for (const inv of invocations(stages, /^(pip[0-9.]*|python[0-9.]*|uv)$/)) {
      let words = inv.rest;
      if (inv.name.startsWith('python')) {
        const i = words.findIndex((w) => w.value === '-m');
        if (i < 0 || !/^pip[0-9.]*$/.test(words[i + 1]?.value ?? '')) continue;
        words = words.slice(i + 2);
      } else if (inv.name === 'uv') {
        continue;
      }
      const sub = words.find((w) => !w.value.startsWith('-'));
      if (sub?.value !== 'install') continue;
      if (hasWord(words, /^--no-cache-dir$|^--no-cache$/) || hasCacheMount(inv.ins, /target=[^,]*\.cache(\/pip)?/)) continue;
      ctx.report({
        span: { start: inv.prog.start, end: sub.end },
        message: 'pip install without --no-cache-dir leaves its download cache in the image.',
        fixes: [{ title: 'Add --no-cache-dir', safety: 'safe', edits: [insertAfter(sub, '--no-cache-dir')] }],
      });
    }
  },
);
