import type { Fix, Span } from '../../core';
import { getPair, nodeSpan, readBool, readNumber, Node, Pair } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';
import type { K8sContainer, K8sModel } from './_rule';

const HIGH_UID = 10000;
/** The UID the fix proposes: the first above the node's system and human accounts, selected for the user to change. */
const FIX_UID = 10001;

/**
 * Sets `runAsUser` in the container's own securityContext (overriding a pod-level
 * value, creating the securityContext if needed), with the UID selected.
 */
function uidFix(m: K8sModel, kc: K8sContainer): Fix[] {
  if (kc.templated) return [];
  const edit = m.editor.setPath(kc.node, ['securityContext', 'runAsUser'], FIX_UID);
  const i = edit.newText.lastIndexOf(String(FIX_UID));
  if (i < 0) return [];
  return [
    {
      title: `Run as UID ${FIX_UID} (set runAsUser; pick a UID the image can run as)`,
      safety: 'manual',
      edits: [edit],
      placeholders: [{ start: edit.start + i, end: edit.start + i + String(FIX_UID).length }],
    },
  ];
}

export default k8sRule(
  {
    slug: 'low-uid',
    title: 'Container runs with a UID below 10000',
    severity: 'info',
    strict: 'A non-root UID below 10000 is a defence-in-depth concern (a UID shared with the node); run-as-root covers the real risk.',
    description:
      'Without a user namespace, a container\'s UID is the same number on the node: UIDs below 10000 belong to system accounts and the first human users ' +
      'of the node image, so a process that escapes the container, or reaches a host mount, acts with their files and permissions. ' +
      'Root (UID 0, or no user at all) is reported by run-as-root; this rule covers non-root UIDs that are too low, and non-root containers whose UID the image decides.',
    remediation: 'Set `runAsUser` (on the pod or the container) to a UID of 10000 or more that owns nothing on the node, or run the pod with `hostUsers: false`.',
    equivalents: ['CKV_K8S_40', 'KSV020'],
    fix: 'manual',
  },
  (m, report) => {
    for (const pod of m.pods) {
      const hu = pod.workload.hostUsers;
      if (hu && (!hu.known || hu.value === false)) continue;
      for (const kc of pod.containers) {
        const own = getPair(kc.securityContext, 'runAsUser');
        const pair: Pair | undefined = own && own.value != null ? own : getPair(pod.securityContext, 'runAsUser');
        const level = pair === own ? 'container' : 'pod';
        if (pair && pair.value != null) {
          const uid = readNumber(pair.value);
          // unseen values are not judged; 0 is run-as-root's finding
          if (!uid?.known || uid.value === 0 || uid.value >= HIGH_UID) continue;
          report({
            span: nodeSpan(pair.value as Node),
            message: `${containerLabel(kc)} runs as UID ${uid.value} (runAsUser at ${level} level), below ${HIGH_UID}: it can share a UID with an account on the node.`,
            fixes: uidFix(m, kc),
          });
          continue;
        }
        // no runAsUser: only a non-root requirement leaves the UID to the image (otherwise run-as-root reports)
        if (kc.spec.identity.verdict !== 'nonroot' || kc.templated || pod.templated) continue;
        const nr = getPair(kc.securityContext, 'runAsNonRoot') ?? getPair(pod.securityContext, 'runAsNonRoot');
        const nrv = readBool(nr?.value);
        const span: Span = nr?.value && nrv?.known ? nodeSpan(nr.value as Node) : kc.spec.anchor;
        report({
          span,
          message: `${containerLabel(kc)} sets no runAsUser: the image decides its UID, which may be below ${HIGH_UID} and shared with an account on the node.`,
          fixes: uidFix(m, kc),
        });
      }
    }
  },
);
