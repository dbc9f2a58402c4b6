import type { Fix } from '../../core';
import { asMap, get } from '../../formats/yaml/doc';
import type { K8sContainer, K8sModel } from './_rule';

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
