/**
 * Findings and fixes on Terraform in Terraform's words. The rules and the
 * writers they share name properties as the readers do (CloudFormation's
 * `ScanOnPush`, the ECS API's `ipcMode`, paths such as
 * `InstanceConfiguration.InstanceRoleArn`); on a `.tf` file the user wrote
 * `scan_on_push`, `ipc_mode`, `instance_configuration.instance_role_arn`.
 * The phrasebook is built from the same name tables the Terraform readers
 * read with, so a name a reader learns is spelt right everywhere.
 */
import type { Fix } from '../../core';
import { reword } from '../reword';
import { CONTAINER_INSIGHTS_ENTRY } from '../cloudformation/ecs-cluster';
import { CFN_SHAPES, type Shape } from './cfn';
import { ECS_BLOCK_NAMES, EFS_NAMES, JOB_NAMES, SERVICE_NAMES, TASK_NAMES } from './names';

/** Values a reader encodes (`assign_public_ip = false` read as DISABLED), by the reader's name. */
const VALUES: Record<string, Record<string, string>> = {
  assignPublicIp: { DISABLED: 'false', ENABLED: 'true' },
  'networkConfiguration.awsvpcConfiguration.assignPublicIp': { DISABLED: 'false', ENABLED: 'true' },
};

let table: Map<string, string> | undefined;

function build(): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  const add = (reader: string, hcl: string): void => {
    const s = seen.get(reader) ?? new Set<string>();
    s.add(hcl);
    seen.set(reader, s);
  };
  for (const names of [TASK_NAMES, SERVICE_NAMES, JOB_NAMES, EFS_NAMES, ECS_BLOCK_NAMES] as Record<string, string>[]) {
    for (const [hcl, reader] of Object.entries(names)) if (reader !== hcl) add(reader, hcl);
  }
  add('networkConfiguration.awsvpcConfiguration.assignPublicIp', 'network_configuration.assign_public_ip');
  add('efsVolumeConfiguration.transitEncryption', 'efs_volume_configuration.transit_encryption');
  const walk = (shape: Shape, reader: string[], hcl: string[]): void => {
    for (const [name, s] of Object.entries(shape)) {
      let r: string;
      if (typeof s === 'string') r = s;
      else if ('wrapList' in s) r = s.wrapList.join('.');
      else if ('entries' in s) r = s.entries;
      else r = 'block' in s ? s.block : s.list;
      add([...reader, r].join('.'), [...hcl, name].join('.'));
      if (reader.length) add(r, name);
      if (typeof s === 'object' && 'props' in s) walk(s.props, [...reader, r], [...hcl, name]);
    }
  };
  for (const { props } of Object.values(CFN_SHAPES)) walk(props, [], []);
  // a reader name two resources spell differently is left as it is
  const out = new Map<string, string>();
  for (const [reader, hcls] of seen) if (hcls.size === 1) out.set(reader, [...hcls][0]);
  return out;
}

/** A property name (two or more humps: `ScanOnPush`, `ipcMode`; not `Name`) or a dotted path of them. */
const NAME = /(?<![\w.$/:-])([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)(?![\w-])(?:(: | to )("[^"]*"|true|false|null|\d+|[A-Z][A-Z0-9_]+)(?![\w-]))?/g;
const HUMPS = /^(?:[a-z][a-z0-9]*|[A-Z][a-z0-9]+)(?:[A-Z][a-z0-9]*)+$/;

/** Whole phrases a name table cannot give: a list entry CloudFormation writes as a name/value pair. */
const PHRASES: [string, string][] = [[CONTAINER_INSIGHTS_ENTRY, 'setting { name = "containerInsights", value = "enabled" }']];

/** The text with the readers' property names spelt as Terraform writes them (`ScanOnPush: false` → `scan_on_push = false`). */
export function inTerraformWords(text: string): string {
  const t = (table ??= build());
  for (const [from, to] of PHRASES) if (text.includes(from)) text = text.split(from).join(to);
  return text.replace(NAME, (m, name: string, sep: string | undefined, value: string | undefined) => {
    const hcl = name.includes('.') || HUMPS.test(name) ? t.get(name) : undefined;
    if (!hcl) return m;
    if (!sep || value === undefined) return hcl;
    return `${hcl}${sep === ': ' ? ' = ' : sep}${VALUES[name]?.[value] ?? value}`;
  });
}

/** A report's message and its fixes' titles in Terraform's words. */
export function respell<R extends { message: string; fixes?: Fix[] }>(r: R): R {
  return reword(r, inTerraformWords);
}

/**
 * A report on a terraform-aws-modules call in the call's own words: the
 * names the rules use (container-definition JSON keys, the resource's
 * attributes), as the call spells its inputs (v5 `readonly_root_filesystem`
 * for `readonlyRootFilesystem`, `repository_image_scan_on_push` for `scan_on_push`).
 */
export function inModuleWords<R extends { message: string; fixes?: Fix[] }>(r: R, spelling: Record<string, string>): R {
  return reword(r, (t) => t.replace(/\b[a-z][A-Za-z0-9_]+\b/g, (w) => spelling[w] ?? w));
}
