/**
 * The end-to-end UI tier: the shipped package (bulkhead-<version>.vsix, built
 * by `npm run package`) installed into the real VS Code server build, its web
 * workbench driven with Playwright in headless Chromium, on copies of
 * examples/, with the local ECR stand-in as the registry. Each scenario of
 * issue 8 checks what a person sees and saves test-results/e2e/<scenario>.png.
 *
 *   node out/test/e2e/run.js            (npm run test:e2e; after npm run build)
 *
 * Env: BULKHEAD_E2E_GREP (run scenarios whose name matches), BULKHEAD_E2E_NO_PACKAGE=1
 * (reuse an existing .vsix), BULKHEAD_E2E_KEEP=1 (keep temp folders),
 * BULKHEAD_E2E_WAIT_S (per-wait timeout, default 30), BULKHEAD_CHROMIUM.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { SERVER_MAIN, Server, startServer } from '../integration/run';
import { ROOT } from '../integration/workspace';
import { DEFAULT_TIMEOUT_MS, Workbench, hidden, poll, visible } from './ui';

const CHROMIUM = process.env.BULKHEAD_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const VIEWPORT = { width: 1400, height: 900 };
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

// --- setup: package, stand-in, workspace, server, browser --------------------

function packageVsix(): string {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const vsix = path.join(ROOT, `bulkhead-${version}.vsix`);
  if (process.env.BULKHEAD_E2E_NO_PACKAGE && fs.existsSync(vsix)) return vsix;
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: run npm run build first');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 || !fs.existsSync(vsix)) throw new Error(`npm run package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return vsix;
}

function installVsix(vsix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-e2e-ext-'));
  const r = spawnSync(process.execPath, [SERVER_MAIN, '--install-extension', vsix, '--extensions-dir', dir, '--accept-server-license-terms'], { encoding: 'utf8' });
  const installed = fs.readdirSync(dir).filter((d) => d.startsWith('bulkhead.bulkhead-'));
  if (r.status !== 0 || installed.length === 0) throw new Error(`installing ${vsix} into the VS Code server failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return dir;
}

interface StandIn {
  url: string;
  proc: ChildProcess;
  admin(method: string, p: string, body?: unknown): Promise<unknown>;
}

async function startStandIn(): Promise<StandIn> {
  const main = path.join(ROOT, 'out', 'test', 'ecr-server', 'main.js');
  const proc = spawn(process.execPath, [main], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`expected "ECR stand-in listening on" from ${main} within 15s; it printed: ${out}`)), 15000);
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /ECR stand-in listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`the ECR stand-in exited (${code}): ${out}`)));
  });
  return {
    url,
    proc,
    async admin(method, p, body) {
      const res = await fetch(url + p, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`stand-in admin ${method} ${p}: HTTP ${res.status}`);
      return res.json();
    },
  };
}

/** A copy of examples/ (never the repository's own files). */
function copyExamples(): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-e2e-ws-'));
  fs.cpSync(path.join(ROOT, 'examples'), dest, { recursive: true });
  return dest;
}

interface Session {
  server: Server;
  context: BrowserContext;
  page: Page;
  wb: Workbench;
  ws: string;
  userDataDir: string;
}

async function openSession(browserPath: string, opts: { trust: boolean; extDir: string; standIn: StandIn }): Promise<Session> {
  const ws = copyExamples();
  const server = await startServer({
    trust: opts.trust,
    waitMs: 120000,
    extraArgs: ['--extensions-dir', opts.extDir],
    machineSettings: { 'bulkhead.ecr.endpoint': opts.standIn.url, 'bulkhead.ecr.region': 'us-east-1' },
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'stand-in', AWS_SECRET_ACCESS_KEY: 'stand-in', AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: '', AWS_SESSION_TOKEN: '' },
  });
  // a fresh Chromium profile per session, a fixed viewport for readable screenshots
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: browserPath,
    headless: true,
    viewport: VIEWPORT,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  const payload = [['skipWelcome', 'true']];
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  const wb = new Workbench(page);
  return { server, context, page, wb, ws, userDataDir };
}

