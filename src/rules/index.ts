import type { Rule, Target } from '../core';
import type { FormatModel } from '../formats/parse';
import { containerRuleList } from './container/index';
import { k8sRules } from './k8s/index';
import { dockerfileRules } from './dockerfile/index';
import { cdkRules } from './cdk/index';
import { apprunnerRules } from './apprunner/index';
import { ecrRules } from './ecr/index';
import { taskRules } from './task/index';
import { serviceRules } from './service/index';
import { eksRules } from './eks/index';
import { iamRules } from './iam/index';
import { clusterRules } from './cluster/index';
import { registryRules } from './registry/index';
import notAnalysed from './general/not-analysed';

/** A rule instance as the engine runs it: one target, one id. */
export type AnyRule = Rule<FormatModel>;

export const NOT_ANALYSED: AnyRule = notAnalysed;

let all: AnyRule[] | undefined;
let byId: Map<string, AnyRule> | undefined;
let byTarget: Map<string, AnyRule[]> | undefined;

/** Every rule, sorted by id. Ids and aliases are unique (a unit test checks). */
export function allRules(): AnyRule[] {
  if (!all) {
    const list: AnyRule[] = [notAnalysed, ...containerRuleList, ...k8sRules, ...dockerfileRules, ...cdkRules, ...apprunnerRules, ...ecrRules, ...taskRules, ...serviceRules, ...eksRules, ...iamRules, ...clusterRules, ...registryRules];
    all = list.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  }
  return all;
}

/** The rule with this id, or the rule that took it over when rules merged (an alias). */
export function getRule(id: string): AnyRule | undefined {
  if (!byId) {
    byId = new Map();
    for (const r of allRules()) for (const a of r.meta.aliases ?? []) byId.set(a, r);
    for (const r of allRules()) byId.set(r.meta.id, r);
  }
  return byId.get(id);
}

export function rulesForTargets(targets: readonly Target[]): AnyRule[] {
  byTarget ??= new Map();
  const key = targets.join(',');
  let list = byTarget.get(key);
  if (!list) {
    list = allRules().filter((r) => (targets as readonly string[]).includes(r.meta.target));
    byTarget.set(key, list);
  }
  return list;
}

/** Rule ids a config names that no rule has (a typo silently turns nothing off otherwise). */
export function unknownRuleIds(ids: Iterable<string>): string[] {
  const targets = new Set(allRules().map((r) => r.meta.id.split('/')[0]));
  const out: string[] = [];
  for (const id of ids) {
    if (getRule(id)) continue;
    if (id.endsWith('/*') && targets.has(id.slice(0, -2))) continue;
    out.push(id);
  }
  return out;
}
