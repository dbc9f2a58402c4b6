import * as assert from 'assert';
import {
  atOrAbove,
  describeScanStatus,
  findEcrImageRefs,
  fixedInLabel,
  formatSeverityCounts,
  hasUsableFindings,
  imageIdOf,
  isScanPending,
  KNOWN_SCAN_STATUSES,
  normaliseBasicFinding,
  normaliseEnhancedFinding,
  packageLabel,
  parseEcrImageRef,
  redact,
  refMatchesImage,
  severityRank,
  sortFindings,
} from '../../../src/ecr';

describe('ecr: image references', () => {
  const host = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
  it('parses tag, digest, nested repository names and China regions', () => {
    const t = parseEcrImageRef(`${host}/bulkhead/web:1.4.2`)!;
    assert.deepStrictEqual([t.registryId, t.region, t.repository, t.tag, t.digest], ['123456789012', 'us-east-1', 'bulkhead/web', '1.4.2', undefined]);
    const d = parseEcrImageRef(`${host}/a/b/c@sha256:${'a'.repeat(64)}`)!;
    assert.strictEqual(d.repository, 'a/b/c');
    assert.strictEqual(d.digest, `sha256:${'a'.repeat(64)}`);
    assert.deepStrictEqual(imageIdOf(d), { imageDigest: `sha256:${'a'.repeat(64)}` });
    const cn = parseEcrImageRef('210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/app:v1')!;
    assert.strictEqual(cn.domain, 'amazonaws.com.cn');
    assert.strictEqual(cn.region, 'cn-north-1');
    const fips = parseEcrImageRef('123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app')!;
    assert.ok(fips.fips);
    assert.deepStrictEqual(imageIdOf(fips), { imageTag: 'latest' });
    const both = parseEcrImageRef(`${host}/web:1.0@sha256:${'b'.repeat(64)}`)!;
    assert.strictEqual(both.tag, '1.0');
    assert.deepStrictEqual(imageIdOf(both), { imageDigest: `sha256:${'b'.repeat(64)}` });
  });
  it('rejects what is not an ECR reference', () => {
    for (const s of [
      'nginx:latest',
      'public.ecr.aws/nginx/nginx:1',
      '12345.dkr.ecr.us-east-1.amazonaws.com/web',
      `${host}/Web:1`,
      `${host}/web:-bad`,
      `${host}/web@sha256:abc`,
      `${host}`,
      '',
    ]) {
      assert.strictEqual(parseEcrImageRef(s), undefined, s);
    }
  });
  it('finds references in text with exact offsets', () => {
    const text = `FROM ${host}/bulkhead/web:1.4.2 AS base\n  image: "${host}/bulkhead/api@sha256:${'c'.repeat(64)}"\nimage: nginx\n`;
    const found = findEcrImageRefs(text);
    assert.strictEqual(found.length, 2);
    assert.strictEqual(text.slice(found[0].start, found[0].end), `${host}/bulkhead/web:1.4.2`);
    assert.strictEqual(found[1].ref.repository, 'bulkhead/api');
    assert.strictEqual(text.slice(found[1].end, found[1].end + 1), '"');
  });
  it('matches images by tag or digest', () => {
    const img = { repositoryName: 'web', digest: `sha256:${'d'.repeat(64)}`, tags: ['1', 'latest'] };
    assert.ok(refMatchesImage(parseEcrImageRef(`${host}/web`)!, img));
    assert.ok(refMatchesImage(parseEcrImageRef(`${host}/web@sha256:${'d'.repeat(64)}`)!, img));
    assert.ok(!refMatchesImage(parseEcrImageRef(`${host}/web:2`)!, img));
    assert.ok(!refMatchesImage(parseEcrImageRef(`${host}/api:1`)!, img));
  });
});

describe('ecr: severities and statuses', () => {
  it('orders CRITICAL … UNDEFINED, unknown severities last and kept', () => {
    assert.ok(severityRank('CRITICAL') < severityRank('HIGH'));
    assert.ok(severityRank('INFORMATIONAL') < severityRank('UNDEFINED'));
    assert.ok(severityRank('UNDEFINED') < severityRank('UNTRIAGED'));
    assert.ok(atOrAbove('CRITICAL', 'HIGH') && atOrAbove('HIGH', 'HIGH') && !atOrAbove('MEDIUM', 'HIGH'));
    assert.ok(!atOrAbove('UNTRIAGED', 'UNDEFINED'));
    assert.strictEqual(formatSeverityCounts({ HIGH: 5, CRITICAL: 2, LOW: 0, UNTRIAGED: 1 }), '2 CRITICAL · 5 HIGH · 1 UNTRIAGED');
    assert.strictEqual(formatSeverityCounts({ HIGH: 5, CRITICAL: 2, LOW: 3 }, 'HIGH'), '2 CRITICAL · 5 HIGH');
    assert.strictEqual(formatSeverityCounts(undefined), '');
  });
  it('describes every known status and any unknown one as itself', () => {
    for (const s of KNOWN_SCAN_STATUSES) assert.ok(describeScanStatus(s).length > 0);
    assert.strictEqual(describeScanStatus('QUANTUM_FLUX'), 'Scan status QUANTUM_FLUX');
    assert.ok(isScanPending('IN_PROGRESS') && isScanPending('PENDING') && !isScanPending('COMPLETE') && !isScanPending('QUANTUM_FLUX'));
    assert.ok(hasUsableFindings('COMPLETE') && hasUsableFindings('ACTIVE') && !hasUsableFindings('FAILED'));
  });
});

