import type { Fix, Report } from '../../core';
import { asMap, get, getPair, readString } from '../../formats/yaml/doc';
import { containerLabel } from './_rule';
import type { K8sContainer, K8sModel } from './_rule';

/**
 * The check shared by cpu/memory limits/requests: every container (but
 * ephemeral ones, which may not set resources) states `resources.<kind>.<res>`;
 * an unseen value (an expression, a Helm template) is not judged. Limits get a
 * placeholder fix.
 */
export function checkResource(m: K8sModel, report: (r: Report) => void, kind: 'limits' | 'requests', res: 'cpu' | 'memory', placeholder: string): void {
  for (const pod of m.pods)
    for (const kc of pod.containers) {
      if (kc.listKey === 'ephemeralContainers' || kc.templated) continue;
      const resources = getPair(kc.node, 'resources');
      if (resources?.value && !asMap(resources.value) && readString(resources.value)?.known === false) continue;
      const kindPair = getPair(asMap(resources?.value), kind);
      if (kindPair?.value && !asMap(kindPair.value) && readString(kindPair.value)?.known === false) continue;
      const v = get(asMap(kindPair?.value), res);
      const r = readString(v);
      if (v != null && !(r?.known && r.value === '')) continue;
      report({
        span: kc.spec.anchor,
        message: `${containerLabel(kc)} has no ${res} ${kind}.`,
        fixes: kind === 'limits' ? [limitFix(m, kc, res, placeholder)] : [],
      });
    }
}

/** Adds `resources.limits.<res>` with a placeholder value (selected in the editor). */
export function limitFix(m: K8sModel, kc: K8sContainer, res: 'cpu' | 'memory', placeholder: string): Fix {
  const limits = asMap(get(kc.node, 'resources', 'limits'));
  const edit = limits ? m.editor.insertEntries(limits, { [res]: placeholder }) : m.editor.setPath(kc.node, ['resources', 'limits', res], placeholder);
  const i = edit.newText.lastIndexOf(placeholder);
  return {
    title: `Add a ${res === 'cpu' ? 'CPU' : 'memory'} limit`,
    safety: 'manual',
    edits: [edit],
    placeholders: [{ start: edit.start + i, end: edit.start + i + placeholder.length }],
  };
}
