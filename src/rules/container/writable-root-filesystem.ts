import type { Fix } from '../../core';
import { defineRule } from '../rule';
import { hardenFix, who } from './_util';

export default defineRule({
  slug: 'writable-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: 'warning',
  description:
    'With a writable root filesystem an attacker who gets code execution can drop tools, modify binaries and persist in the container. ' +
    'A read-only root filesystem, with explicit volumes for the paths that must be written, removes that foothold.',
  remediation: 'Set `readOnlyRootFilesystem: true` (ECS: `readonlyRootFilesystem`) and mount writable volumes (emptyDir, tmpfs) only where the application writes.',
  fix: 'unsafe',
  per: { tf: { remediation: 'Set `readonlyRootFilesystem = true` on the container in `container_definitions` and mount writable volumes only where the application writes.' } },
  reads: ['containers'],
  equivalents: {
    k8s: ['CKV_K8S_22', 'KSV014', 'no-read-only-root-fs', 'notReadOnlyRootFilesystem'],
    ecs: ['CKV_AWS_336', 'ECS.5'],
    cdk: ['CKV_AWS_336'],
  },
  check({ containers }, { report }) {
    for (const c of containers) {
      const ro = c.readOnlyRootFilesystem;
      if (ro && (!ro.known || ro.value === true)) continue;
      // Kubernetes spells it readOnly…, the ECS API readonly… (a CloudFormation model capitalises it, as it does the other ECS names)
      const key = c.format === 'k8s' ? 'readOnlyRootFilesystem' : 'readonlyRootFilesystem';
      const fixes: Fix[] = [];
      const edits = c.writer.setFlag('readOnlyRootFilesystem', true);
      if (edits?.length) fixes.push({ title: `Set ${key} to true`, safety: 'unsafe', edits });
      report({
        span: ro ? ro.span : c.anchor,
        message: ro ? `${who(c)} has a writable root filesystem (${key}: false).` : `${who(c)} has a writable root filesystem: ${key} is not set.`,
        fixes,
      });
    }
  },
});
