/**
 * Answers no ECR would give: each becomes an error that says what happened,
 * and none keeps the client waiting forever.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { EcrError, EcrService, plainHttpWarning } from '../../../src/ecr';

type Mode = 'redirect' | 'empty' | 'truncated' | 'trickle';

describe('ECR client against a server that misbehaves', function () {
  this.timeout(30_000);
  let server: http.Server;
  let url: string;
  let mode: Mode;
  const saved = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (mode === 'redirect') {
          res.writeHead(307, { Location: 'https://login.example.com/' });
          res.end();
        } else if (mode === 'empty') {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          res.end();
        } else if (mode === 'truncated') {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': '200' });
          res.write('{"repositories": [ {"repositoryName": "trunc');
          setTimeout(() => res.destroy(), 20);
        } else {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 200);
          res.on('close', () => clearInterval(t));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    if (saved === undefined) delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    else process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = saved;
  });

  const attempt = async (m: Mode): Promise<EcrError> => {
    mode = m;
    const ecr = new EcrService({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'AKIAEXAMPLEBADSRV001', secretAccessKey: 'badserverbadserverbadserverbadserver0000' },
      maxAttempts: 2,
      requestTimeoutMs: 5_000,
      callDeadlineMs: 1_500,
    });
    try {
      await ecr.listRepositories({});
    } catch (e) {
      return e as EcrError;
    } finally {
      ecr.dispose();
    }
    throw new Error(`${m}: the call succeeded`);
  };

  it('a redirect names itself and where it points', async () => {
    const e = await attempt('redirect');
    assert.strictEqual(e.kind, 'bad-response');
    assert.match(e.message, /redirect \(HTTP 307 to https:\/\/login\.example\.com\/\)/);
  });

  it('an empty 200 is not an empty list', async () => {
    const e = await attempt('empty');
    assert.strictEqual(e.kind, 'bad-response');
    assert.match(e.message, /empty response/);
  });

  it('a body cut short says the connection closed early', async () => {
    const e = await attempt('truncated');
    assert.strictEqual(e.kind, 'network');
    assert.match(e.message, /closed before the answer was complete/);
  });

  it('a body that trickles in forever meets the call deadline', async () => {
    const e = await attempt('trickle');
    assert.strictEqual(e.kind, 'network');
    assert.match(e.message, /No complete answer from .* within 2 s \(DescribeRepositories\)/);
  });
});

describe('plain-HTTP endpoint overrides', () => {
  it('warn for another machine, not for https or this machine', () => {
    assert.match(plainHttpWarning('http://ecr.internal.example:8080/') ?? '', /plain HTTP to another machine/);
    assert.match(plainHttpWarning('http://10.0.0.5') ?? '', /http:\/\/10\.0\.0\.5 is plain HTTP/);
    for (const ok of ['https://ecr.internal.example', 'http://127.0.0.1:4566', 'http://localhost:8080', 'http://[::1]:9000', undefined]) assert.strictEqual(plainHttpWarning(ok), undefined, String(ok));
  });
});
