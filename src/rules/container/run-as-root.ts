import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { hardenFix, who } from './_util';

export default defineRule({
  slug: 'run-as-root',
  title: 'Container may run as root',
  severity: 'warning',
  description:
    'A container whose user is root (UID 0), or whose user is left to the image (often root), runs its processes as root: ' +
    'a container escape or a writable host mount then acts as root on the host. Requiring a non-root user makes the runtime refuse to start a root process. ' +
    'A Kubernetes pod with `hostUsers: false` runs in its own user namespace, where root maps to an unprivileged host UID: it is not reported.',
  remediation: 'Set `runAsNonRoot: true` (on the pod or the container) and a non-zero `runAsUser`, or a non-root `user` in ECS and CDK, and build the image with a non-root USER.',
  fix: 'unsafe',
  per: { tf: { remediation: 'Set a non-root `user` (`"1000"`, or `"1000:1000"`) on the container in `container_definitions`, and build the image with a non-root USER.' } },
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_23', 'CKV_K8S_40', 'KSV012', 'run-as-non-root', 'runAsRootAllowed'],
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      const id = c.identity;
      if (id.verdict === 'nonroot' || id.verdict === 'unknown') continue;
      // hostUsers: false — a user namespace maps root inside to an unprivileged host UID (and an unseen value may be false)
      const hu = c.workload?.hostUsers;
      if (hu && (!hu.known || hu.value === false)) continue;
      const fixes: Fix[] = [];
      const f = c.writer.runAsNonRoot();
      if (f && f.edits.length) fixes.push(f);
      if (id.verdict === 'unset') fixes.push(...hardenFix(c));
      report({
        span: id.span,
        message:
          id.verdict === 'root'
            ? `${who(c)} runs as root (${id.detail ?? 'user 0'}).`
            : `${who(c)} may run as root: nothing requires a non-root user${id.detail ? ` (${id.detail})` : ''}.`,
        fixes,
      });
    }
  },
});
