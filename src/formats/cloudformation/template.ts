/**
 * The CloudFormation template layer: what every resource reader shares —
 * the `Resources` map, logical ids, short-form tags, `Metadata`
 * suppressions, running the per-service readers. Literal values of
 * intrinsics are in props.ts, the edit helpers fixes share (a new IAM role
 * resource, a free logical id) in edit.ts. Readers of one service live
 * beside it (eks.ts, express.ts …) or, for ECS task definitions that
 * task-definition JSON shares, in formats/ecs.
 */
import type { Suppression } from '../../core';
import { emptyViews, type Views } from '../../model/views';
import { asMap, asSeq, getPairCI, isIntrinsic, keyText, nodeSpan, readString, Node, Pair, YAMLMap } from '../yaml/doc';
import type { YamlEditor } from '../yaml/edit';
import { CFN_READERS } from './readers';
import type { CfnReadContext, CfnReader, CfnResource } from './resource';

export const SHORT_TAG = /(^|[\s:[,-])!(Ref|GetAtt|Sub|If|Join|Select|FindInMap|ImportValue|Split|Base64|Equals|Not|And|Or|GetAZs|Cidr|Condition)\b/;

export interface CfnTemplate {
  resources: YAMLMap;
  /** the template uses short-form tags (`!Ref`, `!GetAtt` …): edits write them too */
  shortTags: boolean;
  logicalIds: Set<string>;
  /**
   * The id of a resource a writer adds for `owner` (a task's role):
   * CloudFormation's is a free logical id `<owner><suffix>`; a format that
   * names resources otherwise (Terraform's `aws_iam_role.<name>`) says how.
   */
  newId?: (owner: string, suffix: string, cfnType: string) => string | undefined;
}

/** The template's `Resources` map and facts about it, or undefined when it has none. */
export function openTemplate(root: YAMLMap, text: string, json: boolean): CfnTemplate | undefined {
  const resources = asMap(getPairCI(root, 'Resources')?.value);
  if (!resources) return undefined;
  const logicalIds = new Set<string>();
  for (const p of resources.items) {
    const k = keyText(p);
    if (k) logicalIds.add(k);
  }
  return { resources, shortTags: !json && SHORT_TAG.test(text), logicalIds };
}

/** A resource's `Type`, when the template states it literally. */
export function resourceType(res: YAMLMap): string | undefined {
  const r = readString(getPairCI(res, 'Type')?.value);
  return r?.known ? r.value : undefined;
}

/** Every resource with a logical id and a literal type, in template order. */
export function templateResources(tpl: CfnTemplate): CfnResource[] {
  const all: CfnResource[] = [];
  for (const p of tpl.resources.items) {
    const logicalId = keyText(p);
    const node = asMap(p.value);
    const type = node ? resourceType(node) : undefined;
    if (!logicalId || !node || !type) continue;
    const propsNode = getPairCI(node, 'Properties')?.value;
    all.push({ logicalId, type, pair: p as Pair, node, props: isIntrinsic(propsNode) ? undefined : asMap(propsNode), anchor: nodeSpan(p.key as Node) });
  }
  return all;
}

/** Runs the per-service readers (formats/cloudformation/readers.ts) over the template; returns the views they filled. */
export function runReaders(tpl: CfnTemplate, resources: CfnResource[], env: { text: string; editor: YamlEditor; json: boolean }, readers: readonly CfnReader[] = CFN_READERS): Views {
  const byType = new Map<string, CfnReader>();
  for (const r of readers) for (const t of r.types) byType.set(t, r);
  const views = emptyViews();
  const cx: CfnReadContext = {
    ...env, shortTags: tpl.shortTags,
    resourcesNode: tpl.resources, resources, byId: new Map(resources.map((r) => [r.logicalId, r])), views,
  };
  for (const r of resources) byType.get(r.type)?.read?.(r, cx);
  for (const r of readers) r.after?.(cx);
  return views;
}

/** CloudFormation `Metadata: { checkov: { skip: [{ id, comment }] } }` and `Metadata: { bulkhead: { ignore: [...] } }`. */
export function metadataSuppressions(res: YAMLMap): Suppression[] {
  const out: Suppression[] = [];
  const md = asMap(getPairCI(res, 'Metadata')?.value);
  if (!md) return out;
  const text = (n: unknown): string | undefined => {
    const r = readString(n);
    return r?.known ? r.value : undefined;
  };
  const checkov = asMap(getPairCI(md, 'checkov')?.value);
  for (const item of asSeq(getPairCI(checkov, 'skip')?.value)?.items ?? []) {
    const id = text(getPairCI(item, 'id')?.value);
    if (id) out.push({ ids: [id], reason: text(getPairCI(item, 'comment')?.value), line: -1, commentLine: -1, spans: [nodeSpan(res)], source: 'checkov' });
  }
  const bh = getPairCI(asMap(getPairCI(md, 'bulkhead')?.value), 'ignore')?.value;
  const ids = (asSeq(bh)?.items ?? (bh ? [bh] : [])).map(text).filter((x): x is string => !!x);
  if (ids.length) out.push({ ids, line: -1, commentLine: -1, spans: [nodeSpan(res)], source: 'bulkhead' });
  return out;
}
