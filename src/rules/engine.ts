import {
  CommentStyle,
  Finding,
  Fix,
  Span,
  LineIndex,
  Report,
  ResolvedConfig,
  Profile,
  Rule,
  RuleMeta,
  Severity,
  Suppression,
  Target,
  findSuppressions,
  isCrOnly,
  suppressionCovers,
} from '../core';
import { FileKind, classify, commentStyleOf } from '../formats/classify';
import { FormatModel, parseFile } from '../formats/parse';
import type { ManifestContext } from '../model/deployment';
import type { TerraformModule } from '../formats/terraform/parse';
import { containerFileReference, mayBeContainerFile, parseContainerFile } from '../formats/terraform/files';
import { allRules, getRule, NOT_ANALYSED, rulesForTargets, unknownRuleIds } from './index';

export interface AnalyzeOptions {
  /** the file's path (for classification and messages); need not exist */
  path: string;
  /** the path relative to the config's folder, for per-path overrides */
  relPath?: string;
  /** VS Code's language id, when known: helps classify unsaved files */
  languageId?: string;
  config?: ResolvedConfig;
  /** files larger than this are not analysed (one info finding says so) */
  maxBytes?: number;
  /**
   * The whole file's size when `text` is only its beginning: a caller that
   * knows a file is over `maxBytes` need not read all of it.
   */
  size?: number;
  /**
   * Which rules run. The CLI and the editor always say (default
   * `recommended`); left out, the config file's `profile` decides, and
   * without one every rule runs (library use, rule tests).
   */
  profile?: Profile;
  /** include findings of rules turned off? (never; kept for tests of the config) */
  includeOff?: boolean;
  /**
   * How the tree's kustomizations and skaffold configs deploy the file
   * (asked only of Kubernetes manifests): images, namespace and patches they
   * apply are taken into account.
   */
  context?: (path: string) => ManifestContext | undefined;
  /**
   * The other files of a Terraform file's module (asked only of Terraform
   * files): their locals, variable defaults and tfvars values are followed.
   * Asked too of a JSON or template file Bulkhead does not otherwise read,
   * with the .tf files of its folder and the two above it: one that reads
   * it as `container_definitions` makes it a Terraform container file.
   */
  module?: (path: string) => TerraformModule | undefined;
}

