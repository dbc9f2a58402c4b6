import { defineRule } from '../rule';
import { cap } from './_util';

export default defineRule({
  slug: 'lifecycle-policy',
  title: 'ECR repository without a lifecycle policy',
  severity: 'info',
  strict: 'Expiring old images is housekeeping that limits exposure and cost; a repository without it is not itself a vulnerability.',
  description:
    'Without a lifecycle policy a repository keeps every image ever pushed: old images with known vulnerabilities stay pullable (and deployable by ' +
    'a rollback or a stale tag) long after they were replaced, and storage grows without bound. AWS Security Hub checks this as ECR.3.',
  remediation: 'Add a lifecycle policy that expires untagged images after a few days and keeps a bounded number of tagged ones (`LifecyclePolicy`, or `lifecycleRules` / `addLifecycleRule` in CDK).',
  reads: ['repositories', 'repositories.lifecyclePolicy'],
  equivalents: { ecr: ['ECR.3'], cdk: ['ECR.3'] },
  check({ repositories }, { report }) {
    for (const r of repositories) {
      if (r.lifecyclePolicy !== 'missing') continue;
      report({ span: r.anchor, message: `${cap(r.label)} has no lifecycle policy: old images are kept, and stay pullable, forever.` });
    }
  },
});
