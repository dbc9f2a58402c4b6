import type { FixSafety, Report, Rule, RuleContext, RuleMeta, Severity, Target } from '../core';
import type { FormatModel } from '../formats/parse';
import type { K8sModel } from '../formats/k8s/parse';
import type { DockerfileModel } from '../formats/dockerfile/parse';
import type { CdkModel } from '../formats/cdk/parse';
import type { EcsModel } from '../formats/ecs/parse';
import { Slot } from '../core/slot';
import { emptyViews, VIEW_NAMES, VIEW_TARGETS, ViewKey, ViewName, Views } from '../model/views';

/**
 * The one way to write a rule. A rule file (named after its slug) exports
 * `defineRule({...})`: metadata, the views it reads, and `check`. The rule
 * exists for every target whose readers produce all the views (and fields)
 * it reads (see VIEW_TARGETS); each instance has the target's own id, the
 * peers' ids that match in that target, and the rule's docs page.
 *
 * Shared views (containers, tasks, repositories …) are the normal case. A
 * rule about one format's own syntax (Dockerfile instructions, Kubernetes
 * RBAC objects, a CDK-only construct) reads that format's model instead:
 * `k8s`, `dockerfile`, `cdk` or `ecs`.
 */

/** A CDK model with its syntax tree (a rule never runs on a CDK file that failed to parse). */
export type CdkFileModel = CdkModel & { file: NonNullable<CdkModel['file']>; editor: NonNullable<CdkModel['editor']> };

export interface FormatViews {
  k8s: K8sModel;
  dockerfile: DockerfileModel;
  cdk: CdkFileModel;
  ecs: EcsModel;
}

const FORMAT_TARGETS: Record<keyof FormatViews, readonly Target[]> = {
  k8s: ['k8s'],
  dockerfile: ['dockerfile'],
  cdk: ['cdk'],
  ecs: ['ecs'],
};

export type ReadKey = ViewKey | keyof FormatViews;

type Base<K> = K extends `${infer B}.${string}` ? B : K;

/** What `check` receives: each view it reads, holding only the items of the instance's target. */
export type ViewsOf<K extends ReadKey> = {
  [P in Base<K>]: P extends ViewName ? Views[P] : P extends keyof FormatViews ? FormatViews[P] : never;
};

export interface RuleCheckContext extends RuleContext {
  /** the target this instance checks */
  readonly target: Target;
}

type MetaOverride = Partial<Pick<RuleMeta, 'title' | 'description' | 'remediation' | 'severity' | 'fix'>>;

export interface RuleDef<K extends ReadKey> {
  slug: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  /** the strongest safety of the fixes it may offer */
  fix?: FixSafety;
  /**
   * Set for hardening/hygiene checks a reviewer would not act on by default:
   * the rule then runs in the `strict` profile only, and this says why.
   */
  strict?: string;
  /** the views it reads: they decide the targets it applies to */
  reads: readonly K[];
  /** the peers' ids with the same meaning, per target */
  equivalents?: Partial<Record<Target, string[]>>;
  /** per-target metadata overrides */
  per?: Partial<Record<Target, MetaOverride>>;
  /** an instance's id when the default `<target>/<prefix><slug>` does not fit */
  ids?: Partial<Record<Target, string>>;
  /** former ids, still honoured by suppressions and `.bulkhead.yaml` */
  aliases?: Partial<Record<Target, string[]>>;
  check(views: ViewsOf<K>, ctx: RuleCheckContext): void;
}

/**
 * How a shared rule's id reads in a target where the slug alone would be
 * ambiguous: CDK apps and Terraform configurations hold every kind of
 * resource, so a CDK repository rule is `cdk/ecr-<slug>`, an App Runner one
 * `cdk/apprunner-<slug>` (and `tf/ecr-<slug>` …).
 */
const MIXED_PREFIX: Partial<Record<ViewName, string>> = { repositories: 'ecr-', registries: 'ecr-', webServices: 'apprunner-', eksClusters: 'eks-', nodegroups: 'eks-', ecsClusters: 'cluster-', roles: 'iam-', services: 'service-' };
const ID_PREFIX: Partial<Record<Target, Partial<Record<ViewName, string>>>> = { cdk: MIXED_PREFIX, tf: MIXED_PREFIX };


/**
 * Peers' ids for a target that lists none of its own: Terraform's
 * `aws_ecs_task_definition`, `aws_ecr_repository`, `aws_eks_cluster` … are
 * the AWS resources, checked by the same Checkov (`CKV_AWS_*`) and Trivy ids
 * as in CloudFormation and JSON.
 */
const EQUIVALENTS_FROM: Partial<Record<Target, Target[]>> = { tf: ['ecs', 'ecr', 'eks', 'iam', 'apprunner'] };

export function baseOf(k: ReadKey): ViewName | keyof FormatViews {
  return k.split('.')[0] as ViewName | keyof FormatViews;
}

/**
 * The targets a rule applies to: those whose readers produce its primary
 * view (the first it reads) and every field of it the rule names
 * (`containers.logging`), and every format model it reads. Other views it
 * reads are context (a registry scanning configuration that makes a
 * repository's own setting moot): empty where a target has none.
 */