describe('ecr: findings normalisation', () => {
  it('maps a basic finding', () => {
    const f = normaliseBasicFinding({
      name: 'CVE-2023-0001',
      uri: 'https://security-tracker.debian.org/tracker/CVE-2023-0001',
      severity: 'HIGH',
      description: 'd',
      attributes: [
        { key: 'package_version', value: '1.2' },
        { key: 'package_name', value: 'zlib' },
        { key: 'CVSS2_SCORE', value: '7.5' },
        { key: 'CVSS2_VECTOR', value: 'AV:N' },
      ],
    });
    assert.strictEqual(f.id, 'CVE-2023-0001');
    assert.strictEqual(f.severity, 'HIGH');
    assert.strictEqual(packageLabel(f), 'zlib@1.2');
    assert.strictEqual(f.cvss, 7.5);
    assert.strictEqual(f.cvssVersion, '2');
    assert.strictEqual(f.url, 'https://security-tracker.debian.org/tracker/CVE-2023-0001');
    assert.strictEqual(f.source, 'basic');
  });
  it('maps an enhanced finding, fixed-in and remediation included', () => {
    const f = normaliseEnhancedFinding({
      title: 'CVE-2024-1 - openssl',
      severity: 'CRITICAL',
      score: 9.8,
      scoreDetails: { cvss: { score: 9.8, scoringVector: 'CVSS:3.1/AV:N', version: '3.1' } },
      remediation: { recommendation: { text: 'Upgrade openssl' } },
      packageVulnerabilityDetails: {
        vulnerabilityId: 'CVE-2024-1',
        sourceUrl: 'https://nvd.nist.gov/vuln/detail/CVE-2024-1',
        referenceUrls: ['https://example.org/a'],
        vulnerablePackages: [
          { name: 'openssl', version: '3.0.1', release: '1', epoch: 1, fixedInVersion: '3.0.2' },
          { name: 'libssl3', version: '3.0.1', fixedInVersion: 'NotAvailable' },
        ],
      },
    });
    assert.strictEqual(f.id, 'CVE-2024-1');
    assert.strictEqual(f.title, 'CVE-2024-1 - openssl');
    assert.strictEqual(f.cvss, 9.8);
    assert.strictEqual(packageLabel(f), 'openssl@1:3.0.1-1 +1 more');
    assert.strictEqual(fixedInLabel(f), '3.0.2');
    assert.strictEqual(f.remediation, 'Upgrade openssl');
    assert.strictEqual(f.url, 'https://nvd.nist.gov/vuln/detail/CVE-2024-1');
    assert.strictEqual(f.source, 'enhanced');
  });
  it('survives empty and odd shapes', () => {
    const a = normaliseEnhancedFinding({ severity: 'UNTRIAGED' });
    assert.strictEqual(a.severity, 'UNTRIAGED');
    assert.strictEqual(a.packages.length, 0);
    const b = normaliseBasicFinding({ attributes: [{ key: 'CVSS2_SCORE', value: 'n/a' }] });
    assert.strictEqual(b.cvss, undefined);
    assert.strictEqual(b.severity, 'UNDEFINED');
    const sorted = sortFindings([b, a, normaliseBasicFinding({ name: 'X', severity: 'CRITICAL' })]);
    assert.deepStrictEqual(sorted.map((x) => x.severity), ['CRITICAL', 'UNDEFINED', 'UNTRIAGED']);
  });
});

describe('ecr: redaction', () => {
  it('removes key ids, secrets, signatures and tokens but keeps digests', () => {
    const digest = `sha256:${'e'.repeat(64)}`;
    const s = redact(
      `AKIAIOSFODNN7EXAMPLE Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/ecr/aws4_request Signature=${'f'.repeat(64)} aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY X-Amz-Security-Token: FwoGZXIvYXdzEJr//////////wEaDGhZaWxBgkZXExampleTokenValue1234567890 Bearer eyJhbGciOi.eyJzdWIi.sig ${digest}`,
    );
    for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI', 'FwoGZXIvYXdzEJr', 'eyJhbGciOi', 'f'.repeat(64)]) {
      assert.ok(!s.includes(secret), `${secret} leaked: ${s}`);
    }
    assert.ok(s.includes(digest));
  });
});
