import { defineRule } from '../rule';
import { hostFixTitle, hostSetting } from './_util';

export default defineRule({
  slug: 'host-pid',
  title: 'Workload shares the host PID namespace',
  severity: 'error',
  description:
    "With `hostPID` the workload sees every process on the node and can signal or trace them and read their environment (including secrets). Only node agents need this.",
  remediation: 'Remove `hostPID: true` (ECS: the host network mode, or `pidMode`/`ipcMode` host) unless the workload is a node agent that really needs it.',
  fix: 'unsafe',
  per: { tf: { remediation: 'Remove `pid_mode = "host"` unless the task is a node agent that really needs to see the host\'s processes.' } },
  reads: ['workloads'],
  equivalents: {
    k8s: ['CKV_K8S_17', 'KSV010', 'host-pid', 'hostPIDSet'],
    ecs: ['CKV_AWS_335', 'ECS.3'],
    cdk: ['CKV_AWS_335'],
  },
  check({ workloads }, { report }) {
    for (const w of workloads) {
      const f = w.hostPID;
      if (!f?.known || f.value !== true) continue;
      const edits = w.writer?.disableHost('hostPID');
      report({
        span: f.span,
        message: `${w.label} shares the host PID namespace (${hostSetting(w, 'hostPID')}).`,
        fixes: edits?.length ? [{ title: hostFixTitle(w, 'hostPID'), safety: 'unsafe', edits }] : [],
      });
    }
  },
});
