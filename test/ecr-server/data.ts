/**
 * Data model and seed data of the local ECR stand-in. Everything here is
 * invented sample data: the CVE ids, packages and scores are generated, not
 * real advisories.
 */
import { createHash } from 'crypto';

export interface StandInVuln {
  id: string;
  severity: string;
  packageName: string;
  packageVersion: string;
  fixedIn?: string;
  cvss?: number;
  vector?: string;
  title?: string;
  description: string;
  packageManager: string;
}

export interface StandInImage {
  digest: string;
  tags: string[];
  pushedAt: Date;
  sizeBytes: number;
  /** 'NONE' = never scanned (DescribeImageScanFindings → ScanNotFoundException) */
  scanStatus: string;
  scanDescription?: string;
  scanCompletedAt?: Date;
  vulns: StandInVuln[];
  /** reads left before an IN_PROGRESS scan completes */
  pendingReads?: number;
  /** time (ms epoch) before which an IN_PROGRESS scan cannot complete */
  completeAt?: number;
  /** how the next scan of this image ends */
  scanOutcome?: 'COMPLETE' | 'FAILED';
  /** findings the next scan will report (defaults to the current ones) */
  nextVulns?: StandInVuln[];
}

export interface StandInRepo {
  name: string;
  createdAt: Date;
  scanOnPush: boolean;
  tagMutability: string;
  encryptionType: string;
  kmsKey?: string;
  images: StandInImage[];
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function digestOf(s: string): string {
  return `sha256:${createHash('sha256').update(s).digest('hex')}`;
}

const OS_PACKAGES: [string, string, string][] = [
  ['openssl', '3.0.11-1~deb12u1', '3.0.13-1~deb12u1'],
  ['glibc', '2.36-9+deb12u3', '2.36-9+deb12u7'],
  ['zlib', '1:1.2.13.dfsg-1', '1:1.2.13.dfsg-1+deb12u1'],
  ['curl', '7.88.1-10+deb12u4', '7.88.1-10+deb12u8'],
  ['libxml2', '2.9.14+dfsg-1.3', '2.9.14+dfsg-1.3~deb12u1'],
  ['expat', '2.5.0-1', '2.5.0-1+deb12u1'],
  ['sqlite3', '3.40.1-2', '3.40.1-2+deb12u1'],
  ['ncurses', '6.4-4', ''],
  ['pcre2', '10.42-1', ''],
  ['krb5', '1.20.1-2+deb12u1', '1.20.1-2+deb12u2'],
  ['perl', '5.36.0-7+deb12u1', ''],
  ['busybox', '1.36.1-r2', '1.36.1-r5'],
];
const NPM_PACKAGES: [string, string, string][] = [
  ['lodash', '4.17.20', '4.17.21'],
  ['minimist', '1.2.5', '1.2.6'],
  ['express', '4.17.1', '4.19.2'],
  ['semver', '7.5.1', '7.5.2'],
  ['jsonwebtoken', '8.5.1', '9.0.0'],
];
const SEVERITIES: [string, number][] = [
  ['CRITICAL', 0.04],
  ['HIGH', 0.16],
  ['MEDIUM', 0.4],
  ['LOW', 0.3],
  ['INFORMATIONAL', 0.07],
  ['UNDEFINED', 0.03],
];

function cvssFor(sev: string, r: () => number): number | undefined {
  const base: Record<string, [number, number]> = {
    CRITICAL: [9, 10],
    HIGH: [7, 8.9],
    MEDIUM: [4, 6.9],
    LOW: [0.1, 3.9],
  };
  const b = base[sev];
  if (!b) return undefined;
  return Math.round((b[0] + r() * (b[1] - b[0])) * 10) / 10;
}

/**
 * `n` invented vulnerabilities. `fixed` gives exact severity counts first
 * (e.g. { CRITICAL: 2, HIGH: 5 }), the rest follow the usual spread.
 */
export function generateVulns(seed: number, n: number, fixed: Record<string, number> = {}): StandInVuln[] {
  const r = prng(seed);
  const sevs: string[] = [];
  for (const [s, c] of Object.entries(fixed)) for (let i = 0; i < c; i++) sevs.push(s);
  // severities given in `fixed` are exact: the rest is drawn from the others
  const pool = SEVERITIES.filter(([s]) => fixed[s] === undefined);
  const total = pool.reduce((a, [, p]) => a + p, 0);
  while (sevs.length < n) {
    let x = r() * total;
    let pick = pool.length ? pool[pool.length - 1][0] : 'MEDIUM';
    for (const [s, p] of pool) {
      if (x < p) {
        pick = s;
        break;
      }
      x -= p;
    }
    sevs.push(pick);
  }
  const out: StandInVuln[] = [];
  for (let i = 0; i < n; i++) {
    const npm = r() < 0.25;
    const list = npm ? NPM_PACKAGES : OS_PACKAGES;
    const [name, version, fix] = list[Math.floor(r() * list.length)];
    const year = 2019 + Math.floor(r() * 6);
    const id = `CVE-${year}-${String(10000 + ((seed * 7919 + i * 104729) % 89999)).padStart(5, '0')}`;
    const severity = sevs[i];
    const cvss = cvssFor(severity, r);
    out.push({
      id,
      severity,
      packageName: name,
      packageVersion: version,
      fixedIn: fix || undefined,
      cvss,
      vector: cvss !== undefined ? 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' : undefined,
      description: `Sample finding from the Bulkhead ECR stand-in: a ${severity.toLowerCase()} issue in ${name} ${version}. Not a real advisory.`,
      packageManager: npm ? 'NODEPKG' : 'OS',
    });
  }
  return out;
}

export function countsOf(vulns: StandInVuln[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const v of vulns) c[v.severity] = (c[v.severity] ?? 0) + 1;
  return c;
}

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 5, 1, 12, 0, 0);

