import type { Fix } from '../../core';
import { placeholdersIn } from '../../formats/cdk/edit';
import { cdkRule, constructs, label, missing, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'eks-public-endpoint',
    title: 'EKS API endpoint is reachable from the internet',
    severity: 'warning',
    description:
      'The Kubernetes API server of an EKS cluster is public to 0.0.0.0/0 unless told otherwise (`eks.Cluster` defaults to PUBLIC_AND_PRIVATE with no CIDR limit): ' +
      'a leaked kubeconfig token or an API server vulnerability can then be exploited from anywhere.',
    remediation: 'Set `endpointAccess: eks.EndpointAccess.PRIVATE`, or restrict the public endpoint with `eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(<your CIDR>)`.',
    equivalents: ['AwsSolutions-EKS1', 'CKV_AWS_39', 'CKV_AWS_38'],
    fix: 'unsafe',
  },
  (m, ctx) => {
    const file = m.file;
    const ts = file.ts;
    for (const n of constructs(m, 'eks.Cluster', 'eks.FargateCluster')) {
      const p = n.props?.get('endpointAccess');
      const fixes = (): Fix[] => {
        const out: Fix[] = [];
        let imp = m.editor.imports();
        let e = setConstructProp(m, n, p, 'endpointAccess', `${imp.ref('eks', 'EndpointAccess')}.PRIVATE`);
        if (e) out.push({ title: 'Make the endpoint private', safety: 'unsafe', edits: [...e, ...imp.edits] });
        imp = m.editor.imports();
        const cidr = '203.0.113.0/24';
        e = setConstructProp(m, n, p, 'endpointAccess', `${imp.ref('eks', 'EndpointAccess')}.PUBLIC_AND_PRIVATE.onlyFrom(${m.editor.str(cidr)})`);
        if (e) {
          const edits = [...e, ...imp.edits];
          out.push({ title: 'Limit the public endpoint to a CIDR', safety: 'manual', edits, placeholders: placeholdersIn(edits, cidr) });
        }
        return out;
      };
      if (!p) {
        if (missing(n, 'endpointAccess')) ctx.report({ span: n.anchor, message: `${label(n)} has a public API endpoint open to 0.0.0.0/0 (endpointAccess defaults to PUBLIC_AND_PRIVATE).`, fixes: fixes() });
        continue;
      }
      const v = file.deref(p.value);
      const q = file.resolve(ts.isCallExpression(v) ? v.expression : v);
      if (q === 'eks.EndpointAccess.PUBLIC' || q === 'eks.EndpointAccess.PUBLIC_AND_PRIVATE') {
        ctx.report({ span: file.span(p.value), message: `${label(n)} has a public API endpoint open to 0.0.0.0/0.`, fixes: fixes() });
      } else if (q === 'eks.EndpointAccess.PUBLIC.onlyFrom' || q === 'eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom') {
        for (const a of (v as import('typescript').CallExpression).arguments) {
          const s = file.string(a);
          if (s && /^(0\.0\.0\.0\/0|::\/0)$/.test(s.value)) ctx.report({ span: s.span, message: `${label(n)} allows ${s.value} to reach its public API endpoint.` });
        }
      }
    }
  },
);
