import * as fs from 'fs';
import * as path from 'path';
import { docsUrl, parseConfig, ResolvedConfig, Rule } from '../core';
import { analyzeText } from '../rules/engine';

export function docsFileName(ruleId: string): string {
  return `${ruleId.replace('/', '-')}.md`;
}

const FIX_TEXT: Record<string, string> = {
  safe: 'a safe fix (applied by "Fix all" and `bulkhead scan --fix`)',
  unsafe: 'a fix that may change behaviour (a quick fix; `bulkhead scan --fix --unsafe-fixes` in bulk)',
  manual: 'a fix that inserts a placeholder you fill in (never applied in bulk)',
};

/**
 * The docs pages, generated from rule metadata (the single source of truth):
 * one page per rule and an index. A unit test fails when docs/rules drifts.
 */
export function renderRuleDocs(rules: Rule<unknown>[], fixtures?: string): { index: string; pages: Map<string, string> } {
  const pages = new Map<string, string>();
  const rows: string[] = [];
  for (const r of rules) {
    const m = r.meta;
    const lines = [
      `# ${m.id}`,
      '',
      `**${m.title}** · severity: ${m.severity} · target: ${m.target} · profile: ${m.profile ?? 'recommended'}${m.fix ? ` · fix: ${m.fix}` : ''}`,
      '',
      '## Why it matters',
      '',
      m.description,
      '',
      '## What to do',
      '',
      m.remediation,
      '',
    ];
    if (m.target !== 'general') {
      lines.push(
        '## Profile',
        '',
        m.profile === 'strict'
          ? `\`strict\` only: ${m.profileReason} Name it in \`.bulkhead.yaml\` \`rules:\` to run it in the default profile too.`
          : 'Runs in the default `recommended` profile: a finding is something a reviewer would act on.',
        '',
      );
    }
    if (m.fix) lines.push('## Fix', '', `Bulkhead offers ${FIX_TEXT[m.fix]}.`, '');
    const ex = fixtures ? exampleOf(m.id, fixtures) : undefined;
    if (ex) {
      lines.push('## Example', '', `Reported (\`${ex.bad.file}\`, line ${ex.bad.line}):`, '', fence(ex.bad), '');
      if (ex.good) lines.push(ex.good.fixed ? 'After the fix:' : `Not reported (\`${ex.good.file}\`):`, '', fence(ex.good), '');
    }
    if (m.aliases?.length) lines.push('## Former ids', '', `Suppressions and \`.bulkhead.yaml\` settings naming ${m.aliases.map((a) => `\`${a}\``).join(', ')} still apply to this rule.`, '');
    if (m.equivalents.length) lines.push('## Equivalent checks', '', m.equivalents.map((e) => `\`${e}\``).join(', '), '');
    lines.push(
      '## Suppressing',
      '',
      m.target === 'cdk' ? `\`// bulkhead-ignore ${m.id}: <reason>\` on the line above or at the end of the line.` : `\`# bulkhead-ignore ${m.id}: <reason>\` on the line above or at the end of the line (JSON: an \`overrides\` entry in .bulkhead.yaml).`,
      '',
    );
    pages.set(docsFileName(m.id), lines.join('\n'));
    for (const a of m.aliases ?? []) pages.set(docsFileName(a), [`# ${a}`, '', `This rule is now [${m.id}](${docsFileName(m.id)}); suppressions and settings naming \`${a}\` still apply to it.`, ''].join('\n'));
    rows.push(`| [${m.id}](${docsFileName(m.id)}) | ${m.title} | ${m.severity} | ${m.target === 'general' ? '' : (m.profile ?? 'recommended')} | ${m.fix ?? ''} | ${m.equivalents.join(', ')} |`);
  }
  const index = ['# Bulkhead rules', '', `${rules.length} rules. Generated from the rules' metadata by \`bulkhead rules --write-docs docs/rules\`.`, '', '| rule | title | severity | profile | fix | equivalents |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
  return { index, pages };
}

export { docsUrl };

interface Excerpt {
  file: string;
  /** 1-based line of the finding */
  line: number;
  lang: string;
  text: string;
  fixed?: boolean;
}

const WINDOW = 7;
const WHOLE = 24;

