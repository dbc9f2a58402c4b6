import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EcrError, EcrService, isSsoProfile, listProfiles, resolveRegion } from '../../../src/ecr';
import { EcrStandIn } from '../../ecr-server/server';

const CONFIG = `# comment
[default]
region = eu-west-1

[profile dev]
region = us-east-1
output = json

[profile corp-sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev
region = us-east-1

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[services local]
ecr =
  endpoint_url = http://127.0.0.1:1
`;
const CREDENTIALS = `[default]
aws_access_key_id = AKIAEXAMPLEDEFAULT01
aws_secret_access_key = notarealsecretnotarealsecretnotarealsec

[ci]
aws_access_key_id = AKIAEXAMPLECI0000001
aws_secret_access_key = notarealsecretnotarealsecretnotarealsec
`;

describe('ecr: profiles and credentials', function () {
  this.timeout(20_000);
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  const ENV = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-aws-'));
    for (const k of ENV) saved[k] = process.env[k];
    for (const k of ENV) delete process.env[k];
    process.env.HOME = dir;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });
  afterEach(() => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(config?: string, creds?: string) {
    const c = path.join(dir, 'config-' + Math.random().toString(36).slice(2));
    const k = path.join(dir, 'credentials-' + Math.random().toString(36).slice(2));
    if (config !== undefined) fs.writeFileSync(c, config);
    if (creds !== undefined) fs.writeFileSync(k, creds);
    process.env.AWS_CONFIG_FILE = c;
    process.env.AWS_SHARED_CREDENTIALS_FILE = k;
  }

  it('lists profiles from both files, honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE', () => {
    write(CONFIG, CREDENTIALS);
    const ps = listProfiles();
    assert.deepStrictEqual(ps.map((p) => p.name), ['default', 'ci', 'corp-sso', 'dev']);
    assert.deepStrictEqual(ps[0].sources, ['config', 'credentials']);
    assert.strictEqual(ps[0].region, 'eu-west-1');
    assert.ok(ps.find((p) => p.name === 'corp-sso')!.sso);
    assert.ok(isSsoProfile('corp-sso') && !isSsoProfile('dev'));
    assert.ok(!JSON.stringify(ps).includes('notarealsecret'), 'no key material kept');
    assert.ok(!JSON.stringify(ps).includes('AKIAEXAMPLE'), 'no key ids kept');
  });

  it('lists from ~/.aws by default and copes with missing files', () => {
    assert.deepStrictEqual(listProfiles(), []);
    fs.mkdirSync(path.join(dir, '.aws'));
    fs.writeFileSync(path.join(dir, '.aws', 'credentials'), '[only-creds]\naws_access_key_id=x\n');
    assert.deepStrictEqual(listProfiles().map((p) => p.name), ['only-creds']);
  });

  it('resolves the region: explicit, env, then profile', () => {
    write(CONFIG, CREDENTIALS);
    assert.strictEqual(resolveRegion({ profile: 'dev' }), 'us-east-1');
    assert.strictEqual(resolveRegion({}), 'eu-west-1');
    process.env.AWS_REGION = 'ap-south-1';
    assert.strictEqual(resolveRegion({ profile: 'dev' }), 'ap-south-1');
    assert.strictEqual(resolveRegion({ profile: 'dev', region: 'sa-east-1' }), 'sa-east-1');
  });

  it('no credentials at all → no-credentials', async () => {
    write('[profile empty]\nregion = us-east-1\n', '');
    const s = new EcrService({ profile: 'empty', region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    try {
      await s.listRepositories();
      assert.fail('expected failure');
    } catch (e) {
      assert.ok(e instanceof EcrError);
      assert.strictEqual(e.kind, 'no-credentials', e.message);
      assert.ok(e.message.includes('"empty"'));
    } finally {
      s.dispose();
    }
  });

  it('an SSO profile with no valid session → sso-expired naming `aws sso login --profile`', async () => {
    write(CONFIG, '');
    const s = new EcrService({ profile: 'corp-sso', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    try {
      await s.listRepositories();
      assert.fail('expected failure');
    } catch (e) {
      assert.ok(e instanceof EcrError);
      assert.strictEqual(e.kind, 'sso-expired', e.message);
      assert.ok(e.message.includes('aws sso login --profile corp-sso'), e.message);
    } finally {
      s.dispose();
    }
  });

  it('ExpiredTokenException on an SSO profile names the login command too', async () => {
    write(CONFIG, CREDENTIALS);
    const server = new EcrStandIn();
    const url = await server.start();
    server.injectFault({ kind: 'expired-token' });
    // credentials come from the environment; the profile only tells us it is an SSO one
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEENV000001';
    process.env.AWS_SECRET_ACCESS_KEY = 'envsecretenvsecretenvsecretenvsecret0000';
    process.env.AWS_PROFILE = 'corp-sso';
    const s = new EcrService({ endpoint: url, region: 'us-east-1', maxAttempts: 1 });
    try {
      await s.listRepositories();
      assert.fail('expected failure');
    } catch (e) {
      assert.ok(e instanceof EcrError);
      assert.ok(['sso-expired', 'expired-token'].includes(e.kind), e.kind);
      assert.ok(!e.message.includes('envsecret'));
      assert.ok(!e.message.includes('AKIAEXAMPLEENV'));
    } finally {
      s.dispose();
      await server.close();
    }
  });

  it('a profile with static keys signs requests with them', async () => {
    write(CONFIG, CREDENTIALS);
    const server = new EcrStandIn();
    const url = await server.start();
    const s = new EcrService({ profile: 'ci', region: 'us-east-1', endpoint: url, maxAttempts: 1 });
    try {
      const p = await s.listRepositories();
      assert.strictEqual(p.items.length, 3);
      assert.strictEqual(server.requests[0].accessKeyId, 'AKIAEXAMPLECI0000001');
    } finally {
      s.dispose();
      await server.close();
    }
  });

  it('no region → a clear message', async () => {
    write('', '');
    const s = new EcrService({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await assert.rejects(s.listRepositories(), /No AWS region/);
  });
});
