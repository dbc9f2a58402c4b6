import { dockerfileRule } from './_util';

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|tlz)$/i;
export const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

export default dockerfileRule(
  {
    id: 'dockerfile/add-instead-of-copy',
    title: 'ADD used to copy local files',
    severity: 'warning',
    description:
      '`ADD` does more than copy: it unpacks local archives and fetches URLs. Used for plain files it hides that behaviour from reviewers, and a file ' +
      'that later turns into an archive is silently extracted into the image. `COPY` does only what it says.',
    remediation: 'Use `COPY` for local files and folders; keep `ADD` only to unpack a local archive.',
    equivalents: ['DL3020', 'CKV_DOCKER_4', 'DS-0005'],
    fix: 'safe',
  },
  (m, ctx) => {
    for (const ins of m.instructions) {
      if (ins.keyword !== 'ADD' || ins.stage < 0) continue;
      const srcs = (ins.json && ins.jsonStrings ? ins.jsonStrings : ins.args).slice(0, -1);
      if (srcs.length === 0) continue;
      if (srcs.some((s) => REMOTE.test(s.value) || ARCHIVE.test(s.value) || s.value.includes('$') || s.value.startsWith('<<'))) continue;
      const copyable = ins.flags.every((f) => ['chown', 'chmod', 'link', 'exclude', 'parents'].includes(f.name));
      const kw = m.text.slice(ins.keywordSpan.start, ins.keywordSpan.end);
      ctx.report({
        span: ins.keywordSpan,
        message: `ADD copies local ${srcs.length === 1 ? `"${srcs[0].value}"` : 'files'}: use COPY, which does not unpack archives or fetch URLs.`,
        fixes: copyable ? [{ title: 'Use COPY', safety: 'safe', edits: [{ start: ins.keywordSpan.start, end: ins.keywordSpan.end, newText: kw === kw.toLowerCase() ? 'copy' : 'COPY' }] }] : [],
      });
    }
  },
);
