import { get, getPair, nodeSpan, readString, Node } from '../../formats/yaml/doc';
import { k8sRule } from './_rule';

export default k8sRule(
  {
    slug: 'service-node-port',
    title: 'Service is exposed on node ports',
    severity: 'info',
    description: 'A NodePort Service opens its port on every node of the cluster, on every network the nodes are on, outside of load balancer and ingress controls.',
    remediation: 'Use a ClusterIP Service behind an Ingress or an internal load balancer instead of NodePort.',
    equivalents: [],
  },
  (m, report) => {
    for (const r of m.resources) {
      if (r.kind !== 'Service') continue;
      const tp = getPair(get(r.node, 'spec'), 'type');
      const t = readString(tp?.value);
      if (t?.known && t.value === 'NodePort') report({ span: nodeSpan(tp!.value as Node), message: `Service ${r.name ?? ''} is exposed on a port of every node (type NodePort).` });
    }
  },
);
