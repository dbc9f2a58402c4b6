import type { Span } from '../../core';
import { asSeq, get, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';

/** git-sync v4 and v3 names of the setting that replaces the git binary it runs. */
const GIT_ENV = new Set(['GITSYNC_GIT', 'GIT_SYNC_GIT']);
const GIT_FLAG = /^--?git(?:=|$)/;

export default k8sRule(
  {
    slug: 'git-sync-custom-git',
    title: 'git-sync is told to run a custom git executable',
    severity: 'warning',
    description:
      'git-sync runs whatever program `GITSYNC_GIT` (v3: `GIT_SYNC_GIT`, or the `--git` flag) names as its git binary. Anyone who can edit the workload, or ' +
      'write to the volume the path points into, gets code execution in the sync container, next to the repository credentials it holds ' +
      '(the 2024 git-sync command-injection research).',
    remediation: 'Remove `GITSYNC_GIT` / `--git` and let git-sync use the git binary shipped in its image.',
    equivalents: ['CKV_K8S_159'],
  },
  (m, report) => {
    for (const pod of m.pods) {
      for (const kc of pod.containers) {
        const hits: { span: Span; what: string }[] = [];
        for (const e of kc.spec.env) {
          if (e.name.known && e.name.value && GIT_ENV.has(e.name.value)) hits.push({ span: e.name.span, what: `sets ${e.name.value}` });
        }
        const image = kc.spec.image?.known ? kc.spec.image.value ?? '' : '';
        if (/git-sync/.test(image)) {
          for (const list of ['command', 'args']) {
            for (const item of asSeq(get(kc.node, list))?.items ?? []) {
              const s = readString(item);
              if (s?.known && GIT_FLAG.test(s.value)) hits.push({ span: nodeSpan(item as Node), what: `passes ${s.value.split('=')[0]}` });
            }
          }
        }
        for (const h of hits) {
          report({ span: h.span, message: `${containerLabel(kc)} ${h.what}: git-sync will execute that program instead of its own git.` });
        }
      }
    }
  },
);
