import * as assert from 'assert';
import { ecrCommand } from '../../../src/cli/ecr';
import { EcrStandIn } from '../../ecr-server/server';
import { sarifProblems } from '../sarif-schema';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await ecrCommand(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('bulkhead ecr findings', function () {
  this.timeout(30_000);
  let server: EcrStandIn;
  let url: string;
  const saved: Record<string, string | undefined> = {};
  const ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED'];

  beforeEach(async () => {
    for (const k of ENV) saved[k] = process.env[k];
    delete process.env.AWS_PROFILE;
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLECLI000001';
    process.env.AWS_SECRET_ACCESS_KEY = 'clisecretclisecretclisecretclisecret0000';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    server = new EcrStandIn({ scanType: 'ENHANCED' });
    url = await server.start();
  });
  afterEach(async () => {
    await server.close();
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('text: lists findings worst first, exit 1 at or above --fail-on', async () => {
    const r = await run(['findings', `${HOST}/bulkhead/web:1.4.2`, '--endpoint', url]);
    assert.strictEqual(r.code, 1, r.err);
    const lines = r.out.split('\n');
    assert.ok(lines[1].includes('scan ACTIVE') && lines[1].includes('2 CRITICAL · 5 HIGH'), lines[1]);
    assert.ok(lines[2].trim().startsWith('CRITICAL'), lines[2]);
    assert.ok(r.out.includes('7 findings at or above HIGH'));
    const none = await run(['findings', `${HOST}/bulkhead/web:1.4.2`, '--endpoint', url, '--fail-on', 'none']);
    assert.strictEqual(none.code, 0);
    const clean = await run(['findings', `${HOST}/bulkhead/api:1.8.3`, '--endpoint', url, '--fail-on', 'low']);
    assert.strictEqual(clean.code, 0, clean.err);
    assert.ok(clean.out.includes('no findings'));
  });

  it('json: every page of a 2,000-finding image', async () => {
    const r = await run(['findings', `${HOST}/bulkhead/api:2.0.0`, '--endpoint', url, '--format', 'json', '--fail-on', 'critical']);
    assert.strictEqual(r.code, 1);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.images[0].findings.length, 2000);
    assert.strictEqual(j.images[0].atOrAboveFailOn, 12);
    assert.strictEqual(j.images[0].scan.status, 'ACTIVE');
  });

  it('sarif: image reference as artifact, a rule per vulnerability with helpUri; valid SARIF 2.1.0', async () => {
    const r = await run(['findings', `${HOST}/bulkhead/web:1.4.2`, `${HOST}/bulkhead/worker:0.9.0`, '--endpoint', url, '--format', 'sarif']);
    assert.strictEqual(r.code, 1);
    const log = JSON.parse(r.out);
    assert.strictEqual(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.strictEqual(run0.results[0].locations[0].physicalLocation.artifactLocation.uri, `${HOST}/bulkhead/web:1.4.2`);
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.strictEqual(new Set(ids).size, ids.length, 'one rule per vulnerability id');
    for (const rule of run0.tool.driver.rules) assert.ok(rule.helpUri?.startsWith('https://'), rule.id);
    for (const res of run0.results) assert.strictEqual(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.deepStrictEqual(sarifProblems(log), [], 'the log breaks the SARIF 2.1.0 schema');
  });

  it('a registry that repeats its nextToken is not paged forever: exit 2, saying why', async () => {
    server.injectFault({ kind: 'endless-pages', operation: 'DescribeImageScanFindings' });
    const r = await run(['findings', `${HOST}/bulkhead/api:2.0.0`, '--endpoint', url, '--format', 'json']);
    assert.strictEqual(r.code, 2, r.out);
    assert.match(r.out + r.err, /same nextToken twice/);
    const pages = server.requests.filter((q) => q.operation === 'DescribeImageScanFindings').length;
    assert.ok(pages <= 3, `${pages} requests`);
  });

  it('--wait waits for a scan in progress; without it, exit 2 with a hint', async () => {
    const r0 = await run(['findings', `${HOST}/bulkhead/api:canary`, '--endpoint', url]);
    assert.strictEqual(r0.code, 2);
    assert.ok(r0.err.includes('--wait'), r0.err);
    server.scanReads = 1;
    server.image('bulkhead/api', { imageTag: 'canary' })!.pendingReads = 1;
    const r = await run(['findings', `${HOST}/bulkhead/api:canary`, '--endpoint', url, '--wait', '--format', 'json']);
    assert.strictEqual(r.code, 1, r.err);
    assert.strictEqual(JSON.parse(r.out).images[0].findings.length, 9);
  });

  it('exit 2 with one line: usage errors, not-an-ECR-URI, no scan, access denied, failed scan', async () => {
    for (const argv of [
      ['findings'],
      ['findings', 'nginx:latest'],
      ['findings', `${HOST}/x:1`, '--format', 'xml'],
      ['findings', `${HOST}/x:1`, '--fail-on', 'severe'],
      ['bogus'],
    ]) {
      const r = await run(argv);
      assert.strictEqual(r.code, 2, argv.join(' '));
      assert.strictEqual(r.err.trim().split('\n').length, 1, r.err);
    }
    const noScan = await run(['findings', `${HOST}/bulkhead/worker:nightly`, '--endpoint', url]);
    assert.strictEqual(noScan.code, 2);
    assert.ok(noScan.err.includes('not been scanned'));
    server.injectFault({ kind: 'access-denied' });
    const denied = await run(['findings', `${HOST}/bulkhead/web:1.4.2`, '--endpoint', url]);
    assert.strictEqual(denied.code, 2);
    assert.ok(denied.err.includes('ecr:DescribeImageScanFindings'));
    assert.ok(!denied.err.includes('AKIAEXAMPLECLI') && !denied.err.includes('clisecret'));
    const failed = await run(['findings', `${HOST}/bulkhead/api:1.9.0`, '--endpoint', url]);
    server.clearFaults();
    assert.strictEqual(failed.code, 2);
  });
});
