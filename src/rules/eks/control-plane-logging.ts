import { EKS_LOG_TYPES } from '../../model/cluster';
import { defineRule } from '../rule';
import { cap } from '../_text';

export default defineRule({
  slug: 'control-plane-logging',
  title: 'EKS control-plane logs are not all enabled',
  severity: 'warning',
  description:
    'Without the API, audit and authenticator logs there is no record of who did what in the cluster: a stolen token, an escalation through RBAC or a deleted ' +
    'workload leaves no trace. EKS sends no control-plane logs to CloudWatch unless the cluster lists the log types to send.',
  remediation: 'Enable all five control-plane log types: api, audit, authenticator, controllerManager and scheduler.',
  fix: 'safe',
  reads: ['eksClusters'],
  equivalents: { cdk: ['AwsSolutions-EKS2', 'CKV_AWS_37'], eks: ['CKV_AWS_37'] },
  per: {
    tf: { remediation: 'Set `enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]`.' },
    cdk: {
      description:
        'Without the API, audit and authenticator logs there is no record of who did what in the cluster: a stolen token, an escalation through RBAC or a deleted ' +
        'workload leaves no trace. `eks.Cluster` sends no control-plane logs to CloudWatch unless `clusterLogging` lists them.',
      remediation: 'Set `clusterLogging` to all five types: API, AUDIT, AUTHENTICATOR, CONTROLLER_MANAGER and SCHEDULER.',
    },
  },
  check({ eksClusters }, ctx) {
    for (const c of eksClusters) {
      const types = c.logTypes;
      if (types === 'unknown') continue;
      const fix = c.writer.enableAllLogs?.();
      if (types === 'missing') {
        ctx.report({ span: c.anchor, message: `${cap(c.label)} sends no control-plane logs (${c.wording?.loggingKey ?? 'Logging.ClusterLogging.EnabledTypes'} is not set).`, fixes: fix ? [fix] : [] });
        continue;
      }
      if (types.some((t) => !t.known)) continue; // a type that cannot be read may be any of them
      const have = new Set(types.map((t) => t.value));
      const lacking = EKS_LOG_TYPES.filter((t) => !have.has(t));
      if (!lacking.length) continue;
      const name = c.wording?.logType ?? ((t: string) => t);
      ctx.report({ span: c.loggingAnchor ?? c.anchor, message: `${cap(c.label)} does not log ${lacking.map(name).join(', ')} control-plane events.`, fixes: fix ? [fix] : [] });
    }
  },
});
