import { docsUrl, Rule } from '../core';

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
export function renderRuleDocs(rules: Rule<unknown>[]): { index: string; pages: Map<string, string> } {
  const pages = new Map<string, string>();
  const rows: string[] = [];
  for (const r of rules) {
    const m = r.meta;
    const lines = [
      `# ${m.id}`,
      '',
      `**${m.title}** · severity: ${m.severity} · target: ${m.target}${m.fix ? ` · fix: ${m.fix}` : ''}`,
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
    if (m.fix) lines.push('## Fix', '', `Bulkhead offers ${FIX_TEXT[m.fix]}.`, '');
    if (m.equivalents.length) lines.push('## Equivalent checks', '', m.equivalents.map((e) => `\`${e}\``).join(', '), '');
    lines.push(
      '## Suppressing',
      '',
      m.target === 'cdk' ? `\`// bulkhead-ignore ${m.id}: <reason>\` on the line above or at the end of the line.` : `\`# bulkhead-ignore ${m.id}: <reason>\` on the line above or at the end of the line (JSON: an \`overrides\` entry in .bulkhead.yaml).`,
      '',
    );
    pages.set(docsFileName(m.id), lines.join('\n'));
    rows.push(`| [${m.id}](${docsFileName(m.id)}) | ${m.title} | ${m.severity} | ${m.fix ?? ''} | ${m.equivalents.join(', ')} |`);
  }
  const index = ['# Bulkhead rules', '', `${rules.length} rules. Generated from the rules' metadata by \`bulkhead rules --write-docs docs/rules\`.`, '', '| rule | title | severity | fix | equivalents |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
  return { index, pages };
}

export { docsUrl };