async function closeSession(s: Session | undefined): Promise<void> {
  if (!s) return;
  await s.context.close().catch(() => undefined);
  s.server.stop();
  if (!process.env.BULKHEAD_E2E_KEEP) {
    for (const d of [s.ws, s.server.dataDir, s.userDataDir]) fs.rmSync(d, { recursive: true, force: true });
  }
}

// --- scenarios ------------------------------------------------------------------

interface Ctx {
  s: Session;
  wb: Workbench;
  page: Page;
  ws: string;
  standIn: StandIn;
}

type Scenario = { name: string; trust: boolean; run: (c: Ctx) => Promise<void> };
const scenarios: Scenario[] = [];
const scenario = (name: string, run: (c: Ctx) => Promise<void>, trust = true) => scenarios.push({ name, trust, run });

const read = (c: Ctx, rel: string) => fs.readFileSync(path.join(c.ws, rel), 'utf8');

/** Waits until the file on disk satisfies `ok` (after a save). */
async function fileBecomes(c: Ctx, rel: string, what: string, ok: (t: string) => boolean): Promise<string> {
  return poll(`${rel} on disk to ${what}`, async () => {
    const t = read(c, rel);
    return ok(t) ? t : undefined;
  }, undefined, async () => read(c, rel).slice(0, 1500));
}

/** A Problems row for a Bulkhead finding of `rule`. */
const hasRule = (rule: string) => (rows: string[]) => rows.some((r) => r.includes(rule) && /generated by bulkhead /i.test(r));

async function expectSquiggle(c: Ctx, line: number, col: number, endCol: number, what: string): Promise<void> {
  await c.wb.goto(line, col);
  let last = '';
  await poll(`a squiggle exactly under ${what} (line ${line}, columns ${col}-${endCol})`, async () => {
    const r = await c.wb.squiggleOn(line, col, endCol);
    last = r.detail;
    return r.ok;
  }, undefined, async () => last);
}

// 1. diagnostics on the exact tokens, Problems panel with rule ids and a docs link that opens the rule's page
scenario('01-ecs-diagnostics-problems-docs', async (c) => {
  await c.wb.openFile('ecs/taskdef.json');
  await expectSquiggle(c, 26, 21, 25, '`true` of "privileged": true (ecs/privileged-container)');
  await expectSquiggle(c, 17, 49, 71, 'the AWS access key value (ecs/aws-credentials-in-env)');
  await expectSquiggle(c, 16, 43, 61, 'the DB_PASSWORD value (ecs/secret-in-env)');
  await expectSquiggle(c, 2, 13, 22, '"web-app" (ecs/no-task-role)');
  const rows = await c.wb.waitProblems(
    'the Problems panel to list Bulkhead findings ecs/privileged-container [Ln 26, Col 21], ecs/no-task-role [Ln 2, Col 13] and ecs/aws-credentials-in-env for taskdef.json',
    (rs) =>
      rs.some((r) => r.includes('ecs/privileged-container') && /Ln 26, Col 21/.test(r)) &&
      rs.some((r) => r.includes('ecs/no-task-role') && /Ln 2, Col 13/.test(r)) &&
      hasRule('ecs/aws-credentials-in-env')(rs),
    'taskdef.json',
  );
  if (!rows.some((r) => r.includes('taskdef.json'))) throw new Error('expected a taskdef.json file row in the Problems panel');
  await c.page.screenshot({ path: path.join(SHOTS, '01-ecs-diagnostics-problems-docs.png') });
  // the rule id is a link to the bundled docs page
  await c.wb.showProblems('ecs/privileged-container');
  const link = await visible(c.wb.problemsPanel().locator('.monaco-list-row a', { hasText: 'ecs/privileged-container' }), 'the rule id ecs/privileged-container as a link in the Problems row');
  await link.click();
  await visible(c.page.locator('.tabs-container .tab.active[aria-label*="ecs-privileged-container.md"]'), 'the rule documentation ecs-privileged-container.md opened in an editor tab');
  await poll('the docs page text "ecs/privileged-container"', async () => (await c.page.locator('.editor-instance .view-lines').first().textContent())?.includes('privileged'));
  await c.page.screenshot({ path: path.join(SHOTS, '01b-rule-docs.png') });
  await c.wb.showProblems('');
});

