/**
 * Code ↔ registry: image references in analysed files that point at the
 * configured registry get a diagnostic with the image's severity counts (when
 * it has findings at or above the threshold), a hover with the worst findings,
 * and a "Reveal in ECR view" code action. Lookups are cached and rate-limited
 * (ImageLookup); the caller disables all of it in Restricted Mode or when ECR
 * is not configured.
 */
import * as vscode from 'vscode';
import {
  atOrAbove,
  EcrFinding,
  EcrImageRef,
  EcrService,
  findEcrImageRefs,
  fixedInLabel,
  formatEcrImageRef,
  formatSeverityCounts,
  hasUsableFindings,
  ImageLookup,
  packageLabel,
  refKey,
  refMatchesRegistry,
  sortFindings,
} from '../../ecr';
import { code, md as mdEscape } from './model';

export const ECR_DIAGNOSTIC_SOURCE = 'Bulkhead ECR';
export const ECR_DIAGNOSTIC_CODE = 'ecr/image-findings';
export const CMD_REVEAL_IMAGE = 'bulkhead.ecr.revealImage';

const LANGS = new Set(['yaml', 'json', 'jsonc', 'dockerfile', 'typescript', 'javascript', 'typescriptreact']);

function relevant(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-userdata') return false;
  if (LANGS.has(doc.languageId)) return true;
  const base = doc.uri.path.split('/').pop() ?? '';
  return /^(Dockerfile|Containerfile)(\..*)?$/.test(base) || base.endsWith('.Dockerfile');
}

export interface CrossLinkTarget {
  service: EcrService;
  /** resolved on first need (GetRegistryScanningConfiguration), so activation sends nothing */
  registryId: () => Promise<string>;
  region: string;
  threshold: string;
}