function langOf(file: string): string {
  if (/dockerfile|containerfile/i.test(file)) return 'dockerfile';
  if (/\.tsx?$/.test(file)) return 'ts';
  if (/\.jsonc?$/.test(file)) return 'json';
  if (/\.tf$/.test(file)) return 'hcl';
  return 'yaml';
}

/** The lines of a fixture without the test's `expect:` markers. */
function displayLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s*(#|\/\/)\s*expect:.*$/, (m, _c, off) => (l.slice(0, off).trim() ? '' : m)));
}

function excerpt(file: string, text: string, line0: number, fixed?: boolean, grow = 0): Excerpt {
  const all = displayLines(text);
  const keep = (l: string) => !/^\s*(#|\/\/)\s*expect:/.test(l);
  let from = 0;
  let to = all.length;
  if (all.length > WHOLE + grow) {
    from = Math.max(0, line0 - WINDOW);
    to = Math.min(all.length, line0 + WINDOW + 1 + grow);
  }
  const body = all.slice(from, to).filter(keep);
  while (body.length && !body[body.length - 1].trim()) body.pop();
  const text2 = (from > 0 ? ['…'] : []).concat(body, to < all.length ? ['…'] : []).join('\n');
  return { file, line: line0 + 1, lang: langOf(file), text: text2, fixed };
}

function fence(e: Excerpt): string {
  return '```' + e.lang + '\n' + e.text + '\n```';
}

const fixtureConfigs = new Map<string, ResolvedConfig | undefined>();

/**
 * The configuration a rule's fixture folder is analysed with: its
 * `.bulkhead.yaml`, for rules that read a setting (read once per folder).
 */
export function fixtureConfig(dir: string): ResolvedConfig | undefined {
  if (!fixtureConfigs.has(dir)) {
    const cfg = path.join(dir, '.bulkhead.yaml');
    fixtureConfigs.set(dir, fs.existsSync(cfg) ? new ResolvedConfig(parseConfig(fs.readFileSync(cfg, 'utf8')).config) : undefined);
  }
  return fixtureConfigs.get(dir);
}

/**
 * A reported and a clean example for a rule, taken from its fixtures (the
 * fixture tests check that the first is reported, its fixed twin or the
 * valid file is not): the smallest invalid file, around its first finding,
 * and the fixed twin (or the smallest valid file).
 */
export function exampleOf(ruleId: string, fixtures: string): { bad: Excerpt; good?: Excerpt } | undefined {
  const [target, slug] = ruleId.split('/');
  const dir = path.join(fixtures, target === 'bulkhead' ? 'general' : target, slug ?? '');
  if (!fs.existsSync(dir)) return undefined;
  const files = fs.readdirSync(dir).filter((f) => !f.endsWith('.expect')).sort();
  // the plain `invalid.*` first (the common idiom), then the smallest
  const plain = (f: string) => (/^invalid\.[^.]+$/.test(f) ? 0 : 1);
  const bySize = (a: string, b: string) => plain(a) - plain(b) || fs.statSync(path.join(dir, a)).size - fs.statSync(path.join(dir, b)).size || a.localeCompare(b);
  for (const f of files.filter((x) => x.startsWith('invalid') && !x.includes('.fixed.')).sort(bySize)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const hit = analyzeText(text, { path: path.join(dir, f), config: fixtureConfig(dir) }).findings.find((x) => x.ruleId === ruleId && !x.suppressed);
    if (!hit) continue;
    const bad = excerpt(f, text, hit.range.start.line);
    const twin = f.replace(/^(invalid[^.]*)\./, '$1.fixed.');
    if (files.includes(twin)) {
      const fixed = fs.readFileSync(path.join(dir, twin), 'utf8');
      const grow = Math.max(0, fixed.split('\n').length - text.split('\n').length);
      return { bad, good: excerpt(twin, fixed, hit.range.start.line, true, grow) };
    }
    const valid = files.filter((x) => x.startsWith('valid')).sort(bySize)[0];
    return { bad, good: valid ? excerpt(valid, fs.readFileSync(path.join(dir, valid), 'utf8'), 0) : undefined };
  }
  return undefined;
}