function image(repo: string, tags: string[], daysAgo: number, status: string, vulns: StandInVuln[], extra: Partial<StandInImage> = {}): StandInImage {
  return {
    digest: digestOf(`${repo}:${tags.join(',')}:${daysAgo}`),
    tags,
    pushedAt: new Date(BASE - daysAgo * DAY),
    sizeBytes: 40_000_000 + Math.floor(daysAgo * 1_234_567) % 90_000_000,
    scanStatus: status,
    scanCompletedAt: status === 'NONE' || status === 'IN_PROGRESS' || status === 'PENDING' ? undefined : new Date(BASE - daysAgo * DAY + 120_000),
    vulns,
    ...extra,
  };
}

/** The sample registry: bulkhead/web, bulkhead/api, bulkhead/worker. */
export function sampleRepositories(): StandInRepo[] {
  return [
    {
      name: 'bulkhead/web',
      createdAt: new Date(BASE - 400 * DAY),
      scanOnPush: true,
      tagMutability: 'IMMUTABLE',
      encryptionType: 'KMS',
      kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000001',
      images: [
        image('bulkhead/web', ['1.4.2', 'latest'], 1, 'COMPLETE', generateVulns(11, 23, { CRITICAL: 2, HIGH: 5 })),
        image('bulkhead/web', ['1.4.1'], 9, 'COMPLETE', generateVulns(12, 31, { CRITICAL: 3, HIGH: 6 })),
        image('bulkhead/web', ['1.3.0'], 60, 'SCAN_ELIGIBILITY_EXPIRED', [], {
          scanDescription: 'The image is no longer eligible for continuous scanning.',
        }),
        image('bulkhead/web', [], 75, 'COMPLETE', generateVulns(13, 4, { HIGH: 1 })),
      ],
    },
    {
      name: 'bulkhead/api',
      createdAt: new Date(BASE - 300 * DAY),
      scanOnPush: false,
      tagMutability: 'MUTABLE',
      encryptionType: 'AES256',
      images: [
        image('bulkhead/api', ['2.0.0', 'latest'], 2, 'COMPLETE', generateVulns(21, 2000, { CRITICAL: 12, HIGH: 140 })),
        image('bulkhead/api', ['1.9.0'], 20, 'FAILED', [], { scanDescription: 'Unable to complete the scan: the image manifest could not be read.' }),
        image('bulkhead/api', ['1.8.3'], 35, 'COMPLETE', generateVulns(22, 0)),
        image('bulkhead/api', ['canary'], 0.2, 'IN_PROGRESS', [], { pendingReads: 3, nextVulns: generateVulns(23, 9, { HIGH: 1 }) }),
      ],
    },
    {
      name: 'bulkhead/worker',
      createdAt: new Date(BASE - 200 * DAY),
      scanOnPush: true,
      tagMutability: 'MUTABLE',
      encryptionType: 'KMS',
      kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000002',
      images: [
        image('bulkhead/worker', ['0.9.0', 'latest'], 3, 'COMPLETE', generateVulns(31, 14, { CRITICAL: 1, HIGH: 2 })),
        image('bulkhead/worker', ['0.8.0'], 15, 'UNSUPPORTED_IMAGE', [], { scanDescription: 'UnsupportedImageError: The operating system and/or package manager are not supported.' }),
        image('bulkhead/worker', ['0.7.0'], 25, 'LIMIT_EXCEEDED', [], { scanDescription: 'The daily basic scan quota was exceeded.' }),
        image('bulkhead/worker', ['nightly'], 0.5, 'NONE', [], { nextVulns: generateVulns(32, 6, { MEDIUM: 2 }) }),
      ],
    },
  ];
}

/** `n` extra repositories `bench/repo-0001` … each with one small scanned image. */
export function generatedRepositories(n: number, prefix = 'bench/repo-'): StandInRepo[] {
  const out: StandInRepo[] = [];
  const width = String(n).length;
  for (let i = 1; i <= n; i++) {
    const name = `${prefix}${String(i).padStart(Math.max(4, width), '0')}`;
    out.push({
      name,
      createdAt: new Date(BASE - (i % 500) * DAY),
      scanOnPush: i % 3 !== 0,
      tagMutability: i % 4 === 0 ? 'MUTABLE' : 'IMMUTABLE',
      encryptionType: i % 5 === 0 ? 'AES256' : 'KMS',
      images: [image(name, ['1.0.0'], i % 30, 'COMPLETE', generateVulns(1000 + i, 3))],
    });
  }
  return out;
}