// 2. Ctrl+. on a task definition without a task role -> "Add taskRoleArn …" with the placeholder selected
scenario('02-ecs-add-task-role', async (c) => {
  await c.wb.openFile('ecs/taskdef.json');
  await c.wb.goto(2, 14);
  const title = 'Add taskRoleArn (role web-app-task-role';
  await c.wb.quickFixes((ts) => ts.some((t) => t.startsWith(title)), `"${title}…" in the lightbulb menu`);
  await c.page.screenshot({ path: path.join(SHOTS, '02-ecs-add-task-role-menu.png') });
  await c.wb.applyQuickFix(title);
  // the role name placeholder is selected: the status bar counts its characters
  await poll('the placeholder "web-app-task-role" (17 characters) selected', async () => (await c.wb.selectionStatus()).includes('(17 selected)'), undefined, () => c.wb.selectionStatus());
  await c.page.screenshot({ path: path.join(SHOTS, '02-ecs-add-task-role.png') });
  // typing replaces exactly the selection
  await c.page.keyboard.type('orders-task-role');
  await c.wb.save();
  const t = await fileBecomes(c, 'ecs/taskdef.json', 'have "taskRoleArn": "arn:aws:iam::123456789012:role/orders-task-role" before executionRoleArn', (s) =>
    /"family": "web-app",\n  "taskRoleArn": "arn:aws:iam::123456789012:role\/orders-task-role",\n  "executionRoleArn"/.test(s),
  );
  JSON.parse(t);
  await c.wb.waitProblems('ecs/no-task-role gone from the Problems panel for taskdef.json', (rs) => !hasRule('ecs/no-task-role')(rs) && hasRule('ecs/privileged-container')(rs), 'taskdef.json');
});

// 3. Dockerfile without USER -> "Add a non-root user (debian)"
scenario('03-dockerfile-non-root-user', async (c) => {
  await c.wb.openFile('docker/Dockerfile');
  await expectSquiggle(c, 10, 6, 17, 'node:latest of the final FROM (dockerfile/root-user)');
  await c.wb.applyQuickFix('Add a non-root user (debian)');
  await c.page.screenshot({ path: path.join(SHOTS, '03-dockerfile-non-root-user.png') });
  await c.wb.save();
  const t = await fileBecomes(c, 'docker/Dockerfile', 'get a Debian-style non-root user (useradd/groupadd … USER) in the final stage', (s) => /(useradd|adduser)/.test(s) && /\nUSER [^\n]+\n/.test(s));
  const finalStage = t.slice(t.indexOf('FROM node:latest'));
  if (!/USER /.test(finalStage)) throw new Error(`expected the USER line in the final stage, got:\n${finalStage}`);
  if (/addgroup -S|adduser -S|apk /.test(t)) throw new Error(`expected Debian commands (useradd/groupadd), got Alpine ones:\n${t}`);
  await c.wb.waitProblems('dockerfile/root-user gone from the Problems panel', (rs) => !hasRule('dockerfile/root-user')(rs) && hasRule('dockerfile/secret-in-env')(rs), 'Dockerfile');
});

