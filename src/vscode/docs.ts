import * as vscode from 'vscode';
import { docsUrl } from '../core';
import { loadEngine } from './engine';

/** `k8s/privileged-container` -> `docs/rules/k8s-privileged-container.md` inside the extension (works offline). */
export function ruleDocsUri(context: vscode.ExtensionContext, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId.replace(/\//g, '-')}.md`);
}

/** A page built from the rule's metadata, for when the bundled docs page is missing. */
export function ruleMarkdown(ruleId: string): string {
  const rule = loadEngine().allRules().find((r) => r.meta.id === ruleId);
  if (!rule) return `# ${ruleId}\n\nUnknown rule. See ${docsUrl(ruleId)}\n`;
  const m = rule.meta;
  return [
    `# ${m.id}: ${m.title}`,
    '',
    `Severity: **${m.severity}**${m.fix ? ` · fix: ${m.fix}` : ''}${m.equivalents.length ? ` · equivalents: ${m.equivalents.join(', ')}` : ''}`,
    '',
    m.description,
    '',
    '## Remediation',
    '',
    m.remediation,
    '',
  ].join('\n');
}

/** Opens a rule's documentation as a Markdown preview (or as text when preview is unavailable). */
export async function showRuleDocs(context: vscode.ExtensionContext, ruleId: string): Promise<void> {
  let uri = ruleDocsUri(context, ruleId);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: ruleMarkdown(ruleId) });
    uri = doc.uri;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}
