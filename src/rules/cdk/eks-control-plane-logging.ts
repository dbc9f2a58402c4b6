import { cdkRule, constructs, fix, label, missing, setConstructProp } from './_util';

const ALL = ['API', 'AUDIT', 'AUTHENTICATOR', 'CONTROLLER_MANAGER', 'SCHEDULER'];

export default cdkRule(
  {
    slug: 'eks-control-plane-logging',
    title: 'EKS control-plane logs are not all enabled',
    severity: 'warning',
    description:
      'Without the API, audit and authenticator logs there is no record of who did what in the cluster: a stolen token, an escalation through RBAC or a deleted ' +
      'workload leaves no trace. `eks.Cluster` sends no control-plane logs to CloudWatch unless `clusterLogging` lists them.',
    remediation: 'Set `clusterLogging` to all five types: API, AUDIT, AUTHENTICATOR, CONTROLLER_MANAGER and SCHEDULER.',
    equivalents: ['AwsSolutions-EKS2', 'CKV_AWS_37'],
    fix: 'safe',
  },
  (m, ctx) => {
    const file = m.file;
    for (const n of constructs(m, 'eks.Cluster', 'eks.FargateCluster')) {
      const p = n.props?.get('clusterLogging');
      if (!p) {
        if (!missing(n, 'clusterLogging')) continue;
        const imp = m.editor.imports();
        const t = imp.ref('eks', 'ClusterLoggingTypes');
        const e = setConstructProp(m, n, undefined, 'clusterLogging', `[${ALL.map((x) => `${t}.${x}`).join(', ')}]`);
        ctx.report({ span: n.anchor, message: `${label(n)} sends no control-plane logs (clusterLogging is not set).`, fixes: fix('Enable all control-plane log types', 'safe', e ? [...e, ...imp.edits] : undefined) });
        continue;
      }
      const arr = file.array(p.value);
      if (!arr || arr.elements.some((el) => file.ts.isSpreadElement(el))) continue;
      const have = new Set<string>();
      let unknown = false;
      for (const el of arr.elements) {
        const q = file.resolve(el);
        if (q?.startsWith('eks.ClusterLoggingTypes.')) have.add(q.slice('eks.ClusterLoggingTypes.'.length));
        else unknown = true;
      }
      if (unknown) continue;
      const lacking = ALL.filter((x) => !have.has(x));
      if (lacking.length === 0) continue;
      const imp = m.editor.imports();
      const t = imp.ref('eks', 'ClusterLoggingTypes');
      const edits = file.ts.isArrayLiteralExpression(file.ts.isIdentifier(p.value) ? arr : p.value) && arr === p.value ? [...m.editor.insertElement(arr.elements, arr, lacking.map((x) => `${t}.${x}`).join(', ')), ...imp.edits] : undefined;
      ctx.report({ span: file.span(p.value), message: `${label(n)} does not log ${lacking.join(', ')} control-plane events.`, fixes: fix('Enable the missing log types', 'safe', edits) });
    }
  },
);
