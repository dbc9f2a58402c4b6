import { defineRule } from '../rule';
import { hostFixTitle, hostSetting } from './_util';

export default defineRule({
  slug: 'host-network',
  title: 'Workload shares the host network namespace',
  severity: 'error',
  description:
    "With `hostNetwork` the workload shares the node's network: on EKS it reaches the instance metadata service and the node's IAM role, and can bind node ports and sniff node traffic. Only node agents need this.",
  remediation: 'Remove `hostNetwork: true` (ECS: the host network mode, or `pidMode`/`ipcMode` host) unless the workload is a node agent that really needs it.',
  fix: 'unsafe',
  per: { tf: { remediation: 'Set `network_mode = "awsvpc"` (each task gets its own network interface) unless the task is a node agent that really needs the host\'s network.' } },
  reads: ['workloads'],
  equivalents: {
    k8s: ['CKV_K8S_19', 'KSV009', 'host-network', 'hostNetworkSet'],
    ecs: ['ECS.1'],
  },
  check({ workloads }, { report }) {
    for (const w of workloads) {
      const f = w.hostNetwork;
      if (!f?.known || f.value !== true) continue;
      const edits = w.writer?.disableHost('hostNetwork');
      report({
        span: f.span,
        message: `${w.label} shares the host network namespace (${hostSetting(w, 'hostNetwork')}).`,
        fixes: edits?.length ? [{ title: hostFixTitle(w, 'hostNetwork'), safety: 'unsafe', edits }] : [],
      });
    }
  },
});
