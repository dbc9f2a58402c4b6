import { defineRule } from '../rule';
import { scansAllOnPush } from '../../model/registry';
import { cap } from './_util';

export default defineRule({
  slug: 'scan-on-push',
  title: 'ECR repository does not scan images on push',
  severity: 'warning',
  description:
    'Without scan on push, images pushed to the repository are not checked for known vulnerabilities, and nothing in the pipeline ' +
    'or in the ECR console tells you that an image about to be deployed carries critical CVEs. Both `AWS::ECR::Repository` and ' +
    '`ecr.Repository` leave basic scanning on push off by default.',
  remediation: 'Turn scan on push on (`ImageScanningConfiguration: { ScanOnPush: true }`, or `imageScanOnPush: true` in CDK), or enable registry-level enhanced scanning with Amazon Inspector.',
  fix: 'safe',
  reads: ['repositories', 'registries'],
  equivalents: { ecr: ['CKV_AWS_163', 'AVD-AWS-0030'], cdk: ['CKV_AWS_163'] },
  per: {
    tf: { remediation: 'Add `image_scanning_configuration { scan_on_push = true }`, or enable registry-level enhanced scanning with Amazon Inspector (`aws_ecr_registry_scanning_configuration`).' },
    cdk: { remediation: 'Set `imageScanOnPush: true` on the repository (or enable registry-level enhanced scanning with Amazon Inspector).' },
    ecr: { remediation: 'Set `ImageScanningConfiguration: { ScanOnPush: true }` on the repository (or enable registry-level enhanced scanning with Amazon Inspector).' },
  },
  check({ repositories, registries }, { report }) {
    // a registry scanning configuration that scans every repository on push makes the repository's own setting moot
    if (scansAllOnPush(registries)) return;
    for (const r of repositories) {
      const s = r.scanOnPush;
      if (s === 'unknown') continue;
      const key = r.format === 'cdk' ? 'imageScanOnPush' : 'ScanOnPush';
      const fix = r.writer.enableScanOnPush();
      if (s === 'missing') {
        report({ span: r.anchor, message: `${cap(r.label)} does not scan images on push (${key} is not set).`, fixes: fix ? [fix] : [] });
      } else if (s.known && s.value === false) {
        report({ span: s.span, message: `${cap(r.label)} has ${key}: false: pushed images are not scanned.`, fixes: fix ? [fix] : [] });
      }
    }
  },
});
