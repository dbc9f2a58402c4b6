import { defineRule } from '../rule';
import { who } from './_util';

export default defineRule({
  slug: 'ssh-port',
  title: 'Container listens on the SSH port',
  severity: 'warning',
  description:
    'A container that declares port 22 runs (or is set up to run) an SSH server: a second way in, with keys or passwords of its own, that bypasses ' +
    "the orchestrator's access control and audit trail. A shell in a running container is what `kubectl exec`, ECS Exec and SSM Session Manager are for.",
  remediation: 'Remove port 22 from the container (`ports` / `portMappings`) and the SSH server from its image; use `kubectl exec`, ECS Exec or SSM Session Manager for a shell.',
  reads: ['containers.ports'],
  equivalents: { k8s: ['ssh-port'] },
  check({ containers }, { report }) {
    for (const c of containers) {
      for (const p of c.ports ?? []) {
        if (p.known && p.value === 22) report({ span: p.span, message: `${who(c)} listens on port 22 (SSH): a login surface outside the orchestrator's access control.` });
      }
    }
  },
});