export class EcrCrossLink implements vscode.Disposable, vscode.HoverProvider, vscode.CodeActionProvider {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('bulkhead-ecr');
  private readonly disposables: vscode.Disposable[] = [];
  private target: CrossLinkTarget | undefined;
  private registryId: string | undefined;
  private lookup: ImageLookup | undefined;
  private readonly findingsCache = new Map<string, { at: number; findings: EcrFinding[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor() {
    const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];
    this.disposables.push(
      this.diagnostics,
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeActionsProvider(selector, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    );
  }

  /** Point at a registry (or undefined to switch off and clear everything). */
  setTarget(t: CrossLinkTarget | undefined): void {
    this.target = t;
    this.registryId = undefined;
    this.lookup?.dispose();
    this.lookup = t
      ? new ImageLookup((repo, id, registryId) => t.service.describeImage(repo, id, { registryId }), { ttlMs: 5 * 60_000 })
      : undefined;
    this.findingsCache.clear();
    this.diagnostics.clear();
    if (t) for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  refreshAll(): void {
    this.lookup?.invalidate();
    this.findingsCache.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  schedule(doc: vscode.TextDocument): void {
    if (!this.target || !relevant(doc)) return;
    const key = doc.uri.toString();
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(doc);
      }, 400),
    );
  }

  private refsOf(doc: vscode.TextDocument): { ref: EcrImageRef; range: vscode.Range }[] {
    const t = this.target;
    const id = this.registryId;
    if (!t || !id) return [];
    const text = doc.getText();
    if (text.length > 2_000_000) return [];
    return findEcrImageRefs(text, 200)
      .filter((m) => refMatchesRegistry(m.ref, id, t.region))
      .map((m) => ({ ref: m.ref, range: new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end)) }));
  }

  async update(doc: vscode.TextDocument): Promise<void> {
    const t = this.target;
    const lookup = this.lookup;
    if (!t || !lookup || doc.isClosed) return;
    // nothing is asked of ECR for files without an ECR reference in this region
    if (!findEcrImageRefs(doc.getText(), 200).some((m) => m.ref.region === t.region)) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    if (!this.registryId) {
      try {
        this.registryId = await t.registryId();
      } catch {
        return;
      }
      if (this.target !== t) return;
    }
    const refs = this.refsOf(doc);
    const out: vscode.Diagnostic[] = [];
    await Promise.all(
      refs.map(async ({ ref, range }) => {
        const r = await lookup.get(ref);
        if (!r.ok || !hasUsableFindings(r.image.scan.status)) return;
        const counts = r.image.counts ?? {};
        const hit = Object.keys(counts).some((k) => (counts[k] ?? 0) > 0 && atOrAbove(k, t.threshold));
        if (!hit) return;
        const text = formatSeverityCounts(counts, t.threshold);
        const critical = (counts.CRITICAL ?? 0) > 0;
        const d = new vscode.Diagnostic(
          range,
          `ECR scan of ${ref.repository}${ref.digest ? '@' + ref.digest.slice(0, 19) + '…' : ':' + (ref.tag ?? 'latest')}: ${text}`,
          critical ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = ECR_DIAGNOSTIC_SOURCE;
        d.code = ECR_DIAGNOSTIC_CODE;
        out.push(d);
      }),
    );
    if (this.target === t && !doc.isClosed) this.diagnostics.set(doc.uri, out);
  }

  private async worstFindings(ref: EcrImageRef): Promise<EcrFinding[]> {
    const t = this.target;
    if (!t) return [];
    const key = refKey(ref);
    const hit = this.findingsCache.get(key);
    if (hit && Date.now() - hit.at < 5 * 60_000) return hit.findings;
    const page = await t.service.getFindings(ref.repository, ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag ?? 'latest' }, {
      registryId: ref.registryId,
      maxResults: 100,
    });
    const findings = sortFindings(page.items).slice(0, 5);
    this.findingsCache.set(key, { at: Date.now(), findings });
    return findings;
  }

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.target || !this.lookup || !relevant(doc)) return undefined;
    const m = this.refsOf(doc).find((x) => x.range.contains(pos));
    if (!m) return undefined;
    const r = await this.lookup.get(m.ref);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [CMD_REVEAL_IMAGE] };
    // names from the file and values from the registry are escaped; only the reveal command may run
    md.appendMarkdown(`**Amazon ECR** ${code(`${m.ref.repository}${m.ref.digest ? '@' + m.ref.digest.slice(0, 19) + '…' : ':' + (m.ref.tag ?? 'latest')}`)}\n\n`);
    if (!r.ok) {
      md.appendText(r.error.message);
      return new vscode.Hover(md, m.range);
    }
    const img = r.image;
    md.appendMarkdown(`Scan: **${mdEscape(img.scan.status)}**${img.pushedAt ? ` · pushed ${img.pushedAt.toISOString().slice(0, 10)}` : ''}\n\n`);
    const counts = formatSeverityCounts(img.counts);
    if (counts) md.appendMarkdown(`${counts}\n\n`);
    if (hasUsableFindings(img.scan.status) && counts) {
      try {
        for (const f of await this.worstFindings(m.ref)) {
          const fixed = fixedInLabel(f);
          md.appendMarkdown(`- ${mdEscape(f.severity)} `);
          if (f.url) md.appendMarkdown(`[${mdEscape(f.id)}](${f.url})`);
          else md.appendText(f.id);
          md.appendText(` ${packageLabel(f)}${fixed ? ` → ${fixed}` : ''}${f.cvss !== undefined ? ` (CVSS ${f.cvss})` : ''}`);
          md.appendMarkdown('\n');
        }
      } catch (e) {
        md.appendText((e as Error).message);
      }
    }
    const args = encodeURIComponent(JSON.stringify([formatEcrImageRef(m.ref)]));
    md.appendMarkdown(`\n[Reveal in ECR view](command:${CMD_REVEAL_IMAGE}?${args})`);
    return new vscode.Hover(md, m.range);
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.target) return [];
    const out: vscode.CodeAction[] = [];
    const refs = this.refsOf(doc).filter((x) => x.range.intersection(range));
    for (const m of refs) {
      const a = new vscode.CodeAction(`Reveal ${m.ref.repository} in ECR view`, vscode.CodeActionKind.QuickFix);
      a.command = { command: CMD_REVEAL_IMAGE, title: 'Reveal in ECR view', arguments: [formatEcrImageRef(m.ref)] };
      a.diagnostics = ctx.diagnostics.filter((d) => d.source === ECR_DIAGNOSTIC_SOURCE && d.range.intersection(m.range));
      out.push(a);
    }
    return out;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.lookup?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
