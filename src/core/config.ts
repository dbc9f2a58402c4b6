import { parse as parseYaml } from 'yaml';
import { PROFILES, Profile, Severity } from './types';
import { globMatcher } from './glob';

/**
 * `.bulkhead.yaml`, shared by the CLI and the extension:
 *
 * ```yaml
 * rules:
 *   k8s/privileged-container: error      # error | warning | info | off
 *   dockerfile/no-healthcheck: off
 * ignore:                                # path globs never analysed
 *   - "vendor/**"
 * overrides:                             # per-path rule settings (JSON has no comments:
 *   - files: ["legacy/taskdef.json"]     #  ignore findings there through this)
 *     rules:
 *       ecs/no-task-role: off
 * maxFileSizeKb: 2048
 * profile: strict                        # recommended (default) | strict
 * allowedRegistries:                     # when set, images from other registries are reported
 *   - "*.dkr.ecr.*.amazonaws.com"
 * ```
 */
export type RuleSetting = Severity | 'off';

export interface BulkheadConfig {
  rules: Record<string, RuleSetting>;
  ignore: string[];
  overrides: { files: string[]; rules: Record<string, RuleSetting> }[];
  maxFileSizeKb?: number;
  /** which rules run; rules named in `rules` run whatever the profile */
  profile?: Profile;
  /** registry host globs images may come from; unset: any */
  allowedRegistries?: string[];
}

export interface ConfigProblem {
  message: string;
}

export function emptyConfig(): BulkheadConfig {
  return { rules: {}, ignore: [], overrides: [] };
}

const SETTINGS = new Set(['error', 'warning', 'info', 'off']);

function readRules(v: unknown, where: string, problems: ConfigProblem[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (v == null) return out;
  if (typeof v !== 'object' || Array.isArray(v)) {
    problems.push({ message: `${where} must be a mapping of rule id to error|warning|info|off` });
    return out;
  }
  for (const [id, s] of Object.entries(v as Record<string, unknown>)) {
    const setting = s === false ? 'off' : typeof s === 'string' ? s.toLowerCase() : s;
    if (typeof setting === 'string' && SETTINGS.has(setting)) out[id] = setting as RuleSetting;
    else problems.push({ message: `${where}.${id}: expected error, warning, info or off, got ${JSON.stringify(s)}` });
  }
  return out;
}

/**
 * Limits checked before anything is compiled: a configuration comes with the
 * repository, and a hostile one must not exhaust the memory of the editor or
 * of CI. Real configurations are far below them.
 */
export const CONFIG_LIMITS = {
  /** characters of `.bulkhead.yaml` */
  textLength: 1024 * 1024,
  /** path globs in `ignore` and every `overrides[].files`, together */
  globs: 2000,
  /** characters of one glob */
  globLength: 1024,
  /** entries of `overrides` */
  overrides: 500,
  /**
   * the largest `maxFileSizeKb`: analysis takes about a hundred times a file's
   * size in memory, so 16 MB already needs close to 2 GB
   */
  maxFileSizeKb: 16 * 1024,
} as const;

function readGlobs(v: unknown, where: string, problems: ConfigProblem[], budget: { left: number }): string[] {
  if (v == null) return [];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.some((g) => typeof g !== 'string')) {
    problems.push({ message: `${where} must be a list of path globs` });
    return [];
  }
  const out: string[] = [];
  for (const [i, g] of (list as string[]).entries()) {
    if (g.length > CONFIG_LIMITS.globLength) {
      problems.push({ message: `${where}[${i}] is ${g.length} characters long, over the limit of ${CONFIG_LIMITS.globLength}; it is not used` });
      continue;
    }
    if (budget.left <= 0) {
      problems.push({ message: `${where}: more than ${CONFIG_LIMITS.globs} path globs in the file; the ${list.length - i} from ${where}[${i}] on are not used` });
      break;
    }
    budget.left--;
    out.push(g);
  }
  return out;
}

