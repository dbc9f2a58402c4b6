import { defineRule } from '../rule';
import { hostFixTitle, hostSetting } from './_util';

export default defineRule({
  slug: 'host-ipc',
  title: 'Workload shares the host IPC namespace',
  severity: 'error',
  description:
    "With `hostIPC` the workload shares the node's System V IPC and POSIX shared memory, where other processes' data can be read or tampered with. Only node agents need this.",
  remediation: 'Remove `hostIPC: true` (ECS: the host network mode, or `pidMode`/`ipcMode` host) unless the workload is a node agent that really needs it.',
  fix: 'unsafe',
  per: { tf: { remediation: 'Remove `ipc_mode = "host"` unless the task is a node agent that really needs the host\'s IPC namespace.' } },
  reads: ['workloads'],
  equivalents: {
    k8s: ['CKV_K8S_18', 'KSV008', 'host-ipc', 'hostIPCSet'],
  },
  check({ workloads }, { report }) {
    for (const w of workloads) {
      const f = w.hostIPC;
      if (!f?.known || f.value !== true) continue;
      const edits = w.writer?.disableHost('hostIPC');
      report({
        span: f.span,
        message: `${w.label} shares the host IPC namespace (${hostSetting(w, 'hostIPC')}).`,
        fixes: edits?.length ? [{ title: hostFixTitle(w, 'hostIPC'), safety: 'unsafe', edits }] : [],
      });
    }
  },
});
