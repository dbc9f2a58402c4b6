/**
 * Runs the integration suite inside a real VS Code extension host: the VS Code
 * server build (installed by test/tools/setup-vscode.sh) with its web
 * workbench in headless Chromium, as described in /work/shared/real-vscode.md.
 *
 *   node out/test/integration/run.js        (npm run test:integration)
 *
 * Environment: BULKHEAD_IT_TIMEOUT_S (default 600), BULKHEAD_CHROMIUM
 * (default /usr/bin/chromium), BULKHEAD_IT_KEEP=1 keeps the temp folders.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, Browser } from 'playwright-core';
import { ROOT, SUITE_DIR, prepareWorkspace } from './workspace';
import { EcrStandIn } from '../ecr-server/server';

export const SERVER_MAIN = path.join(ROOT, '.vscode-test', 'server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const CHROMIUM = process.env.BULKHEAD_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.BULKHEAD_IT_TIMEOUT_S || 600) * 1000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  port: number;
  proc: ChildProcess;
  dataDir: string;
  /** the last lines it printed */
  tail: string[];
  stop(): void;
}

/** Starts server-main.js and resolves once it listens. */
export async function startServer(
  opts: { trust?: boolean; waitMs?: number; host?: string; port?: number; env?: NodeJS.ProcessEnv; machineSettings?: Record<string, unknown>; extraArgs?: string[] } = {},
): Promise<Server> {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`VS Code server not installed at ${SERVER_MAIN}: run bash test/tools/setup-vscode.sh`);
  const port = opts.port || (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-vscode-data-'));
  if (opts.machineSettings) {
    // machine-scoped settings (e.g. bulkhead.ecr.*) live with the server
    fs.mkdirSync(path.join(dataDir, 'data', 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'data', 'Machine', 'settings.json'), JSON.stringify(opts.machineSettings, null, 2));
  }
  const args = [
    SERVER_MAIN,
    '--host', opts.host ?? '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--server-data-dir', dataDir,
  ];
  if (opts.trust !== false) args.push('--disable-workspace-trust');
  if (opts.extraArgs) args.push(...opts.extraArgs);
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: opts.env ?? process.env });
  const tail: string[] = [];
  const server: Server = {
    port,
    proc,
    dataDir,
    tail,
    stop() {
      if (proc.exitCode === null && proc.pid) {
        try {
          process.kill(-proc.pid, 'SIGTERM');
        } catch {
          proc.kill('SIGTERM');
        }
      }
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${(opts.waitMs ?? 60000) / 1000}s waiting for the VS Code server to print "Extension host agent listening on ${port}". Its output:\n${tail.join('\n')}`)), opts.waitMs ?? 60000);
    const onData = (b: Buffer) => {
      for (const line of b.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        if (process.env.BULKHEAD_IT_VERBOSE) console.log(`[server] ${line}`);
        if (line.includes('Extension host agent listening on')) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited (${code}) before listening. Its output:\n${tail.join('\n')}`));
    });
  });
  return server;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** The workbench URL for a folder, with the extension under development and (optionally) the tests to run. */
export function workbenchUrl(port: number, folder: string, testsPath?: string, host = '127.0.0.1'): string {
  const remote = (p: string) => `vscode-remote://${host}:${port}${p}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(ROOT)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `http://${host}:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The suite's lines (see MARK in suite/index.ts) inside the workbench's console messages. */
const MARK = 'BULKHEAD-IT|';
function suiteLine(text: string): string | undefined {
  const at = text.indexOf(MARK);
  return at < 0 ? undefined : text.slice(at + MARK.length);
}

async function main(): Promise<number> {
  const started = Date.now();
  const ws = prepareWorkspace();
  let phase = 'the VS Code server to start';
  let server: Server | undefined;
  let standIn: EcrStandIn | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  const consoleTail: string[] = [];
  try {
    // the ECR view talks to the local stand-in (never AWS): machine settings + dummy credentials
    phase = 'the ECR stand-in to start';
    standIn = new EcrStandIn({ scanReads: 2 });
    const ecrUrl = await standIn.start();
    phase = 'the VS Code server to start';
    server = await startServer({
      machineSettings: { 'bulkhead.ecr.endpoint': ecrUrl, 'bulkhead.ecr.region': 'us-east-1' },
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'stand-in', AWS_SECRET_ACCESS_KEY: 'stand-in', AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: '' },
    });
    phase = 'Chromium to start';
    browser = await launchChromium();
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    page.on('console', (msg) => {
      const line = suiteLine(msg.text());
      if (line !== undefined) {
        console.log(line);
      } else if (process.env.BULKHEAD_IT_VERBOSE) {
        console.log(`[workbench ${msg.type()}] ${msg.text()}`);
      } else if (msg.type() === 'error') {
        consoleTail.push(`[workbench ${msg.type()}] ${msg.text()}`);
        if (consoleTail.length > 40) consoleTail.shift();
      }
    });
    page.on('pageerror', (e) => consoleTail.push(`[workbench pageerror] ${e.message}`));
    const url = workbenchUrl(server.port, ws, SUITE_DIR);
    console.log(`integration: VS Code server on port ${server.port}, workspace ${ws}`);
    phase = 'the workbench page to load';
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    phase = 'the test suite to finish (the workbench calls codeAutomationExit when run() in out/test/integration/suite/index.js settles)';
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
    });
    const code = await Promise.race([exited, timeout]);
    console.log(`integration: suite exited with code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } catch (e) {
    const msg = (e as Error).message === 'timeout' ? `timed out after ${TIMEOUT_MS / 1000}s` : (e as Error).message;
    console.error(`integration: FAILED while waiting for ${phase}: ${msg}`);
    if (consoleTail.length) console.error(`last workbench console messages:\n${consoleTail.join('\n')}`);
    if (server) console.error(`last VS Code server output:\n${server.tail.join('\n')}`);
    return 2;
  } finally {
    if (timer) clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    server?.stop();
    await standIn?.close().catch(() => undefined);
    if (!process.env.BULKHEAD_IT_KEEP) {
      fs.rmSync(ws, { recursive: true, force: true });
      if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    } else console.log(`kept workspace ${ws}${server ? ` and server data ${server.dataDir}` : ''}`);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
