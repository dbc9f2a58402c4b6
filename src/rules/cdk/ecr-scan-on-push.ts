import { cdkRule, constructs, fix, label, missing, setConstructProp } from './_util';

export default cdkRule(
  {
    slug: 'ecr-scan-on-push',
    title: 'ECR repository does not scan images on push',
    severity: 'warning',
    description:
      'Without scan on push, images pushed to the repository are not checked for known vulnerabilities, and nothing in the pipeline ' +
      'or in the ECR console tells you that an image about to be deployed carries critical CVEs. `ecr.Repository` leaves it off by default.',
    remediation: 'Set `imageScanOnPush: true` on the repository (or enable registry-level enhanced scanning with Amazon Inspector).',
    equivalents: ['CKV_AWS_163'],
    fix: 'safe',
  },
  (m, ctx) => {
    for (const n of constructs(m, 'ecr.Repository')) {
      const p = n.props?.get('imageScanOnPush');
      if (p) {
        if (m.file.bool(p.value) !== false) continue;
        ctx.report({ span: m.file.span(p.value), message: `${label(n)} has imageScanOnPush: false: pushed images are not scanned.`, fixes: fix('Set imageScanOnPush to true', 'safe', setConstructProp(m, n, p, 'imageScanOnPush', 'true')) });
      } else if (missing(n, 'imageScanOnPush')) {
        ctx.report({ span: n.anchor, message: `${label(n)} does not scan images on push (imageScanOnPush is not set).`, fixes: fix('Set imageScanOnPush to true', 'safe', setConstructProp(m, n, undefined, 'imageScanOnPush', 'true')) });
      }
    }
  },
);
