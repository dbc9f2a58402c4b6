import type { Rule, Target } from '../core';
import { containerRuleList } from './container/index';
import { k8sRules } from './k8s/index';
import { ecsRules } from './ecs/index';
import { dockerfileRules } from './dockerfile/index';
import { cdkRules } from './cdk/index';
import { apprunnerRules } from './apprunner/index';
import { ecrRules } from './ecr/index';
import notAnalysed from './general/not-analysed';

export const NOT_ANALYSED: Rule<unknown> = notAnalysed;

let all: Rule<any>[] | undefined;
let byTarget: Map<string, Rule<any>[]> | undefined;

/** Every rule, sorted by id. Ids are unique (a unit test checks). */
export function allRules(): Rule<any>[] {
  if (!all) {
    all = [notAnalysed, ...containerRuleList, ...k8sRules, ...ecsRules, ...dockerfileRules, ...cdkRules, ...apprunnerRules, ...ecrRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  }
  return all;
}

export function getRule(id: string): Rule<any> | undefined {
  return allRules().find((r) => r.meta.id === id);
}

export function rulesForTargets(targets: readonly Target[]): Rule<any>[] {
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
  const known = new Set(allRules().map((r) => r.meta.id));
  const targets = new Set(allRules().map((r) => r.meta.id.split('/')[0]));
  const out: string[] = [];
  for (const id of ids) {
    if (known.has(id)) continue;
    if (id.endsWith('/*') && targets.has(id.slice(0, -2))) continue;
    out.push(id);
  }
  return out;
}
