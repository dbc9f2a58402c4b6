#!/usr/bin/env node
// npm run demo — see Bulkhead on the examples in a real VS Code, in your browser:
//   1. builds (npm run build; skip with --no-build),
//   2. runs `bulkhead scan examples` so you see the CLI's view first,
//   3. starts the local ECR stand-in (out/test/ecr-server/main.js) when it exists,
//      and points the extension's machine settings at it,
//   4. starts the VS Code server build on the examples folder with the extension
//      loaded from this repository, prints the URL, and serves until Ctrl+C.
//
// Env: BULKHEAD_DEMO_PORT (default 8123, 0 = any free port), BULKHEAD_DEMO_HOST
// (interface to bind, default 127.0.0.1), BULKHEAD_DEMO_PUBLIC_HOST (the host
// name your browser uses, default = the bind host), BULKHEAD_DEMO_FOLDER
// (default: examples).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const folder = resolve(root, process.env.BULKHEAD_DEMO_FOLDER || 'examples');
const host = process.env.BULKHEAD_DEMO_HOST || '127.0.0.1';
const publicHost = process.env.BULKHEAD_DEMO_PUBLIC_HOST || (host === '0.0.0.0' ? '127.0.0.1' : host);
const port = Number(process.env.BULKHEAD_DEMO_PORT ?? 8123);
const children = [];

function step(s) {
  console.log(`\n== ${s}`);
}

function stopAll(code = 0) {
  for (const c of children.splice(0)) c();
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

if (!process.argv.includes('--no-build')) {
  step('npm run build');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!existsSync(folder)) {
  console.error(`demo: no folder ${folder}`);
  process.exit(1);
}

step(`bulkhead scan ${folder.startsWith(root) ? folder.slice(root.length + 1) : folder}`);
spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', folder], { cwd: root, stdio: 'inherit' });

// --- the local ECR stand-in (optional) ---
const env = { ...process.env };
const machineSettings = {};
const ecrMain = join(root, 'out', 'test', 'ecr-server', 'main.js');
if (existsSync(ecrMain)) {
  step('local ECR stand-in (sample data, not AWS)');
  const ecr = spawn(process.execPath, [ecrMain], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(() => ecr.kill('SIGTERM'));
  const info = await new Promise((resolveInfo) => {
    let out = '';
    const timer = setTimeout(() => resolveInfo(undefined), 15000);
    ecr.stdout.on('data', (b) => {
      process.stdout.write(b);
      out += b.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      const region = /region ([a-z0-9-]+)/.exec(out)?.[1];
      if (url && /Ctrl\+C/.test(out)) {
        clearTimeout(timer);
        resolveInfo({ url, region });
      }
    });
    ecr.on('exit', () => resolveInfo(undefined));
  });
  if (info) {
    machineSettings['bulkhead.ecr.endpoint'] = info.url;
    if (info.region) machineSettings['bulkhead.ecr.region'] = info.region;
    // the stand-in accepts any signed request; never real credentials
    env.AWS_ACCESS_KEY_ID = 'stand-in';
    env.AWS_SECRET_ACCESS_KEY = 'stand-in';
    delete env.AWS_SESSION_TOKEN;
    delete env.AWS_PROFILE;
  } else console.log('demo: the ECR stand-in did not start; the ECR view will stay empty');
} else {
  console.log('\n(no out/test/ecr-server/main.js: the ECR view runs without the local stand-in)');
}

// --- the VS Code server with the extension ---
step('VS Code server');
const run = join(root, 'out', 'test', 'integration', 'run.js');
if (!existsSync(run)) {
  console.error('demo: out/test/integration/run.js missing: run npm run build');
  stopAll(1);
}
const { startServer, workbenchUrl } = require(run);
let server;
try {
  server = await startServer({ host, port, env, machineSettings, waitMs: 120000 });
} catch (e) {
  console.error(`demo: ${e.message}`);
  stopAll(1);
}
children.push(() => {
  server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
});
server.proc.on('exit', (code) => {
  console.log(`VS Code server exited (${code})`);
  stopAll(code ?? 1);
});
console.log(`
Bulkhead demo ready. Open this URL in a browser (Chromium/Chrome/Firefox):

  ${workbenchUrl(server.port, folder, undefined, publicHost)}

The extension is loaded from ${root} (restart the demo after editing it).
Open a file under examples/ to see the squiggles; Ctrl+. for quick fixes;
the shield in the activity bar holds the ECR scan findings.
Press Ctrl+C to stop.`);