export interface AnalysisResult {
  kind: FileKind | undefined;
  /** every finding, suppressed ones included (flagged); sorted by position */
  findings: Finding[];
  commentStyle: CommentStyle;
  /** the parsed model, for callers that need more than findings (e.g. image references) */
  model?: FormatModel;
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** Which rule targets run on a file kind. */
export function targetsFor(kind: FileKind): Target[] {
  switch (kind) {
    case 'k8s':
      return ['k8s'];
    case 'ecs-json':
      return ['ecs', 'apprunner'];
    case 'cloudformation':
      return ['ecs', 'apprunner', 'ecr', 'eks', 'iam'];
    case 'dockerfile':
      return ['dockerfile'];
    case 'cdk':
      return ['cdk'];
    case 'apprunner':
      return ['apprunner'];
    case 'eksctl':
      return ['eks'];
    case 'terraform':
      return ['tf'];
  }
}

/**
 * Analyses one document: classify, parse once, run the rules of its targets,
 * apply suppressions and severity settings. Pure and synchronous; never throws.
 */
export function analyzeText(text: string, opts: AnalyzeOptions): AnalysisResult {
  // Old Mac line ends (CR alone) are read as line feeds: one character for
  // one, so every offset, range and fix edit holds for the text as given
  // (a writer turns the line feeds a fix inserts back into CRs).
  if (isCrOnly(text)) text = text.replace(/\r/g, '\n');
  let kind = classify(opts.path, text, opts.languageId);
  // a JSON (or template) file a Terraform task definition reads its container definitions from
  const containerFile = !kind && opts.module && mayBeContainerFile(opts.path) ? opts.module(opts.path) : undefined;
  const containerRef = containerFile && containerFileReference(opts.path, containerFile.files);
  if (containerRef) kind = 'terraform';
  const commentStyle = kind ? commentStyleOf(kind, opts.path) : 'none';
  if (!kind) return { kind, findings: [], commentStyle };
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const maxBytes = opts.maxBytes ?? opts.config?.maxFileBytes ?? DEFAULT_MAX_BYTES;

  const note = (message: string, from = 0, to = Math.min(text.length, lines.lineEnd(0))): AnalysisResult => {
    // a parser's error position may lie past the end (an unclosed JSON object): keep the span inside the text
    const start = Math.min(Math.max(0, from), text.length);
    const end = Math.min(Math.max(start, to), text.length);
    const setting = opts.config?.ruleSetting(NOT_ANALYSED.meta.id, opts.relPath);
    if (setting === 'off') return { kind, findings: [], commentStyle };
    findings.push({
      ruleId: NOT_ANALYSED.meta.id,
      message,
      severity: (setting as Severity | undefined) ?? 'info',
      span: { start, end },
      range: lines.rangeOf({ start, end }),
      fixes: [],
    });
    return { kind, findings, commentStyle };
  };

  const size = Math.max(text.length, opts.size ?? 0);
  if (size > maxBytes) {
    return note(`Not analysed: the file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit (bulkhead.maxFileSizeKb).`);
  }
  if (text.slice(0, 8192).includes('\u0000')) return note('Not analysed: this looks like a binary file.');

  let model: FormatModel;
  try {
    model = containerRef ? parseContainerFile(text, lines, containerRef) : parseFile(kind, text, opts.path, lines, kind === 'k8s' ? opts.context?.(opts.path) : undefined, kind === 'terraform' ? opts.module?.(opts.path) : undefined);
  } catch (e) {
    return note(`Not analysed: the ${kind} parser failed (${(e as Error).message.split('\n')[0]}).`);
  }
  if (model.fatal) return note(`Not analysed: ${model.fatal.message}`, model.fatal.span?.start, model.fatal.span?.end);

  const suppressions: Suppression[] = [...findSuppressions(lines, commentStyle, kind === 'dockerfile'), ...(model.suppressions ?? [])];
  // a line suppression that names a statement's first line covers the whole statement
  if (model.statements?.length) {
    const byLine = new Map<number, Span>();
    for (const st of model.statements) {
      const l = lines.positionAt(st.start).line;
      if (lines.positionAt(st.end).line > l) byLine.set(l, st);
    }
    for (const s of suppressions) {
      const st = typeof s.line === 'number' ? byLine.get(s.line) : undefined;
      if (st) s.spans = [...(s.spans ?? []), st];
    }
  }

  // a Checkov skip comment inside a resource covers all of it, as Checkov reads it
  if (model.skipScopes?.length) {
    for (const s of suppressions) {
      if (s.source !== 'checkov' || typeof s.line !== 'number') continue;
      // where the comment is: the end of its line (`Repo: # checkov:skip=…` is inside Repo)
      const at = Math.max(lines.lineStart(s.commentLine), lines.lineEnd(s.commentLine) - 1);
      let scope: Span | undefined;
      for (const sc of model.skipScopes) if (sc.start <= at && at < sc.end && (!scope || sc.end - sc.start < scope.end - scope.start)) scope = sc;
      if (scope) s.spans = [...(s.spans ?? []), scope];
    }
  }

  const profile = opts.profile ?? opts.config?.config.profile;
  // one context for every rule of the file: what each reports is taken after it
  // (a new array only after a rule that reported: setting an array's length calls into the runtime)
  let reports: Report[] = [];
  const ctx = { report: (r: Report) => void reports.push(r), text, path: opts.path, allowedRegistries: opts.config?.config.allowedRegistries };
  for (const rule of rulesForTargets(targetsFor(kind))) {
    if (profile === 'recommended' && rule.meta.profile === 'strict' && !namedInConfig(opts, rule.meta)) continue;
    const setting = ruleSettingOf(opts, rule.meta);
    if (setting === 'off' && !opts.includeOff) continue;
    if (reports.length !== 0) reports = [];
    try {
      (rule as Rule<FormatModel>).check(model, ctx);
    } catch (e) {
      reports = [];
      note(`Rule ${rule.meta.id} could not run on this file: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    if (reports.length === 0) continue;
    // one finding per token: several reports of a rule on one span (a value
    // that YAML aliases or merge keys bring into several workloads) are one
    // problem, fixed in one place
    const reported = reports.length > 1 ? new Set<number | string>() : undefined;
    for (const r of reports) {
      const sp = clampSpan(r.span, text.length);
      if (reported) {
        const key = spanKey(sp, text.length);
        if (reported.has(key)) continue;
        reported.add(key);
      }
      const range = lines.rangeOf(sp);
      const region = model.regions ? regionOf(model.regions, sp) : undefined;
      const f: Finding = {
        ruleId: rule.meta.id,
        message: region && !r.message.includes(region.name) ? `${r.message.replace(/\.$/, '')} (${region.name}).` : r.message,
        severity: (setting && setting !== 'off' ? setting : r.severity) ?? rule.meta.severity,
        span: sp,
        range,
        fixes: soundFixes(r.fixes, text.length),
        data: r.data,
      };
      if (region?.related) f.related = [region.related];
      const sup = suppressions.length !== 0 ? suppressionOf(suppressions, sp, range.start.line, rule.meta) : undefined;
      if (sup) f.suppressed = { kind: 'comment', reason: sup.reason };
      findings.push(f);
    }
  }
  for (const n of model.notes ?? []) {
    const setting = opts.config?.ruleSetting(NOT_ANALYSED.meta.id, opts.relPath);
    if (setting === 'off') break;
    const sp = clampSpan(n.span, text.length);
    findings.push({ ruleId: NOT_ANALYSED.meta.id, message: n.message, severity: 'info', span: sp, range: lines.rangeOf(sp), fixes: [] });
  }
  findings.sort(byPosition);
  return { kind, findings, commentStyle, model };
}

/**
 * Findings in the order of the text; on one span, by rule id in code-unit
 * order (the same on every machine: a locale's collation depends on the ICU
 * data Node was built with, and is slower).
 */
function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** The first region (a YAML document, a Terraform resource …) that holds a span. */
function regionOf(regions: NonNullable<FormatModel['regions']>, sp: Span): NonNullable<FormatModel['regions']>[number] | undefined {
  for (const g of regions) if (g.span.start <= sp.start && sp.end <= g.span.end) return g;
  return undefined;
}

/** The first suppression that covers a rule's finding at a span starting on a line. */
function suppressionOf(suppressions: Suppression[], sp: Span, line: number, meta: RuleMeta): Suppression | undefined {
  for (const s of suppressions) {
    let here = s.line === 'file' || s.line === line;
    if (!here && s.spans) for (const x of s.spans) if (x.start <= sp.start && sp.start < x.end) here = true;
    if (here && suppressionCovers(s, meta.id, meta.equivalents, meta.aliases)) return s;
  }
  return undefined;
}

/** One key per span: a number while it is exact (texts under 94 MB), else a string. */
function spanKey(s: Span, len: number): number | string {
  return len < 94_000_000 ? s.start * (len + 1) + s.end : `${s.start}:${s.end}`;
}

/**
 * Drops fixes that could not be applied: no edits, an edit outside the text,
 * or edits that overlap one another. A rule bug then costs a fix, not a crash
 * or a corrupted file.
 */
function soundFixes(fixes: Fix[] | undefined, len: number): Fix[] {
  if (!fixes || fixes.length === 0) return [];
  let out: Fix[] | undefined;
  for (let i = 0; i < fixes.length; i++) {
    const ok = soundFix(fixes[i], len);
    // the rule's own array while every fix holds (most do)
    if (!ok && !out) out = fixes.slice(0, i);
    else if (ok && out) out.push(fixes[i]);
  }
  return out ?? fixes;
}

function soundFix(f: Fix, len: number): boolean {
  const edits = f.edits;
  if (edits.length === 0) return false;
  const inside = (e: Fix['edits'][number]) => e.start >= 0 && e.start <= e.end && e.end <= len;
  if (edits.length === 1) return inside(edits[0]);
  const es = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < es.length; i++) {
    const e = es[i];
    if (!inside(e)) return false;
    // insertions at one point keep their order (applyEdits sorts stably)
    if (i > 0 && e.start < es[i - 1].end) return false;
  }
  return true;
}

function clampSpan(s: { start: number; end: number }, len: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(s.start, len));
  return { start, end: Math.max(start, Math.min(s.end, len)) };
}

export { allRules, getRule, unknownRuleIds };
export { ManifestContextIndex, isContextFileName } from '../formats/kustomize/context';
export { initTerraform } from '../formats/terraform/parser';

function namedInConfig(opts: AnalyzeOptions, meta: RuleMeta): boolean {
  const c = opts.config;
  return !!c && [meta.id, ...(meta.aliases ?? [])].some((id) => c.namesRule(id, opts.relPath));
}

/** The user's setting for a rule: its own id first, then the ids it had before rules merged. */
function ruleSettingOf(opts: AnalyzeOptions, meta: RuleMeta): ReturnType<ResolvedConfig['ruleSetting']> {
  const c = opts.config;
  if (!c) return undefined;
  const own = c.ruleSetting(meta.id, opts.relPath);
  if (!meta.aliases?.length) return own;
  // an alias named exactly wins over a target wildcard (`cdk/*`) that the id matched
  for (const a of meta.aliases) {
    const s = c.ruleSetting(a, opts.relPath);
    if (s !== undefined && s !== c.ruleSetting(`${a.split('/')[0]}/*`, opts.relPath)) return s;
  }
  return own;
}