// 4. Kubernetes Deployment -> "Add a hardened securityContext": indentation and comments intact
scenario('04-k8s-hardened-security-context', async (c) => {
  const before = read(c, 'k8s/deployment.yaml');
  await c.wb.openFile('k8s/deployment.yaml');
  await expectSquiggle(c, 31, 25, 29, '`true` of privileged: true (k8s/privileged-container)');
  await c.wb.goto(32, 18); // the "metrics" container name: run-as-root and allow-privilege-escalation
  await c.wb.applyQuickFix('Add a hardened securityContext');
  await c.page.screenshot({ path: path.join(SHOTS, '04-k8s-hardened-security-context.png') });
  await c.wb.save();
  const after = await fileBecomes(c, 'k8s/deployment.yaml', 'get a securityContext under the metrics container', (s) => s !== before && /- name: metrics[\s\S]*securityContext:/.test(s.split('---')[0]));
  for (const comment of ['# The API tier. Deployed to EKS by the platform pipeline.', 'hostNetwork: true   # "needed" for the metrics agent']) {
    if (!after.includes(comment)) throw new Error(`expected the comment line "${comment}" kept, got:\n${after}`);
  }
  const metrics = after.slice(after.indexOf('        - name: metrics'), after.indexOf('---'));
  const sc = /\n( +)securityContext:\n((?:\1  .*\n)+)/.exec(metrics);
  if (!sc || sc[1] !== '          ') throw new Error(`expected "securityContext:" indented 10 spaces (a key of the metrics container), got:\n${metrics}`);
  for (const k of ['allowPrivilegeEscalation: false', 'runAsNonRoot: true', 'readOnlyRootFilesystem: true']) {
    if (!sc[2].includes(`            ${k}`)) throw new Error(`expected "${k}" indented 12 spaces in the new securityContext, got:\n${sc[0]}`);
  }
  // everything outside the metrics container is untouched
  const head = before.slice(0, before.indexOf('        - name: metrics'));
  if (!after.startsWith(head)) throw new Error('expected the lines before the metrics container to be unchanged');
  await c.wb.waitProblems('k8s/run-as-root gone for the metrics container (only the api one at Ln 21 remains)', (rs) => !rs.some((r) => r.includes('k8s/run-as-root') && /Ln 32/.test(r)) && rs.some((r) => r.includes('k8s/run-as-root') && /Ln 21/.test(r)), 'deployment.yaml');
});

