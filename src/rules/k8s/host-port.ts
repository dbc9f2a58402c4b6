import { asMap, asSeq, get, getPair, nodeSpan, readNumber, Node } from '../../formats/yaml/doc';
import { containerLabel, k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'host-port',
    title: 'Container binds a host port',
    severity: 'warning',
    description:
      'A hostPort opens the port on the node\'s own address, bypassing Services and NetworkPolicies that select pods, and limits where the pod can be scheduled. ' +
      'It exposes the workload on every network the node is on.',
    remediation: 'Remove `hostPort` and expose the port through a Service (ClusterIP, or an internal load balancer).',
    fix: 'unsafe',
    equivalents: ['CKV_K8S_26', 'KSV024', 'hostPortSet'],
  },
  (m, report) => {
    for (const pod of m.pods)
      for (const kc of pod.containers)
        for (const port of asSeq(get(kc.node, 'ports'))?.items ?? []) {
          const pm = asMap(port);
          const hp = getPair(pm, 'hostPort');
          const n = readNumber(hp?.value);
          if (!hp || !n?.known || n.value === 0) continue;
          report({
            span: nodeSpan(hp.value as Node),
            message: `${containerLabel(kc)} binds host port ${n.value} on the node.`,
            fixes: [{ title: 'Remove hostPort', safety: 'unsafe', edits: [m.editor.removePair(pm!, hp)] }],
          });
        }
  },
);
