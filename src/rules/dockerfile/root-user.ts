import type { Fix } from '../../core';
import type { DfInstruction, DfStage, DockerfileModel } from '../../formats/dockerfile/parse';
import { dockerfileRule } from './_util';

/** The lines that create and switch to a non-root user, for the base image's family. */
export function nonRootLines(stage: DfStage): string[] {
  const img = (stage.familyImage ?? '').toLowerCase();
  switch (stage.family) {
    case 'alpine':
      return ['RUN addgroup -S app && adduser -S -D -H -G app app', 'USER app'];
    case 'debian':
      return ['RUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app', 'USER app'];
    case 'redhat': {
      const add = 'groupadd --system app && useradd --system --gid app --no-create-home --shell /sbin/nologin app';
      // minimal Red Hat family images ship without shadow-utils (useradd/groupadd)
      if (/ubi\d*[-/]?(minimal|micro)|lambda\//.test(img) || /amazonlinux(:|$)/.test(img) && !/amazonlinux:2($|[-.])/.test(img)) {
        const pm = /ubi\d*[-/]?(minimal|micro)|lambda\//.test(img) ? 'microdnf' : 'dnf';
        return [`# useradd and groupadd come from shadow-utils, which this minimal image does not include`, `RUN ${pm} install -y shadow-utils && ${pm} clean all && ${add}`, 'USER app'];
      }
      if (/amazonlinux:2($|[-.])|amazoncorretto/.test(img)) {
        return ['# useradd and groupadd come from shadow-utils', `RUN yum install -y shadow-utils && yum clean all && ${add}`, 'USER app'];
      }
      return [`RUN ${add}`, 'USER app'];
    }
    case 'distroless':
      return ['USER nonroot'];
    case 'scratch':
      return ['USER 65532:65532'];
    default:
      return ['USER 10001:10001'];
  }
}

function isRoot(user: string): boolean {
  const u = user.split(':')[0].trim().toLowerCase();
  return u === 'root' || /^0+$/.test(u);
}

/** The last USER of the stage, following FROM <stage> chains. */
function lastUser(m: DockerfileModel, stage: DfStage): DfInstruction | undefined {
  let s: DfStage | undefined = stage;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    if (users.length) return users[users.length - 1];
    s = s.baseStage !== undefined ? m.stages[s.baseStage] : undefined;
  }
  return undefined;
}

/** Images that run as a non-root user by default. */
function defaultsToNonRoot(stage: DfStage): boolean {
  const img = (stage.familyImage ?? '').toLowerCase();
  return (stage.family === 'distroless' && (/:[^/]*nonroot/.test(img) || /^cgr\.dev\/chainguard\//.test(img) && !/-dev($|@)/.test(img)));
}

export default dockerfileRule(
  {
    id: 'dockerfile/root-user',
    title: 'Image runs as root',
    severity: 'warning',
    description:
      'A container runs as the last `USER` of its final stage, and as root when there is none. A process running as root inside the container ' +
      'is root on the host if it escapes (a kernel or runtime bug, a mounted socket), can rewrite the image\'s own binaries, and can bind any port. ' +
      'Kubernetes `runAsNonRoot` and ECS `user` can override it, but the image should be safe on its own.',
    remediation:
      'Create an unprivileged user in the final stage and switch to it with `USER` before `CMD`/`ENTRYPOINT` (distroless: `USER nonroot`; scratch: a numeric `USER 65532:65532`).',
    equivalents: ['DL3002', 'CKV_DOCKER_3', 'CKV_DOCKER_8', 'DS-0002'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    const st = m.finalStage;
    if (!st) return;
    const user = lastUser(m, st);
    let message: string;
    let span;
    if (user) {
      const arg = user.args[0];
      if (!arg || arg.value.includes('$') || !isRoot(arg.value)) return;
      message = `The final stage runs as root: its last USER is "${arg.value}".`;
      span = arg.span;
    } else {
      if (defaultsToNonRoot(st)) return;
      // `FROM scratch` holding only files (a `docker build --output` export stage): nothing runs in it
      if (st.family === 'scratch' && st.baseStage === undefined && !st.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' || i.keyword === 'RUN')) return;
      if (st.family === 'unknown' && st.image && !st.image.known) return;
      message = 'The final stage has no USER instruction, so the container runs as root (the base image\'s default).';
      span = st.image?.span ?? st.from.keywordSpan;
      if (st.baseStage !== undefined) span = { start: st.from.args[0]?.span.start ?? st.from.span.start, end: st.from.args[0]?.span.end ?? st.from.span.end };
    }
    // insert before the first CMD/ENTRYPOINT after the root USER, or at the end of the stage
    const after = user && user.stage === st.index ? user.span.end : st.from.span.end;
    const anchor = st.instructions.find((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && i.span.start >= after);
    const eol = m.lines.eol;
    const lines = nonRootLines(st);
    let edit;
    if (anchor) {
      const at = m.lines.lineStart(anchor.line);
      const indent = m.lines.indentOf(anchor.line);
      edit = { start: at, end: at, newText: lines.map((l) => indent + l + eol).join('') };
    } else {
      const last = st.instructions.length ? st.instructions[st.instructions.length - 1] : st.from;
      const endLine = last.endLine;
      const at = m.lines.lineEnd(endLine);
      const indent = m.lines.indentOf(last.line);
      edit = { start: at, end: at, newText: lines.map((l) => eol + indent + l).join('') };
    }
    const fix: Fix = { title: `Add a non-root user (${st.family === 'unknown' ? 'numeric UID' : st.family})`, safety: 'unsafe', edits: [edit] };
    ctx.report({ span, message, fixes: [fix], data: { family: st.family } });
  },
);
