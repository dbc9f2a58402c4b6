import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { hardenFix, who, runsPrivileged } from './_util';

export default defineRule({
  slug: 'allow-privilege-escalation',
  title: 'Container allows privilege escalation',
  severity: 'warning',
  description:
    'Unless `allowPrivilegeEscalation` is false, a process in the container can gain more privileges than its parent ' +
    '(through setuid binaries or file capabilities). Together with a kernel or runtime flaw this is a common step from a compromised application to root on the node.',
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
  fix: 'safe',
  reads: ['containers', 'containers.allowPrivilegeEscalation'],
  equivalents: {
    k8s: ['CKV_K8S_20', 'KSV001', 'privilege-escalation-container', 'privilegeEscalationAllowed'],
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      if (runsPrivileged(c)) continue; // privileged-container says it all
      const ape = c.allowPrivilegeEscalation;
      if (ape && (!ape.known || ape.value === false)) continue;
      // an unseen privileged value may be true, and the API rejects allowPrivilegeEscalation: false with it
      const priv = c.privileged;
      const fixes: Fix[] = [];
      const canSet = !(priv && (!priv.known || priv.value === true));
      if (canSet) {
        const edits = c.writer.setFlag('allowPrivilegeEscalation', false);
        if (edits?.length) fixes.push({ title: 'Set allowPrivilegeEscalation to false', safety: 'safe', edits });
        fixes.push(...hardenFix(c));
      }
      report({
        span: ape ? ape.span : c.anchor,
        message: ape ? `${who(c)} sets allowPrivilegeEscalation: true.` : `${who(c)} does not set allowPrivilegeEscalation: false; its processes may gain more privileges.`,
        fixes,
      });
    }
  },
});
