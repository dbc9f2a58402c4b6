import type { Range, Span } from './text';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

/**
 * The kinds of file Bulkhead reads. `container` is not a file kind: it names
 * the rules written once against ContainerSpec and instantiated per target.
 */
export type Target = 'k8s' | 'ecs' | 'dockerfile' | 'cdk' | 'apprunner' | 'ecr' | 'eks' | 'iam' | 'tf';
export const TARGETS: readonly Target[] = ['k8s', 'ecs', 'dockerfile', 'cdk', 'apprunner', 'ecr', 'eks', 'iam', 'tf'];

/**
 * How far a fix may be trusted:
 * - safe: keeps behaviour apart from the security property; goes into "fix all" and `scan --fix`;
 * - unsafe: may change behaviour; offered as a quick fix, and in the CLI only with --unsafe-fixes;
 * - manual: needs a value only the user knows (an ARN, a role name); inserts a placeholder,
 *   never applied in bulk.
 */
export type FixSafety = 'safe' | 'unsafe' | 'manual';

/**
 * Which rules run: `recommended` (the default) reports what a security
 * reviewer would act on; `strict` adds hardening and hygiene checks
 * (resource limits, digest pinning, image size …).
 */
export type Profile = 'recommended' | 'strict';
export const PROFILES: readonly Profile[] = ['recommended', 'strict'];

/** A replacement of the text in [start, end) (offsets into the analysed text). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /**
   * Placeholders the user should fill, as offsets into the *fixed* text (after
   * the edits are applied). The editor selects the first one.
   */
  placeholders?: Span[];
}

export interface RuleMeta {
  /** `<target>/<slug>`, e.g. `k8s/privileged-container` */
  id: string;
  title: string;
  severity: Severity;
  /** the target whose files the rule checks ('general' for the engine's own notes) */
  target: Target | 'general';
  /** why it matters (Markdown) */
  description: string;
  /** what to do; ends with a period */
  remediation: string;
  /** the peers' check ids with the same meaning: CKV_K8S_16, KSV017, DL3002, AwsSolutions-ECS2 … */
  equivalents: string[];
  /** the strongest safety of the fixes the rule may offer, or undefined when it has none */
  fix?: FixSafety;
  /** 'strict' for hardening/hygiene rules that only the strict profile runs (undefined: recommended) */
  profile?: Profile;
  /** why the rule is in the strict profile only */
  profileReason?: string;
  /** former ids of the rule (before rules merged), honoured by suppressions and config */
  aliases?: string[];
}

export interface Finding {
  ruleId: string;
  message: string;
  severity: Severity;
  /** offsets into the analysed text */
  span: Span;
  range: Range;
  fixes: Fix[];
  /** set when a suppression comment or config covers the finding */
  suppressed?: { kind: 'comment' | 'config'; reason?: string };
  /** extra facts for renderers (e.g. the image reference a finding is about) */
  data?: Record<string, string | number | boolean>;
  /** other places the finding concerns (a plan finding: the .tf block that configures the resource) */
  related?: RelatedLocation[];
}

/** A place in another file a finding points at, with what it is. */
export interface RelatedLocation {
  /** the file's path, as the caller gave it (absolute in the CLI and the editor) */
  path: string;
  range: Range;
  message: string;
}

/** What a rule reports; the engine turns it into a Finding. */
export interface Report {
  span: Span;
  message: string;
  fixes?: Fix[];
  /** overrides the rule's default severity for this one finding (before user overrides) */
  severity?: Severity;
  data?: Record<string, string | number | boolean>;
}

export interface RuleContext {
  report(r: Report): void;
  /** the full document text */
  readonly text: string;
  readonly path: string;
  /** `.bulkhead.yaml` settings that rules read: the registries images may come from */
  readonly allowedRegistries?: readonly string[];
}

export interface Rule<M = unknown> {
  meta: RuleMeta;
  check(model: M, ctx: RuleContext): void;
}

export function docsUrl(ruleId: string): string {
  return `https://github.com/bulkhead-dev/bulkhead/blob/main/docs/rules/${ruleId.replace('/', '-')}.md`;
}
