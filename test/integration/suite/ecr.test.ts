/**
 * The ECR view inside a real VS Code extension host, against the local ECR
 * stand-in the runner starts (machine settings point bulkhead.ecr.endpoint at
 * it; the server has dummy credentials): the tree's node kinds through the
 * registered TreeDataProvider, a scan's life cycle through the real command,
 * an error node and its Retry, and the code → registry cross-link.
 */
import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';
import type { EcrNode } from '../../../src/vscode/ecr/model';
import { api, wsUri } from './helpers';

async function provider() {
  const p = (await api()).ecr.provider;
  await until(() => p.model !== undefined, 'the ECR view to be configured from the machine settings');
  return p;
}

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const endpoint = vscode.workspace.getConfiguration('bulkhead.ecr').get<string>('endpoint') ?? '';
  const url = new URL(path, endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text ? JSON.parse(text) : undefined));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('ECR view against the local stand-in', function () {
  this.timeout(60000);

  before(async () => {
    await admin('POST', '/__admin/reset');
  });

  async function childrenOf(n?: EcrNode): Promise<EcrNode[]> {
    const p = await provider();
    return (await p.getChildren(n)) ?? [];
  }

  function item(n: EcrNode) {
    return (async () => (await provider()).getTreeItem(n))();
  }

  it('registry → repositories → images → findings by severity, with descriptions and tooltips', async () => {
    const [registry] = await childrenOf();
    assert.strictEqual(registry.kind, 'registry', 'the root is the registry');
    const regItem = await item(registry);
    assert.match(String(regItem.label), /123456789012 · us-east-1/);
    assert.match(String(regItem.description), /scanning/);

    const repos = await childrenOf(registry);
    const names = repos.filter((r) => r.kind === 'repository').map((r) => r.repo!.name);
    assert.deepStrictEqual(names.sort(), ['bulkhead/api', 'bulkhead/web', 'bulkhead/worker']);
    const api = repos.find((r) => r.repo?.name === 'bulkhead/api')!;
    const apiItem = await item(api);
    assert.match(String(apiItem.description), /no scan on push · mutable · AES256/);
    assert.strictEqual(apiItem.contextValue, 'ecr.repository.warning', 'guidance warning on a repository without scan on push');

    const web = repos.find((r) => r.repo?.name === 'bulkhead/web')!;
    const images = (await childrenOf(web)).filter((n) => n.kind === 'image');
    const first = await item(images[0]);
    assert.match(String(first.label), /1\.4\.2/, 'newest image first');
    assert.match(String(first.description), /2 CRITICAL · 5 HIGH/);
    assert.ok(first.tooltip instanceof vscode.MarkdownString && /Digest: `sha256:/.test(first.tooltip.value), 'Markdown tooltip with the digest');

    const groups = await childrenOf(images[0]);
    assert.deepStrictEqual(
      groups.filter((g) => g.kind === 'severity').map((g) => g.severity).slice(0, 2),
      ['CRITICAL', 'HIGH'],
      'severity groups, worst first',
    );
    const findings = await childrenOf(groups[0]);
    assert.strictEqual(findings.length, 2, 'two CRITICAL findings');
    const f = await item(findings[0]);
    assert.ok(f.tooltip instanceof vscode.MarkdownString, 'a finding has a Markdown tooltip');
    assert.match(String(f.label), /CVE-|GHSA-|ALAS/);
  });

  it('statuses that are not COMPLETE show as themselves', async () => {
    const [registry] = await childrenOf();
    const worker = (await childrenOf(registry)).find((r) => r.repo?.name === 'bulkhead/worker')!;
    const descs = await Promise.all((await childrenOf(worker)).filter((n) => n.kind === 'image').map(async (n) => String((await item(n)).description)));
    assert.ok(descs.some((d) => d.includes('UNSUPPORTED_IMAGE')), `UNSUPPORTED_IMAGE shown: ${descs.join(' | ')}`);
    assert.ok(descs.some((d) => d.includes('LIMIT_EXCEEDED')), `LIMIT_EXCEEDED shown: ${descs.join(' | ')}`);
  });

  it('Start Image Scan: the image shows the scan in progress, then its findings', async () => {
    const [registry] = await childrenOf();
    const worker = (await childrenOf(registry)).find((r) => r.repo?.name === 'bulkhead/worker')!;
    const nightly = (await childrenOf(worker)).find((n) => n.image?.tags.includes('nightly'))!;
    assert.ok(nightly, 'the never-scanned nightly image');
    await vscode.commands.executeCommand('bulkhead.ecr.startScan', nightly);
    await until(async () => /MEDIUM/.test(String((await item(nightly)).description)), 'the scan to complete and the node to show MEDIUM findings', 40000);
  });

  it('an AccessDenied error becomes an error node naming the ecr: action, and Retry recovers', async () => {
    await admin('POST', '/__admin/faults', { kind: 'access-denied', operation: 'DescribeImages', times: 1 });
    const p = await provider();
    p.model!.reset();
    p.fire();
    const [registry] = await childrenOf();
    const repo = (await childrenOf(registry)).find((r) => r.repo?.name === 'bulkhead/api')!;
    const kids = await childrenOf(repo);
    const err = kids.find((k) => k.kind === 'error');
    assert.ok(err, `an error node, got ${kids.map((k) => k.kind).join(', ')}`);
    const errItem = await item(err);
    assert.match(`${errItem.label} ${errItem.tooltip instanceof vscode.MarkdownString ? errItem.tooltip.value : errItem.tooltip ?? ''}`, /ecr:DescribeImages/);
    assert.match(String(errItem.contextValue), /^ecr\.error/, 'the error node offers Retry');
    await vscode.commands.executeCommand('bulkhead.ecr.retry', err);
    await until(async () => (await childrenOf(repo)).some((k) => k.kind === 'image'), 'Retry to load the images');
  });

  it('an image reference to the registry gets its severity counts as a diagnostic and a hover', async () => {
    const uri = wsUri('ecr/taskdef.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await until(() => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'Bulkhead ECR'), 'the cross-link diagnostic on the image reference', 30000);
    const d = vscode.languages.getDiagnostics(uri).find((x) => x.source === 'Bulkhead ECR')!;
    assert.match(d.message, /2 CRITICAL · 5 HIGH/);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(d.range), /bulkhead\/web:1\.4\.2/, 'the diagnostic covers the image reference');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start.translate(0, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /CRITICAL/, `hover lists the worst findings: ${text.slice(0, 200)}`);
  });
});
