import type { Fix } from '../../core';
import { containerRules } from './_template';
import { hardenFix, who } from './_util';

export default containerRules({
  slug: 'allow-privilege-escalation',
  title: 'Container allows privilege escalation',
  severity: 'warning',
  description:
    'Unless `allowPrivilegeEscalation` is false, a process in the container can gain more privileges than its parent ' +
    '(through setuid binaries or file capabilities). Together with a kernel or runtime flaw this is a common step from a compromised application to root on the node.',
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
  fix: 'safe',
  equivalents: {
    k8s: ['CKV_K8S_20', 'KSV001', 'privilege-escalation-container', 'privilegeEscalationAllowed'],
  },
  check(c, report) {
    const ape = c.allowPrivilegeEscalation;
    if (ape && (!ape.known || ape.value === false)) return;
    // privileged: true forces escalation and the API rejects false with it: the privileged rule says what to do
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
  },
});
