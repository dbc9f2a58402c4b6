/**
 * CDK ECS services mapped into ServiceSpec: `ecs.FargateService`,
 * `ecs.Ec2Service` and the `ecs_patterns` constructs, with a writer that
 * turns the public IP off and selects private subnets in place.
 */
import type * as TS from 'typescript';
import { known, unknownField } from '../../model/container';
import type { ServiceSpec } from '../../model/service';
import type { Setting } from '../../model/setting';
import { constructLabel, fixOf, propState } from './construct';
import type { Prop } from './ast';
import type { CdkModel } from './model';
import { setConstructProp } from './props';

/** The prop that selects the tasks' subnets: `vpcSubnets` on the ECS services, `taskSubnets` on the patterns. */
function subnetKey(q: string): string | undefined {
  if (q === 'ecs.FargateService' || q === 'ecs.Ec2Service') return 'vpcSubnets';
  if (q.startsWith('ecs_patterns.')) return 'taskSubnets';
  return undefined;
}

export function buildServices(m: CdkModel): ServiceSpec[] {
  const file = m.file;
  if (!file || !m.editor) return [];
  const ts = file.ts;
  const out: ServiceSpec[] = [];
  for (const n of m.news) {
    const key = subnetKey(n.q);
    if (!key) continue;
    const bool = (k: string): { setting: Setting<boolean>; prop?: Prop } => {
      const p = n.props?.get(k);
      if (!p) return { setting: propState(n, k) === 'missing' ? 'missing' : 'unknown' };
      const b = file.bool(p.value);
      return { setting: b === undefined ? unknownField(file.span(p.value), p.key) : known(b, file.span(p.value), p.key), prop: p };
    };
    const ip = bool('assignPublicIp');
    const exec = bool('enableExecuteCommand');
    const assignPublicIp: Setting<string> =
      typeof ip.setting === 'object' && ip.setting.known ? { ...ip.setting, value: ip.setting.value ? 'ENABLED' : 'DISABLED' } : (ip.setting as Setting<string>);

    // `vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }`
    let publicSubnets: ServiceSpec['publicSubnets'];
    let subnetType: TS.PropertyAssignment | undefined;
    const sel = file.object(n.props?.get(key)?.value);
    if (sel) {
      subnetType = sel.properties.find((x): x is TS.PropertyAssignment => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === 'subnetType');
      if (subnetType && file.resolve(subnetType.initializer) === 'ec2.SubnetType.PUBLIC') publicSubnets = known('PUBLIC', file.span(subnetType.initializer), file.span(subnetType.name));
      else subnetType = undefined;
    }

    out.push({
      target: 'cdk',
      format: 'cdk',
      label: constructLabel(n),
      span: file.span(n.node),
      anchor: n.anchor,
      assignPublicIp,
      subnets: 'unknown',
      securityGroups: 'unknown',
      enableExecuteCommand: exec.setting,
      platformVersion: platformVersionOf(m, n.props?.get('platformVersion'), propState(n, 'platformVersion')),
      publicSubnets,
      writer: {
        disablePublicIp: () => fixOf('Set assignPublicIp to false', 'unsafe', setConstructProp(m, n, ip.prop, 'assignPublicIp', 'false')),
        disableExecuteCommand: () => fixOf('Turn ECS Exec off (enableExecuteCommand: false)', 'unsafe', setConstructProp(m, n, exec.prop, 'enableExecuteCommand', 'false')),
        usePrivateSubnets: () => {
          if (!subnetType) return undefined;
          // only the member name written in place: a const shared with other code stays as it is
          const v = file.deref(subnetType.initializer);
          if (!ts.isPropertyAccessExpression(v) || v !== subnetType.initializer) return undefined;
          return fixOf('Use private subnets with egress', 'unsafe', [{ start: v.name.getStart(file.sf), end: v.name.getEnd(), newText: 'PRIVATE_WITH_EGRESS' }]);
        },
      },
    });
  }
  return out;
}

/** `platformVersion: ecs.FargatePlatformVersion.VERSION1_3` → '1.3.0'; `LATEST` → 'LATEST'. */
function platformVersionOf(m: CdkModel, p: Prop | undefined, state: 'present' | 'missing' | 'unknown'): Setting<string> {
  const file = m.file!;
  if (!p) return state === 'missing' ? 'missing' : 'unknown';
  const q = file.resolve(p.value);
  const mm = q && /^ecs\.FargatePlatformVersion\.(LATEST|VERSION(\d+)_(\d+))$/.exec(q);
  if (!mm) return unknownField(file.span(p.value), p.key);
  return known(mm[1] === 'LATEST' ? 'LATEST' : `${mm[2]}.${mm[3]}.0`, file.span(p.value), p.key);
}
