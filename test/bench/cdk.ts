/**
 * The CDK peer: `cdk synth` with cdk-nag's AwsSolutionsChecks on a small
 * sample app, against Bulkhead on the same stack source. aws-cdk-lib,
 * aws-cdk, cdk-nag and constructs are heavy: they are installed on first use
 * into .bench/cdk (gitignored), never into the project's dependencies.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/rules/engine';
import { genCdk } from './gen';
import { FULL, QUICK, median, now, timeInterleaved } from './stats';

const ROOT = path.resolve(__dirname, '../../..');
const CDK_DIR = path.join(ROOT, '.bench', 'cdk');
const APP_DIR = path.join(CDK_DIR, 'app');
const PACKAGES = ['aws-cdk-lib', 'aws-cdk', 'cdk-nag', 'constructs'];

export interface Ctx {
  put(name: string, v: number, digits?: number): void;
  note(section: string, s: string): void;
  log(s: string): void;
  quick: boolean;
}

function version(p: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(CDK_DIR, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

const APP_JS = `
const cdk = require('aws-cdk-lib');
const nag = require('cdk-nag');
const { BenchStack } = require('./stack');
const app = new cdk.App();
if (!process.env.BENCH_NO_NAG) {
  // cdk-nag 3: a validation plugin (cdk-nag 2 used Aspects.of(app).add(new AwsSolutionsChecks()))
  if (cdk.Validations) cdk.Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));
  else cdk.Aspects.of(app).add(new nag.AwsSolutionsChecks());
}
new BenchStack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
app.synth();
`;

function prepare(ctx: Ctx, stackTs: string): boolean {
  if (PACKAGES.some((p) => !version(p))) {
    ctx.log(`  installing ${PACKAGES.join(', ')} into .bench/cdk (first run only; needs the npm registry)`);
    fs.mkdirSync(CDK_DIR, { recursive: true });
    if (!fs.existsSync(path.join(CDK_DIR, 'package.json'))) fs.writeFileSync(path.join(CDK_DIR, 'package.json'), '{"name":"bench-cdk","private":true}\n');
    try {
      execFileSync('npm', ['i', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES], { cwd: CDK_DIR, stdio: ['ignore', 'ignore', 'inherit'], timeout: 900000 });
    } catch (e) {
      ctx.note('cdk', `could not install the CDK peers into .bench/cdk: ${(e as Error).message.split('\n')[0]}`);
      return false;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  fs.mkdirSync(APP_DIR, { recursive: true });
  fs.writeFileSync(path.join(APP_DIR, 'stack.ts'), stackTs);
  fs.writeFileSync(path.join(APP_DIR, 'stack.js'), ts.transpileModule(stackTs, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
  fs.writeFileSync(path.join(APP_DIR, 'app.js'), APP_JS);
  fs.writeFileSync(path.join(APP_DIR, 'cdk.json'), JSON.stringify({ app: 'node app.js' }) + '\n');
  return true;
}

export function sectionCdk(ctx: Ctx): void {
  ctx.log('cdk: cdk synth + cdk-nag (AwsSolutionsChecks) on a sample app vs Bulkhead on the same stack source');
  const stackTs = genCdk(6100, 120);
  if (!prepare(ctx, stackTs)) return;
  ctx.note('cdk', `aws-cdk-lib ${version('aws-cdk-lib')}, aws-cdk (CLI) ${version('aws-cdk')}, cdk-nag ${version('cdk-nag')}; sample stack ${stackTs.split('\n').length - 1} lines`);
  const runs = ctx.quick ? 2 : 5;

  // 1. the synth itself in a fresh process: what a save costs when the check needs a synth
  const proc = (noNag: boolean) => {
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      fs.rmSync(path.join(APP_DIR, 'cdk.out'), { recursive: true, force: true });
      const t = now();
      const r = spawnSync(process.execPath, ['app.js'], { cwd: APP_DIR, encoding: 'utf8', env: { ...process.env, CDK_OUTDIR: path.join(APP_DIR, 'cdk.out'), ...(noNag ? { BENCH_NO_NAG: '1' } : {}) } });
      wall.push(now() - t);
      // cdk-nag 3 fails the synth (exit 1) when it finds errors: that is the peer doing its job
      const nagFindings = (r.stderr.match(/\(AwsSolutions\)/g) ?? []).length;
      if (r.status !== 0 && !nagFindings) throw new Error(`node app.js exited ${r.status}: ${r.stderr.split('\n').slice(0, 4).join(' ')}`);
      if (!noNag) lastNagFindings = nagFindings;

    }
    return wall;
  };
  let synthNag: number | undefined;
  let lastNagFindings = 0;
  try {
    const nag = proc(false);
    synthNag = median(nag);
    const plain = proc(true);
    ctx.note('cdk', `cdk-nag (AwsSolutions) reported ${lastNagFindings} findings on the sample app and failed the synth, as cdk-nag 3 does`);
    ctx.put('cdk_synth_nag_process_median_ms', median(nag), 0);
    ctx.put('cdk_synth_process_median_ms', median(plain), 0);
    ctx.log(`  node app.js (synth + cdk-nag): ${median(nag).toFixed(0)} ms; without cdk-nag ${median(plain).toFixed(0)} ms`);
  } catch (e) {
    ctx.note('cdk', `the sample app did not synthesise: ${(e as Error).message.slice(0, 300)}`);
  }

  // 2. the cdk CLI, as a user runs it (offline: no notices, no version check)
  const cli = path.join(CDK_DIR, 'node_modules', 'aws-cdk', 'bin', 'cdk');
  if (fs.existsSync(cli)) {
    const wall: number[] = [];
    let err = '';
    for (let i = 0; i < runs; i++) {
      fs.rmSync(path.join(APP_DIR, 'cdk.out'), { recursive: true, force: true });
      const t = now();
      const r = spawnSync(process.execPath, [cli, 'synth', '--quiet', '--no-notices', '--no-version-reporting', '-o', 'cdk.out'], {
        cwd: APP_DIR,
        encoding: 'utf8',
        timeout: 180000,
        env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CI: 'true' },
      });
      if (r.status !== 0 && !/\(AwsSolutions\)/.test(r.stderr + r.stdout)) {
        err = `${r.status ?? r.signal}: ${(r.stderr || r.stdout).split('\n').filter(Boolean).slice(0, 4).join(' ')}`;
        break;
      }
      wall.push(now() - t);
    }
    if (wall.length) {
      ctx.put('cdk_cli_synth_nag_median_ms', median(wall), 0);
      ctx.log(`  cdk synth (CLI, with cdk-nag): ${median(wall).toFixed(0)} ms`);
    } else ctx.note('cdk', `\`cdk synth\` did not run here: ${err.slice(0, 300)}`);
  }

  // 3. Bulkhead on the same source: warm (editor) and cold (one CLI process)
  const p = path.join(APP_DIR, 'stack.ts');
  const findings = analyzeText(stackTs, { path: p }).findings.length;
  const [warm] = timeInterleaved([() => analyzeText(stackTs, { path: p })], ctx.quick ? QUICK : FULL);
  ctx.put('cdk_sample_bulkhead_warm_median_ms', median(warm), 3);
  const distCli = path.join(ROOT, 'dist', 'cli.js');
  if (fs.existsSync(distCli)) {
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = now();
      spawnSync(process.execPath, [distCli, 'scan', '--no-config', '--fail-on', 'none', p], { stdio: 'ignore' });
      cold.push(now() - t);
    }
    ctx.put('cdk_sample_bulkhead_cold_cli_median_ms', median(cold), 0);
    if (synthNag !== undefined) {
      ctx.put('cdk_synth_nag_to_bulkhead_cold_ratio', synthNag / median(cold), 1);
      ctx.put('cdk_synth_nag_to_bulkhead_warm_ratio', synthNag / median(warm), 0);
    }
    ctx.log(`  bulkhead on the same stack: ${median(warm).toFixed(2)} ms warm (${findings} findings), ${median(cold).toFixed(0)} ms as a fresh CLI process (loads the TypeScript compiler)`);
  }
}
