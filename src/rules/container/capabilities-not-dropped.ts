import type { Fix } from '../../core';
import { containerRules } from './_template';
import { dropsNetRaw, splitCaps } from './_caps';
import { who } from './_util';

export default containerRules({
  slug: 'capabilities-not-dropped',
  title: 'Container does not drop all capabilities',
  severity: 'warning',
  description:
    'Containers start with a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW and more) that most applications never use; ' +
    'each is kernel attack surface and NET_RAW alone allows ARP and DNS spoofing inside the cluster network. Dropping ALL and adding back only what is needed removes them.',
  remediation: 'Add `ALL` to the dropped capabilities (`capabilities.drop: [ALL]`) and add back only the capabilities the process needs.',
  fix: 'unsafe',
  equivalents: {
    k8s: ['CKV_K8S_37', 'KSV003'],
    ecs: [],
    cdk: [],
  },
  check(c, report) {
    if (c.capsUnknown) return;
    const drop = c.capDrop;
    if (drop?.some((d) => !d.known || /^(CAP_)?ALL$/i.test(d.value ?? ''))) return;
    // where net-raw-not-dropped exists, a container that keeps NET_RAW is its finding
    if (splitCaps(c) && !dropsNetRaw(c)) return;
    const fixes: Fix[] = [];
    const edits = c.writer.dropAllCapabilities();
    if (edits?.length) fixes.push({ title: 'Drop ALL capabilities', safety: 'unsafe', edits });
    report({
      span: drop && drop.length ? drop[0].span : c.anchor,
      message: drop ? `${who(c)} drops some capabilities but not ALL.` : `${who(c)} keeps the default Linux capabilities: it does not drop ALL.`,
      fixes,
    });
  },
});