// 5. CDK stack -> "Add a KMS key for secrets encryption": the kms import is added, the rest kept
scenario('05-cdk-fix-imports', async (c) => {
  await c.wb.openFile('cdk/lib/app-stack.ts');
  await expectSquiggle(c, 27, 19, 23, '`true` of privileged: true (cdk/privileged-container)');
  await c.wb.goto(41, 14);
  await c.wb.applyQuickFix('Add a KMS key for secrets encryption');
  await c.page.screenshot({ path: path.join(SHOTS, '05-cdk-fix-imports.png') });
  await c.wb.save();
  const t = await fileBecomes(c, 'cdk/lib/app-stack.ts', "import aws-cdk-lib/aws-kms and pass secretsEncryptionKey", (s) => /secretsEncryptionKey/.test(s));
  const imports = t.split('\n').filter((l) => l.startsWith('import '));
  const kms = imports.filter((l) => /['"]aws-cdk-lib\/aws-kms['"]/.test(l));
  if (kms.length !== 1) throw new Error(`expected exactly one import of aws-cdk-lib/aws-kms, got:\n${imports.join('\n')}`);
  const alias = /import \* as (\w+) from/.exec(kms[0])?.[1] ?? /import \{[^}]*\bKey\b/.exec(kms[0])?.[0];
  if (!alias) throw new Error(`expected a namespace or { Key } import of aws-cdk-lib/aws-kms, got: ${kms[0]}`);
  if (!/^import \* as \w+ from/.test(kms[0]) || !new RegExp(`new ${alias}\\.Key\\(`).test(t)) throw new Error(`expected "new ${alias}.Key(" using the import, got:\n${t}`);
  const firstCode = t.split('\n').findIndex((l) => l.trim() && !l.startsWith('import '));
  const lastImport = t.split('\n').map((l) => l.startsWith('import ')).lastIndexOf(true);
  if (lastImport > firstCode) throw new Error('expected the new import among the imports at the top of the file');
  await c.wb.waitProblems('cdk/eks-secrets-encryption gone from the Problems panel', (rs) => !hasRule('cdk/eks-secrets-encryption')(rs) && hasRule('cdk/privileged-container')(rs), 'app-stack.ts');
  if (await c.wb.problemsPanel().locator('.monaco-list-row', { hasText: /ts\(\d+\)/ }).count()) {
    // TypeScript's own diagnostics would show "ts(2304)"-style codes, e.g. for a missing import
    const rows = await c.wb.problemRows();
    if (rows.some((r) => /Cannot find name 'kms'/.test(r))) throw new Error(`expected no "Cannot find name" TypeScript error, got: ${rows.join('\n')}`);
  }
});

// 6. "Ignore … here" inserts the suppression comment and the finding disappears
scenario('06-ignore-this-rule-here', async (c) => {
  await c.wb.openFile('docker/Dockerfile');
  await c.wb.goto(16, 6);
  await c.wb.applyQuickFix('Ignore dockerfile/curl-pipe-shell here');
  await poll('"reason" selected in the new comment (6 characters)', async () => (await c.wb.selectionStatus()).includes('(6 selected)'), undefined, () => c.wb.selectionStatus());
  await c.page.keyboard.type('installer is pinned by hash upstream');
  await c.page.screenshot({ path: path.join(SHOTS, '06-ignore-this-rule-here.png') });
  await c.wb.save();
  await fileBecomes(c, 'docker/Dockerfile', 'have "# bulkhead-ignore dockerfile/curl-pipe-shell: installer is pinned by hash upstream" above the RUN … curl | sh line', (s) =>
    /# bulkhead-ignore dockerfile\/curl-pipe-shell: installer is pinned by hash upstream\n(RUN apt-get[^\n]*\n)?\s*curl -fsSL/.test(s) || /# bulkhead-ignore dockerfile\/curl-pipe-shell: installer is pinned by hash upstream\nRUN apt-get/.test(s),
  );
  await c.wb.waitProblems('dockerfile/curl-pipe-shell gone from the Problems panel', (rs) => !hasRule('dockerfile/curl-pipe-shell')(rs) && hasRule('dockerfile/secret-in-env')(rs), 'Dockerfile');
});

// 7. the ECR view against the stand-in: tree, tooltip, a scan, an error node with Retry
scenario('07-ecr-view', async (c) => {
  await c.standIn.admin('POST', '/__admin/reset');
  await c.wb.closeAllEditors();
  const bulkhead = await visible(c.page.locator('.activitybar .action-item a.action-label[aria-label^="Bulkhead"]'), 'the Bulkhead icon in the activity bar');
  await bulkhead.click();
  const view = c.page.locator('.part.sidebar');
  // a wider sidebar, so labels and descriptions are readable in the screenshots
  const sash = c.page.locator('.monaco-sash.vertical').filter({ has: c.page.locator('xpath=.') });
  const sidebarBox = await view.boundingBox();
  if (sidebarBox && sidebarBox.width < 500) {
    await c.page.mouse.move(sidebarBox.x + sidebarBox.width + 1, sidebarBox.y + 300);
    await c.page.mouse.down();
    await c.page.mouse.move(sidebarBox.x + 620, sidebarBox.y + 300, { steps: 8 });
    await c.page.mouse.up();
  }
  void sash;
  const row = (label: string) => view.locator('.monaco-list-row', { has: c.page.locator('.label-name', { hasText: label }) }).first();
  const expand = async (label: string, child: string) => {
    const r = await visible(row(label), `the ECR view row "${label}"`);
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    await visible(row(child), `the row "${child}" under "${label}" in the ECR view`);
  };
  await visible(row('123456789012 · us-east-1'), 'the registry row "123456789012 · us-east-1" in the ECR view', 60000);
  await expand('123456789012 · us-east-1', 'bulkhead/web');
  await expand('bulkhead/web', '1.4.2, latest');
  const image = row('1.4.2, latest');
  await poll('the image 1.4.2 described with "2 CRITICAL · 5 HIGH"', async () => /2 CRITICAL.*5 HIGH/.test((await image.textContent()) ?? ''), undefined, async () => (await image.textContent()) ?? '');
  await expand('1.4.2, latest', 'CRITICAL');
  await expand('CRITICAL', 'CVE-');
  const sevRows = await view.locator('.monaco-list-row').allTextContents();
  if (!sevRows.some((t) => t.startsWith('HIGH') || /HIGH\s*5/.test(t))) throw new Error(`expected a HIGH severity group beside CRITICAL, saw: ${JSON.stringify(sevRows)}`);
  // the image's tooltip (the hover follows the mouse: nudge it until the tooltip shows)
  const tip = c.page.locator('.workbench-hover, .monaco-hover:not(.hidden)');
  const box = (await image.boundingBox())!;
  let nudge = 0;
  await poll('the image tooltip with "Digest:" and "Findings:"', async () => {
    const t = (await tip.allTextContents()).join(' ');
    if (t.includes('Digest:') && t.includes('Findings:')) return t;
    await c.page.mouse.move(box.x + 60 + (nudge++ % 5) * 4, box.y + box.height / 2, { steps: 2 });
    return undefined;
  }, undefined, async () => (await tip.allTextContents()).join(' ').slice(0, 300) || 'no tooltip');
  await c.page.screenshot({ path: path.join(SHOTS, '07-ecr-view.png') });
  await c.page.mouse.move(700, 450);
  await c.page.keyboard.press('Escape');
  // start a scan of bulkhead/worker:nightly (never scanned) and watch it complete
  await expand('bulkhead/worker', 'nightly');
  const nightly = row('nightly');
  await nightly.hover();
  await nightly.click();
  const start = await visible(nightly.locator('.action-label[aria-label="Start Image Scan"]'), 'the inline "Start Image Scan" action on bulkhead/worker:nightly');
  await start.click();
  await poll('the nightly image to show a scan in progress (spinning icon or IN_PROGRESS/PENDING)', async () => {
    const t = (await nightly.textContent()) ?? '';
    return /IN_PROGRESS|PENDING|SCANNING/i.test(t) || (await nightly.locator('.codicon-sync.codicon-modifier-spin, .codicon-sync~spin, .codicon-modifier-spin').count()) > 0 || /MEDIUM/.test(t);
  }, undefined, async () => (await nightly.textContent()) ?? '');
  await poll('the nightly scan to complete with "2 MEDIUM" findings', async () => /2 MEDIUM/.test((await nightly.textContent()) ?? ''), 60000, async () => (await nightly.textContent()) ?? '');
  await c.page.screenshot({ path: path.join(SHOTS, '07b-ecr-scan-complete.png') });
  // an error node (access denied) with Retry
  await c.standIn.admin('POST', '/__admin/faults', { kind: 'access-denied', operation: 'DescribeRepositories' });
  const refresh = await visible(c.page.locator('.part.sidebar .action-label[aria-label^="Refresh"]'), 'the Refresh action in the ECR view title');
  await refresh.click();
  const err = view.locator('.monaco-list-row', { hasText: /AccessDenied|access denied|not authorized/i }).first();
  await visible(err, 'an error row saying access was denied (AccessDenied) in the ECR view');
  await err.hover();
  const retry = await visible(err.locator('.action-label[aria-label="Retry"]'), 'the inline Retry action on the error row');
  await c.page.screenshot({ path: path.join(SHOTS, '07c-ecr-error-retry.png') });
  await c.standIn.admin('DELETE', '/__admin/faults');
  await retry.click();
  await hidden(err, 'the access-denied error row after Retry');
  await visible(row('bulkhead/web'), 'the repositories back after Retry');
});

// 8. cross-link: an image reference gets the registry's severity counts as a diagnostic and hover
scenario('08-ecr-cross-link', async (c) => {
  if (await c.page.locator('.part.sidebar').isVisible()) await c.wb.command('View: Close Primary Side Bar');
  await c.wb.openFile('ecs/taskdef.json');
  await c.wb.waitProblems('a "Bulkhead ECR" diagnostic "ECR scan of bulkhead/web:1.4.2: 2 CRITICAL · 5 HIGH" at the image reference', (rs) => rs.some((r) => /ECR scan of bulkhead\/web:1\.4\.2: 2 CRITICAL · 5 HIGH/.test(r) && /Bulkhead ECR/.test(r)), 'ECR scan');
  const lines = read(c, 'ecs/taskdef.json').split('\n');
  const at = lines.findIndex((l) => l.includes('bulkhead/web:1.4.2'));
  await c.wb.goto(at + 1, lines[at].indexOf('bulkhead/web') + 1);
  await c.wb.hoverText(['bulkhead/web', 'CRITICAL']);
  await c.page.screenshot({ path: path.join(SHOTS, '08-ecr-cross-link.png') });
  await c.page.keyboard.press('Escape');
  await c.wb.showProblems('');
});

// 10. settings: a rule off in settings and in .bulkhead.yaml disappears live
scenario('10-settings-live', async (c) => {
  // the Problems list is virtual: filter it by rule id so the row checked is rendered
  const shown = async (rule: string, want: boolean, why: string) =>
    c.wb.waitProblems(`${rule} ${want ? 'listed' : 'gone'} in the Problems panel ${why}`, (rs) => hasRule(rule)(rs) === want && (!want || rs.some((r) => r.includes('deployment.yaml'))), rule);
  await c.wb.openFile('k8s/deployment.yaml');
  await shown('k8s/host-network', true, 'for deployment.yaml');
  await shown('k8s/service-public-load-balancer', true, 'for deployment.yaml');
  // workspace settings (what the Settings editor writes)
  fs.mkdirSync(path.join(c.ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(c.ws, '.vscode', 'settings.json'), JSON.stringify({ 'bulkhead.rules': { 'k8s/host-network': 'off' } }, null, 2));
  await shown('k8s/host-network', false, 'after "bulkhead.rules": {"k8s/host-network": "off"} in .vscode/settings.json');
  await shown('k8s/service-public-load-balancer', true, 'still (only k8s/host-network was turned off)');
  // .bulkhead.yaml, edited in the editor and saved
  await c.wb.openFile('.bulkhead.yaml');
  await c.wb.goto(4, 1);
  await c.page.keyboard.press('End');
  await c.page.keyboard.press('Enter');
  await c.page.keyboard.press('Shift+Home'); // whatever indentation the editor put there
  await c.page.keyboard.type('  k8s/service-public-load-balancer: off');
  await c.wb.save();
  await fileBecomes(c, '.bulkhead.yaml', 'have "k8s/service-public-load-balancer: off" under rules', (s) => /rules:\n(  .*\n)*  k8s\/service-public-load-balancer: off *\n/.test(s));
  await c.wb.openFile('k8s/deployment.yaml');
  await shown('k8s/service-public-load-balancer', false, 'after "k8s/service-public-load-balancer: off" in .bulkhead.yaml');
  await shown('k8s/privileged-container', true, 'still (the other rules stay on)');
  await c.page.screenshot({ path: path.join(SHOTS, '10-settings-live.png') });
  await c.wb.showProblems('');
});

// 9. Restricted Mode: static diagnostics work, no ECR request leaves the editor
scenario(
  '09-restricted-mode',
  async (c) => {
    // the workbench asks whether to trust the folder: say no
    const no = c.page.getByRole('button', { name: /No, I don.t trust the authors/ });
    await (await visible(no, 'the workspace trust prompt\'s "No, I don\'t trust the authors" button', 60000)).click();
    await hidden(c.page.locator('.monaco-dialog-box'), 'the workspace trust prompt');
    await visible(c.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }), 'the "Restricted Mode" status bar item');
    await c.wb.openFile('ecs/taskdef.json');
    await c.wb.waitProblems('Bulkhead static findings (ecs/privileged-container, ecs/no-task-role) in Restricted Mode', (rs) => hasRule('ecs/privileged-container')(rs) && hasRule('ecs/no-task-role')(rs), 'taskdef.json');
    await expectSquiggle(c, 26, 21, 25, '`true` of "privileged": true in Restricted Mode');
    // the ECR view explains itself instead of calling AWS
    await (await visible(c.page.locator('.activitybar .action-item a.action-label[aria-label^="Bulkhead"]'), 'the Bulkhead icon in the activity bar')).click();
    await visible(c.page.locator('.part.sidebar', { hasText: 'The ECR view is off in Restricted Mode' }), 'the ECR view\'s Restricted Mode message');
    await c.page.screenshot({ path: path.join(SHOTS, '09-restricted-mode.png') });
    const rows = await c.wb.problemRows();
    if (rows.some((r) => r.includes('ECR scan of'))) throw new Error(`expected no "ECR scan of" cross-link diagnostic in Restricted Mode, got: ${rows.join('\n')}`);
    const requests = (await c.standIn.admin('GET', '/__admin/requests')) as { operation: string }[];
    if (requests.length) throw new Error(`expected no ECR request from an untrusted workspace, the stand-in saw: ${requests.map((r) => r.operation).join(', ')}`);
  },
  false,
);

// --- runner ---------------------------------------------------------------------

async function main(): Promise<number> {
  const started = Date.now();
  const grep = process.env.BULKHEAD_E2E_GREP ? new RegExp(process.env.BULKHEAD_E2E_GREP) : undefined;
  const chosen = scenarios.filter((s) => !grep || grep.test(s.name));
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  console.log('e2e: npm run package');
  const vsix = packageVsix();
  const extDir = installVsix(vsix);
  console.log(`e2e: installed ${path.basename(vsix)} into the VS Code server (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const standIn = await startStandIn();
  let passed = 0;
  let failed = 0;
  try {
    // Restricted Mode first (its own server, workspace trust on), then every trusted scenario on one server
    for (const trust of [false, true]) {
      const group = chosen.filter((s) => s.trust === trust);
      if (!group.length) continue;
      await standIn.admin('POST', '/__admin/reset');
      let session: Session | undefined;
      try {
        session = await openSession(CHROMIUM, { trust, extDir, standIn });
        await session.wb.ready();
      } catch (e) {
        for (const s of group) {
          console.log(`FAIL ${s.name}: could not open the workbench: ${(e as Error).message}`);
          failed++;
        }
        await closeSession(session);
        continue;
      }
      const ctx: Ctx = { s: session, wb: session.wb, page: session.page, ws: session.ws, standIn };
      for (const s of group) {
        const t0 = Date.now();
        let ok = false;
        try {
          await s.run(ctx);
          console.log(`PASS ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
          passed++;
          ok = true;
        } catch (e) {
          console.log(`FAIL ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${(e as Error).message}`);
          failed++;
        }
        // every scenario leaves <name>.png: the state it checked, or the state it failed in
        const shot = path.join(SHOTS, `${s.name}.png`);
        if (!ok || !fs.existsSync(shot)) await session.page.screenshot({ path: shot }).catch(() => undefined);
        await session.page.keyboard.press('Escape').catch(() => undefined);
        await session.wb.closeAllEditors().catch(() => undefined);
      }
      await closeSession(session);
    }
  } finally {
    standIn.proc.kill('SIGTERM');
    if (!process.env.BULKHEAD_E2E_KEEP) fs.rmSync(extDir, { recursive: true, force: true });
  }
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${path.relative(ROOT, SHOTS)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`e2e: ${(e as Error).stack ?? e}`);
      process.exit(2);
    },
  );
}