export function targetsOfReads(reads: readonly ReadKey[]): Target[] {
  const primary = reads.length ? baseOf(reads[0]) : undefined;
  let out: Target[] | undefined;
  for (const k of reads) {
    let ts: readonly Target[];
    if (k in FORMAT_TARGETS) ts = FORMAT_TARGETS[k as keyof FormatViews];
    else if (baseOf(k) === primary) ts = VIEW_TARGETS[k as ViewKey];
    else continue;
    out = out ? out.filter((t) => ts.includes(t)) : [...ts];
  }
  return out ?? [];
}

/** The metadata of a rule instance plus what the registry needs to find its source. */
export interface RuleInstance extends Rule<FormatModel> {
  readonly slug: string;
  readonly reads: readonly ReadKey[];
}

export function defineRule<K extends ReadKey>(def: RuleDef<K>): RuleInstance[] {
  if (!def.reads.length) throw new Error(`rule ${def.slug} reads no views`);
  const bases = [...new Set(def.reads.map(baseOf))];
  const primary = bases[0];
  const formatBases = bases.filter((b): b is keyof FormatViews => b in FORMAT_TARGETS);
  return targetsOfReads(def.reads).map((target): RuleInstance => {
    const id = def.ids?.[target] ?? `${target}/${ID_PREFIX[target]?.[primary as ViewName] ?? ''}${def.slug}`;
    const meta: RuleMeta = {
      id,
      title: def.title,
      severity: def.severity,
      target,
      description: def.description,
      remediation: def.remediation,
      equivalents: def.equivalents?.[target] ?? EQUIVALENTS_FROM[target]?.map((t) => def.equivalents?.[t]).find((e) => e?.length) ?? [],
      fix: def.fix,
      ...(def.strict ? { profile: 'strict' as const, profileReason: def.strict } : {}),
      ...def.per?.[target],
    };
    const aliases = def.aliases?.[target];
    if (aliases?.length) meta.aliases = aliases;
    return {
      meta,
      slug: def.slug,
      reads: def.reads,
      check(model, ctx) {
        const v = viewsFor(model, target, formatBases);
        if (!v) return;
        const respell = model.respell;
        const report = respell ? (r: Report) => ctx.report(respell(r)) : ctx.report;
        def.check(v as ViewsOf<K>, { report, text: ctx.text, path: ctx.path, allowedRegistries: ctx.allowedRegistries, target });
      },
    };
  });
}

/** A target's shared views, and the format models that apply to the model */
type TargetViews = Views & Partial<FormatViews>;
/** Each model's views per target (a slot on the model, not a WeakMap: see Slot). */
const VIEWS = new Slot<FormatModel, Map<Target, TargetViews>>();

/** Every shared view of a model, as its reader filled it. */
export function modelViews(model: FormatModel): Views {
  const v = emptyViews();
  v.containers = model.containers;
  v.workloads = model.workloads;
  const m = model as FormatModel & { repositories?: Views['repositories']; appRunnerServices?: Views['webServices'] };
  if (Array.isArray(m.repositories)) v.repositories = m.repositories;
  if (Array.isArray(m.appRunnerServices)) v.webServices = m.appRunnerServices;
  const views = model.views;
  if (views) {
    for (const n of VIEW_NAMES) {
      const extra = views[n];
      if (!extra || extra.length === 0) continue;
      const own = v[n] as unknown[];
      (v[n] as unknown[]) = own.length === 0 ? extra : [...own, ...extra];
    }
  }
  return v;
}

/** The views of one target, made once per model and target: every rule of the target reads the same object. */
function targetViews(model: FormatModel, target: Target): TargetViews {
  let byTarget = VIEWS.get(model);
  if (!byTarget) VIEWS.set(model, (byTarget = new Map()));
  let v = byTarget.get(target);
  if (!v) {
    v = modelViews(model);
    // the items of this target (most models hold one target's only: their arrays are kept)
    for (const n of VIEW_NAMES) {
      const items = v[n] as { target: Target }[];
      if (!allOf(items, target)) (v[n] as { target: Target }[]) = items.filter((x) => x.target === target);
    }
    for (const k of FORMAT_KEYS) {
      const f = formatView(model, k);
      if (f) (v as unknown as Record<string, unknown>)[k] = f;
    }
    byTarget.set(target, v);
  }
  return v;
}

const FORMAT_KEYS = Object.keys(FORMAT_TARGETS) as (keyof FormatViews)[];

/** Every item is of the target (a loop: most lists are short or empty). */
function allOf(items: readonly { target: Target }[], target: Target): boolean {
  for (let i = 0; i < items.length; i++) if (items[i].target !== target) return false;
  return true;
}

function formatView(model: FormatModel, k: keyof FormatViews): FormatModel | undefined {
  switch (k) {
    case 'k8s':
      return model.kind === 'k8s' ? model : undefined;
    case 'dockerfile':
      return model.kind === 'dockerfile' ? model : undefined;
    case 'cdk':
      return model.kind === 'cdk' && model.file && model.editor ? model : undefined;
    case 'ecs':
      return model.kind === 'ecs-json' || model.kind === 'cloudformation' ? model : undefined;
  }
}

function viewsFor(model: FormatModel, target: Target, formatBases: readonly (keyof FormatViews)[]): TargetViews | undefined {
  const v = targetViews(model, target);
  // a rule about a format's own syntax runs only on that format's models
  for (const b of formatBases) if (v[b] === undefined) return undefined;
  return v;
}