/** Parses the text of a `.bulkhead.yaml`. Never throws: problems come back as messages. */
export function parseConfig(text: string): { config: BulkheadConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config = emptyConfig();
  if (text.length > CONFIG_LIMITS.textLength) {
    problems.push({ message: `the file is ${(text.length / 1048576).toFixed(1)} MB, over the limit of ${CONFIG_LIMITS.textLength / 1048576} MB; it is not used` });
    return { config, problems };
  }
  const budget = { left: CONFIG_LIMITS.globs };
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    problems.push({ message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    return { config, problems };
  }
  if (raw == null) return { config, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ message: 'the top level must be a mapping (rules, ignore, overrides)' });
    return { config, problems };
  }
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!['rules', 'ignore', 'overrides', 'maxFileSizeKb', 'profile', 'allowedRegistries'].includes(k)) problems.push({ message: `unknown key "${k}"` });
  }
  config.rules = readRules(r.rules, 'rules', problems);
  config.ignore = readGlobs(r.ignore, 'ignore', problems, budget);
  if (r.overrides != null) {
    if (!Array.isArray(r.overrides)) problems.push({ message: 'overrides must be a list' });
    else
      r.overrides.forEach((o, i) => {
        if (i === CONFIG_LIMITS.overrides) problems.push({ message: `more than ${CONFIG_LIMITS.overrides} overrides; the ${(r.overrides as unknown[]).length - i} from overrides[${i}] on are not used` });
        if (i >= CONFIG_LIMITS.overrides) return;
        if (!o || typeof o !== 'object') {
          problems.push({ message: `overrides[${i}] must be a mapping with files and rules` });
          return;
        }
        const oo = o as Record<string, unknown>;
        config.overrides.push({
          files: readGlobs(oo.files, `overrides[${i}].files`, problems, budget),
          rules: readRules(oo.rules, `overrides[${i}].rules`, problems),
        });
      });
  }
  if (r.maxFileSizeKb != null) {
    if (typeof r.maxFileSizeKb === 'number' && r.maxFileSizeKb > CONFIG_LIMITS.maxFileSizeKb) {
      problems.push({ message: `maxFileSizeKb ${r.maxFileSizeKb} is over the limit of ${CONFIG_LIMITS.maxFileSizeKb}; ${CONFIG_LIMITS.maxFileSizeKb} is used` });
      config.maxFileSizeKb = CONFIG_LIMITS.maxFileSizeKb;
    } else if (typeof r.maxFileSizeKb === 'number' && r.maxFileSizeKb > 0) config.maxFileSizeKb = r.maxFileSizeKb;
    else problems.push({ message: 'maxFileSizeKb must be a positive number' });
  }
  if (r.allowedRegistries != null) {
    const list = typeof r.allowedRegistries === 'string' ? [r.allowedRegistries] : r.allowedRegistries;
    if (!Array.isArray(list) || list.some((g) => typeof g !== 'string' || !/^[A-Za-z0-9*.:-]+$/.test(g))) {
      problems.push({ message: 'allowedRegistries must be a list of registry hosts (globs with *, e.g. "*.dkr.ecr.*.amazonaws.com")' });
    } else if (list.length > CONFIG_LIMITS.globs) {
      problems.push({ message: `allowedRegistries has more than ${CONFIG_LIMITS.globs} entries; it is not used` });
    } else config.allowedRegistries = list as string[];
  }
  if (r.profile != null) {
    if (typeof r.profile === 'string' && (PROFILES as readonly string[]).includes(r.profile)) config.profile = r.profile as Profile;
    else problems.push({ message: `profile must be ${PROFILES.join(' or ')}, got ${JSON.stringify(r.profile)}` });
  }
  return { config, problems };
}

/**
 * A config resolved for lookups. `extraRules` (e.g. VS Code settings) apply
 * over the file's `rules`; per-path overrides apply over both.
 */
export class ResolvedConfig {
  private readonly ignoreMatch: (p: string) => boolean;
  private readonly overrideMatchers: { match: (p: string) => boolean; rules: Record<string, RuleSetting> }[];

  constructor(
    readonly config: BulkheadConfig = emptyConfig(),
    readonly extraRules: Record<string, RuleSetting> = {},
    readonly extraIgnore: string[] = [],
  ) {
    this.ignoreMatch = globMatcher([...config.ignore, ...extraIgnore]);
    this.overrideMatchers = config.overrides.map((o) => ({ match: globMatcher(o.files), rules: o.rules }));
  }

  /** `relPath` is relative to the config's folder, with forward slashes. */
  isIgnored(relPath: string): boolean {
    return this.ignoreMatch(relPath);
  }

  /** The setting for a rule in a file, or undefined for the rule's default. */
  ruleSetting(ruleId: string, relPath?: string): RuleSetting | undefined {
    let s: RuleSetting | undefined = this.config.rules[ruleId] ?? wildcard(this.config.rules, ruleId);
    const e = this.extraRules[ruleId] ?? wildcard(this.extraRules, ruleId);
    if (e) s = e;
    if (relPath !== undefined) {
      for (const o of this.overrideMatchers) {
        if (o.match(relPath)) s = o.rules[ruleId] ?? wildcard(o.rules, ruleId) ?? s;
      }
    }
    return s;
  }

  /**
   * The config turns this rule on by name (not through a `target/*`
   * wildcard): a strict-profile rule named so runs in every profile.
   */
  namesRule(ruleId: string, relPath?: string): boolean {
    const on = (rules: Record<string, RuleSetting>) => rules[ruleId] !== undefined && rules[ruleId] !== 'off';
    if (on(this.config.rules) || on(this.extraRules)) return true;
    return relPath !== undefined && this.overrideMatchers.some((o) => o.match(relPath) && on(o.rules));
  }

  get maxFileBytes(): number | undefined {
    return this.config.maxFileSizeKb ? this.config.maxFileSizeKb * 1024 : undefined;
  }
}

/** `k8s/*` applies to every rule of a target. */
function wildcard(rules: Record<string, RuleSetting>, ruleId: string): RuleSetting | undefined {
  const slash = ruleId.indexOf('/');
  return slash > 0 ? rules[ruleId.slice(0, slash) + '/*'] : undefined;
}
