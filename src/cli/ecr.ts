/**
 * `bulkhead ecr findings <image-uri>...` — an image's ECR scan findings as
 * text, JSON or SARIF, and a CI gate on them (exit 1 at or above --fail-on).
 */
import * as fs from 'fs';
import { eachArg, OutputFormat, outputFormat, UsageError } from './args';
import {
  atOrAbove,
  EcrError,
  EcrFinding,
  EcrImageRef,
  EcrService,
  fixedInLabel,
  formatEcrImageRef,
  formatSeverityCounts,
  hasUsableFindings,
  imageIdOf,
  isScanPending,
  packageLabel,
  parseEcrImageRef,
  ScanStatusInfo,
  SeverityCounts,
  severityRank,
  sortFindings,
  describeScanStatus,
  plainHttpWarning,
} from '../ecr';
import { appendAll } from '../core/arrays';
import { printable } from '../core/text';

/** 1,000 findings a page: a million findings is far beyond any real image. */
const MAX_FINDING_PAGES = 1000;

export const ECR_USAGE = `Usage: bulkhead ecr findings <image-uri>... [options]

Prints the Amazon ECR scan findings of each image
(<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:digest]; no tag means :latest).

Options:
    --format text|json|sarif   output format (default text)
    --fail-on critical|high|medium|low|informational|none
                               exit 1 when a finding is at or above this severity (default high)
    --wait                     wait for a scan in progress (IN_PROGRESS/PENDING) to finish
    --timeout SECONDS          how long --wait waits (default 600)
    --output FILE              write the report to FILE instead of stdout
    --profile NAME             AWS shared-config profile (default: the SDK's default chain)
    --region REGION            AWS region (default: the image reference's region)
    --endpoint URL             ECR endpoint override (VPC endpoint, or the local stand-in)

Exit status: 0 nothing at or above --fail-on; 1 something is;
2 usage error, or an image whose findings could not be read (no scan, scan failed, access denied …).`;

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'informational', 'none'] as const;
type FailOn = (typeof FAIL_ON)[number];

interface Options {
  refs: string[];
  format: OutputFormat;
  failOn: FailOn;
  wait: boolean;
  timeoutSec: number;
  output?: string;
  profile?: string;
  region?: string;
  endpoint?: string;
}


