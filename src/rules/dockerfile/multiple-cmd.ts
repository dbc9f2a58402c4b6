import { deleteLines, dockerfileRule } from './_util';

export default dockerfileRule(
  {
    id: 'dockerfile/multiple-cmd',
    title: 'More than one CMD or ENTRYPOINT in a stage',
    severity: 'info',
    strict: 'A second CMD is a correctness slip without security consequence.',
    description:
      'Only the last `CMD` and the last `ENTRYPOINT` of a stage take effect. Earlier ones are dead code that reviewers read as if they ran — a ' +
      'security wrapper, a privilege drop or a hardened start command that silently never runs.',
    remediation: 'Keep one `CMD` and one `ENTRYPOINT` per stage.',
    equivalents: ['DS-0016', 'DS-0007', 'DL4003', 'DL4004', 'MultipleInstructionsDisallowed'],
    fix: 'safe',
  },
  (m, ctx) => {
    for (const st of m.stages) {
      for (const kw of ['CMD', 'ENTRYPOINT']) {
        const list = st.instructions.filter((i) => i.keyword === kw);
        for (const ins of list.slice(0, -1)) {
          // delete only when the instruction has its lines to itself
          const own = m.lines.lineText(ins.line).trimStart().toUpperCase().startsWith(kw) && m.text.slice(ins.span.end, m.lines.lineEnd(ins.endLine)).trim() === '';
          ctx.report({
            span: ins.keywordSpan,
            message: `This ${kw} has no effect: a later ${kw} in the same stage replaces it (line ${list[list.length - 1].line + 1}).`,
            fixes: own ? [{ title: `Remove the ineffective ${kw}`, safety: 'safe', edits: [deleteLines(m, ins.line, ins.endLine)] }] : [],
          });
        }
      }
    }
  },
);
