/**
 * The editor path in a real VS Code: reuses the integration tier's runner
 * (VS Code server build + headless Chromium, test/integration/run.ts) to load
 * the extension from dist/ and run test/bench/vscode-suite inside the
 * extension host. Needs `bash test/tools/setup-vscode.sh` once.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { SERVER_MAIN, Server, launchChromium, startServer, workbenchUrl } from '../integration/run';

const ROOT = path.resolve(__dirname, '../../..');
const SUITE = path.join(ROOT, 'out', 'test', 'bench', 'vscode-suite');

export interface Ctx {
  put(name: string, v: number, digits?: number): void;
  note(section: string, s: string): void;
  log(s: string): void;
  quick: boolean;
}

export async function sectionVscode(ctx: Ctx): Promise<void> {
  ctx.log('vscode: activation and change -> diagnostics inside a real VS Code extension host (server build + headless Chromium)');
  if (!fs.existsSync(SERVER_MAIN)) {
    ctx.note('vscode', `VS Code server not installed (${path.relative(ROOT, SERVER_MAIN)}): run bash test/tools/setup-vscode.sh; activation is then only measured with the shim`);
    return;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    ctx.note('vscode', 'dist/extension.js is missing: run node test/tools/build.mjs');
    return;
  }
  // a workspace with nothing that triggers activation, so the suite times it
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-ws-'));
  fs.writeFileSync(path.join(ws, 'notes.txt'), 'bench workspace\n');
  if (ctx.quick) fs.writeFileSync(path.join(ws, '.bench-quick'), '');
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer();
    browser = await launchChromium();
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.goto(workbenchUrl(server.port, ws, SUITE), { waitUntil: 'domcontentloaded', timeout: 60000 });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<number>((_, rej) => (timer = setTimeout(() => rej(new Error('timed out after 600 s')), 600000)))]);
    clearTimeout(timer);
    const file = path.join(ws, '.bench-result.json');
    if (!fs.existsSync(file)) throw new Error(`the bench suite exited ${code} without writing results`);
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { metrics: Record<string, number>; info: string[]; vscode: string };
    for (const [k, v] of Object.entries(r.metrics)) ctx.put(k, v, k.includes('activation') ? 1 : 2);
    ctx.note('vscode', `VS Code ${r.vscode} (server build, web workbench in headless Chromium)`);
    for (const i of r.info) ctx.note('vscode', i);
    ctx.log(`  ${JSON.stringify(r.metrics)}`);
  } catch (e) {
    ctx.note('vscode', `the VS Code run failed: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}${server ? `; server said: ${server.tail.slice(-3).join(' | ')}` : ''}`);
  } finally {
    await browser?.close().catch(() => undefined);
    server?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
