import type { WorkloadSummary } from '../../model/deployment';
import { labelsOf, readSelector, selects } from '../../formats/k8s/netpol';
import { asMap, get, getPair, nodeSpan, Node } from '../../formats/yaml/doc';
import { k8sRule, podMetadata } from './_rule';

export default k8sRule(
  {
    slug: 'network-policy-selects-nothing',
    title: 'NetworkPolicy selects no pod',
    severity: 'info',
    strict:
      'Pods the tree does not hold (an operator\'s, another repository\'s) may be the ones a policy selects: a policy that matches nothing here is worth a look, not proof of a mistake.',
    description:
      'A NetworkPolicy whose `podSelector` matches none of the workloads of its namespace in the tree (the workspace, or the files under the paths `bulkhead scan` is given) isolates nothing: ' +
      'often a label that does not match the pods it was written for, which then stay open. A namespace without any workload in the tree is not judged.',
    remediation: 'Make the `podSelector` match the labels of the pods it is meant for (`spec.template.metadata.labels` of the workload), or remove the policy.',
    equivalents: ['dangling-networkpolicy'],
  },
  (m, report) => {
    if (m.helm) return;
    // this file's own workloads as written now, and the tree's others (when the tree was read)
    const own: WorkloadSummary[] = m.pods
      .filter((p) => p.resource.kind !== 'PodTemplate')
      .map((p) => {
        const r = p.resource;
        const exprNamespace = r.namespace === undefined && !!getPair(r.metadata, 'namespace');
        return { name: p.workload.label, namespace: r.namespaceUnknown || exprNamespace ? '*' : r.namespace, labels: labelsOf(podMetadata(p)), file: '' };
      });
    const all = [...own, ...(m.treeWorkloads ?? [])];
    for (const r of m.resources) {
      if (r.kind !== 'NetworkPolicy' || r.partial || r.namespaceUnknown || (r.namespace === undefined && getPair(r.metadata, 'namespace'))) continue;
      const selPair = getPair(asMap(get(r.node, 'spec')), 'podSelector');
      const selector = readSelector(selPair?.value);
      if (!selPair || selector === 'unknown' || selector.length === 0) continue;
      const here = all.filter((w) => w.namespace === r.namespace || w.namespace === '*');
      // an unseen namespace, or a workload whose labels or namespace cannot be read: not judged
      if (!here.some((w) => w.namespace === r.namespace) || here.some((w) => w.labels === 'unknown')) continue;
      if (here.some((w) => selects(selector, new Map(Object.entries(w.labels as Record<string, string>))))) continue;
      report({
        span: nodeSpan(selPair.key as Node),
        message: `NetworkPolicy ${r.name ?? '(unnamed)'} selects none of the ${here.length} workload${here.length > 1 ? 's' : ''} of ${r.namespace === undefined ? 'its namespace (none set)' : `namespace ${r.namespace}`} in the tree: it isolates nothing.`,
      });
    }
  },
);
