import { defineRule } from '../rule';
import { cap } from '../_text';

/** Container runtime sockets and the directories that hold them: control of the runtime is control of the host. */
const SOCKET = /^(\/var)?\/run(\/docker|\/containerd|\/crio|\/podman)?(\/[\w.-]+\.sock)?$|\.sock$/;
/** Host paths whose contents give away the host or its credentials. */
const SENSITIVE = /^\/(etc|proc|sys|dev|boot|root|home|var\/lib\/(docker|containerd|ecs|kubelet)|etc\/ecs|var\/run\/ecs|usr|bin|sbin|lib|lib64)(\/|$)/;

export function classifyHostPath(p: string): 'socket' | 'root' | 'sensitive' | undefined {
  const n = p.trim().replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  if (n === '/') return 'root';
  if (SOCKET.test(n)) return 'socket';
  if (SENSITIVE.test(n)) return 'sensitive';
  return undefined;
}

export default defineRule({
  slug: 'sensitive-host-volume',
  title: 'Task mounts a sensitive host path',
  severity: 'warning',
  description:
    'A host volume (`host.sourcePath`) hands the container a piece of the instance\'s file system. The Docker or containerd socket lets it start a ' +
    'privileged container and take over the instance (and the credentials of every task on it); `/`, `/etc`, `/proc`, `/var/lib/docker` or the ' +
    'ECS agent\'s own directories expose host secrets and configuration even when mounted read-only.',
  remediation:
    'Remove the host volume, or mount only the narrow, non-sensitive directory the container needs (read-only); use EFS or a Docker volume for shared data.',
  equivalents: { ecs: [] },
  reads: ['tasks.volumes'],
  check({ tasks }, ctx) {
    for (const t of tasks) {
      for (const v of t.volumes) {
        const hp = v.hostPath;
        if (!hp?.known) continue;
        const what = classifyHostPath(hp.value!);
        if (!what) continue;
        const by = v.mountedBy.length ? ` (mounted by ${v.mountedBy.map((u) => `"${u}"`).join(', ')})` : '';
        const why =
          what === 'socket'
            ? 'the container runtime socket gives full control of the instance'
            : what === 'root'
              ? 'the whole host file system is exposed'
              : 'it exposes host configuration or credentials';
        ctx.report({
          span: hp.span,
          severity: what === 'sensitive' ? 'warning' : 'error',
          message: `${cap(t.label)} mounts host path ${hp.value}${by}: ${why}.`,
        });
      }
    }
  },
});