function parseArgs(argv: string[]): Options {
  const o: Options = { refs: [], format: 'text', failOn: 'high', wait: false, timeoutSec: 600 };
  eachArg(argv, (flag, value, a) => {
    switch (flag) {
      case '--format':
        o.format = outputFormat(value());
        break;
      case '--fail-on': {
        const v = value().toLowerCase();
        if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${v}"`);
        o.failOn = v as FailOn;
        break;
      }
      case '--wait':
        o.wait = true;
        break;
      case '--timeout': {
        const v = Number(value());
        if (!Number.isFinite(v) || v <= 0) throw new UsageError('--timeout must be a positive number of seconds');
        o.timeoutSec = v;
        break;
      }
      case '--output':
      case '-o':
        o.output = value();
        break;
      case '--profile':
        o.profile = value();
        break;
      case '--region':
        o.region = value();
        break;
      case '--endpoint': {
        const v = value();
        if (!/^https?:\/\/[^\s]+$/.test(v)) throw new UsageError(`--endpoint must be an http(s) URL, not "${v}"`);
        o.endpoint = v;
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        o.refs.push(a);
    }
  });
  if (o.refs.length === 0) throw new UsageError('give at least one ECR image URI');
  return o;
}

interface ImageReport {
  image: string;
  ref: EcrImageRef;
  digest?: string;
  scan?: ScanStatusInfo;
  counts?: SeverityCounts;
  scanCompletedAt?: Date;
  findings: EcrFinding[];
  /** why the findings could not be read */
  error?: { kind: string; message: string };
}

async function collect(ref: EcrImageRef, o: Options, clients: Map<string, EcrService>): Promise<ImageReport> {
  const image = formatEcrImageRef(ref);
  const region = o.region ?? ref.region;
  let ecr = clients.get(region);
  if (!ecr) {
    ecr = new EcrService({ profile: o.profile, region, endpoint: o.endpoint });
    clients.set(region, ecr);
  }
  const id = imageIdOf(ref);
  const report: ImageReport = { image, ref, findings: [] };
  try {
    let page = await ecr.getFindings(ref.repository, id, { registryId: ref.registryId, maxResults: 1000 });
    if (isScanPending(page.scan.status) && o.wait) {
      await ecr.waitForScan(ref.repository, id, { registryId: ref.registryId, timeoutMs: o.timeoutSec * 1000 });
      page = await ecr.getFindings(ref.repository, id, { registryId: ref.registryId, maxResults: 1000 });
    }
    report.scan = page.scan;
    report.digest = page.digest;
    report.counts = page.counts;
    report.scanCompletedAt = page.scanCompletedAt;
    if (!hasUsableFindings(page.scan.status)) {
      const hint = isScanPending(page.scan.status) ? ' (pass --wait to wait for it)' : '';
      report.error = {
        kind: 'scan-status',
        message: `${describeScanStatus(page.scan.status)} [${page.scan.status}]${page.scan.description ? `: ${page.scan.description}` : ''}${hint}`,
      };
      return report;
    }
    appendAll(report.findings, page.items);
    let token = page.nextToken;
    const seen = new Set<string>();
    for (let pages = 1; token; pages++) {
      // a registry that repeats a token, or never stops, is not followed forever
      if (seen.has(token)) throw new EcrError('other', `the registry returned the same nextToken twice after ${pages} pages of findings; stopped paging`);
      if (pages >= MAX_FINDING_PAGES) throw new EcrError('other', `more than ${MAX_FINDING_PAGES} pages of findings; stopped paging`);
      seen.add(token);
      const next = await ecr.getFindings(ref.repository, id, { registryId: ref.registryId, maxResults: 1000, nextToken: token });
      appendAll(report.findings, next.items);
      token = next.nextToken;
    }
    sortFindings(report.findings);
  } catch (e) {
    const err = e instanceof EcrError ? e : new EcrError('other', String((e as Error)?.message ?? e));
    report.error = { kind: err.kind, message: err.message };
  }
  return report;
}

function gated(r: ImageReport, failOn: FailOn): EcrFinding[] {
  if (failOn === 'none') return [];
  return r.findings.filter((f) => atOrAbove(f.severity, failOn.toUpperCase()));
}

function renderText(reports: ImageReport[], o: Options): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.image}${r.digest && !r.ref.digest ? `  (${r.digest.slice(0, 19)}…)` : ''}`);
    if (r.error) {
      lines.push(`  error: ${r.error.message}`);
      lines.push('');
      continue;
    }
    const counts = formatSeverityCounts(r.counts);
    lines.push(`  scan ${r.scan?.status}${r.scanCompletedAt ? ` at ${r.scanCompletedAt.toISOString()}` : ''} · ${counts || 'no findings'}`);
    for (const f of r.findings) {
      const fixed = fixedInLabel(f);
      const parts = [
        f.severity.padEnd(13),
        f.id,
        packageLabel(f),
        fixed ? `fixed in ${fixed}` : '',
        f.cvss !== undefined ? `CVSS ${f.cvss}` : '',
        f.url ?? '',
      ].filter((p) => p !== '');
      lines.push(`  ${parts.join('  ')}`);
    }
    const g = gated(r, o.failOn).length;
    if (o.failOn !== 'none') lines.push(`  ${g} finding${g === 1 ? '' : 's'} at or above ${o.failOn.toUpperCase()}`);
    lines.push('');
  }
  // image references, ids, package names and URLs come from the command line and the registry
  return lines.map(printable).join('\n');
}

function findingJson(f: EcrFinding) {
  return {
    id: f.id,
    title: f.title,
    severity: f.severity,
    packages: f.packages,
    cvss: f.cvss,
    cvssVector: f.cvssVector,
    url: f.url,
    referenceUrls: f.referenceUrls,
    remediation: f.remediation,
    description: f.description,
    source: f.source,
  };
}

function renderJson(reports: ImageReport[], o: Options): string {
  return JSON.stringify(
    {
      failOn: o.failOn,
      images: reports.map((r) => ({
        image: r.image,
        repository: r.ref.repository,
        registryId: r.ref.registryId,
        region: r.ref.region,
        digest: r.digest,
        scan: r.scan,
        counts: r.counts,
        scanCompletedAt: r.scanCompletedAt?.toISOString(),
        findings: r.findings.map(findingJson),
        atOrAboveFailOn: gated(r, o.failOn).length,
        ...(r.error ? { error: r.error } : {}),
      })),
    },
    null,
    2,
  );
}

function sarifLevel(sev: string): 'error' | 'warning' | 'note' {
  const r = severityRank(sev);
  return r <= 1 ? 'error' : r === 2 ? 'warning' : 'note';
}

/** GitHub's `security-severity`: the CVSS score when known, else a value inside the severity's band. */
function securitySeverity(f: EcrFinding): string {
  if (f.cvss !== undefined) return f.cvss.toFixed(1);
  const band: Record<string, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0' };
  return band[f.severity] ?? '0.0';
}

function renderSarif(reports: ImageReport[]): string {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  const results: object[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      let idx = ruleIndex.get(f.id);
      if (idx === undefined) {
        idx = rules.length;
        ruleIndex.set(f.id, idx);
        rules.push({
          id: f.id,
          name: f.id.replace(/[^A-Za-z0-9]/g, ''),
          shortDescription: { text: f.title },
          fullDescription: { text: f.description ?? f.title },
          ...(f.url ? { helpUri: f.url } : {}),
          help: {
            text: f.remediation ?? (fixedInLabel(f) ? `Upgrade to ${fixedInLabel(f)}.` : 'No fix published yet.'),
          },
          defaultConfiguration: { level: sarifLevel(f.severity) },
          properties: { 'security-severity': securitySeverity(f), tags: ['security', 'vulnerability', 'ecr'], precision: 'high' },
        });
      }
      const fixed = fixedInLabel(f);
      results.push({
        ruleId: f.id,
        ruleIndex: idx,
        level: sarifLevel(f.severity),
        message: {
          text: `${f.id} (${f.severity}) in ${packageLabel(f) || 'the image'}${fixed ? `; fixed in ${fixed}` : ''}. Image: ${r.image}`,
        },
        locations: [{ physicalLocation: { artifactLocation: { uri: r.image } } }],
        properties: { severity: f.severity, ...(f.cvss !== undefined ? { cvss: f.cvss } : {}), packages: f.packages, ...(r.digest ? { imageDigest: r.digest } : {}) },
      });
    }
  }
  const notifications = reports
    .filter((r) => r.error)
    .map((r) => ({ level: 'error', message: { text: `${r.image}: ${r.error!.message}` } }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Bulkhead ECR findings',
              informationUri: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
              rules,
            },
          },
          artifacts: reports.map((r) => ({ location: { uri: r.image } })),
          results,
          invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        },
      ],
    },
    null,
    2,
  );
}

/** Entry point for `bulkhead ecr …`; returns the exit status. */
export async function ecrCommand(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(`${ECR_USAGE}\n`);
    return sub ? 0 : 2;
  }
  if (sub !== 'findings') {
    io.err(printable(`bulkhead ecr: unknown subcommand "${sub}" (try: bulkhead ecr findings <image-uri>)`) + '\n');
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${ECR_USAGE}\n`);
    return 0;
  }
  let o: Options;
  try {
    o = parseArgs(rest);
  } catch (e) {
    io.err(printable(`bulkhead ecr: ${(e as Error).message}`) + '\n');
    return 2;
  }
  const refs: EcrImageRef[] = [];
  for (const s of o.refs) {
    const ref = parseEcrImageRef(s);
    if (!ref) {
      io.err(printable(`bulkhead ecr: "${s}" is not an ECR image URI (<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:digest])`) + '\n');
      return 2;
    }
    refs.push(ref);
  }
  const plain = plainHttpWarning(o.endpoint);
  if (plain) io.err(printable(`bulkhead ecr: warning: ${plain}`) + '\n');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clients = new Map<string, EcrService>();
  const reports: ImageReport[] = [];
  try {
    for (const ref of refs) reports.push(await collect(ref, o, clients));
  } finally {
    for (const c of clients.values()) c.dispose();
  }
  const text = o.format === 'json' ? renderJson(reports, o) : o.format === 'sarif' ? renderSarif(reports) : renderText(reports, o);
  try {
    if (o.output) fs.writeFileSync(o.output, text.endsWith('\n') ? text : `${text}\n`);
    else io.out(text.endsWith('\n') ? text : `${text}\n`);
  } catch (e) {
    io.err(`bulkhead ecr: cannot write ${o.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const failed = reports.filter((r) => r.error);
  for (const r of failed) io.err(printable(`bulkhead ecr: ${r.image}: ${r.error!.message}`) + '\n');
  if (failed.length) return 2;
  return reports.some((r) => gated(r, o.failOn).length > 0) ? 1 : 0;
}
