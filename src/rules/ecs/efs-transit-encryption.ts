import type { Rule, TextEdit } from '../../core';
import type { FormatModel } from '../../formats/parse';
import { setAt } from '../../formats/ecs/writer';
import { getPairCI, nodeSpan, Node } from '../../formats/yaml/doc';
import { cap, ecsModel } from './_util';

const rule: Rule<FormatModel> = {
  meta: {
    id: 'ecs/efs-transit-encryption',
    title: 'EFS volume without encryption in transit',
    severity: 'warning',
    target: 'ecs',
    description:
      'An EFS volume mounted without `transitEncryption: ENABLED` sends file contents in clear text between the task and the file system; ' +
      'anyone who can observe the VPC traffic can read (or tamper with) them. IAM authorization of the mount also requires encryption in transit.',
    remediation: 'Set `transitEncryption: ENABLED` in the volume\'s `efsVolumeConfiguration`.',
    equivalents: ['CKV_AWS_97', 'AVD-AWS-0035'],
    fix: 'safe',
  },
  check(m, ctx) {
    const model = ecsModel(m);
    if (!model) return;
    for (const td of model.taskDefs) {
      for (const v of td.volumes) {
        const efs = v.efs;
        if (!efs) continue;
        const te = efs.transitEncryption;
        if (te && (!te.known || te.value!.toUpperCase() === 'ENABLED')) continue;
        let edits: TextEdit[] | undefined;
        if (efs.map) {
          const e = te && getPairCI(efs.map, 'transitEncryption')?.value ? model.editor.setValue(getPairCI(efs.map, 'transitEncryption')!.value as Node, 'ENABLED') : setAt(model, efs.map, ['transitEncryption'], 'ENABLED');
          if (e) edits = [e];
        }
        const vol = v.name ? `EFS volume "${v.name}"` : 'An EFS volume';
        ctx.report({
          span: te ? te.span : nodeSpan(efs.pair.key as Node),
          message: `${cap(vol)} of ${td.label} ${te ? `has transitEncryption ${te.value}` : 'does not enable transitEncryption'}: file data crosses the network unencrypted.`,
          fixes: edits ? [{ title: 'Set transitEncryption to ENABLED', safety: 'safe', edits }] : [],
        });
      }
    }
  },
};

export default rule;
