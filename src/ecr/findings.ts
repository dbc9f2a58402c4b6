/**
 * Basic and enhanced ECR findings → {@link EcrFinding}. Written against the
 * wire shapes (plain objects), so it works on SDK output and on recorded JSON.
 */
import { EcrFinding, FindingPackage, normaliseSeverity } from './model';

interface BasicAttribute {
  key?: string;
  value?: string;
}
export interface BasicFindingShape {
  name?: string;
  description?: string;
  uri?: string;
  severity?: string;
  attributes?: BasicAttribute[];
}

export interface EnhancedFindingShape {
  title?: string;
  description?: string;
  severity?: string;
  score?: number;
  status?: string;
  type?: string;
  fixAvailable?: string;
  exploitAvailable?: string;
  scoreDetails?: { cvss?: { score?: number; scoringVector?: string; version?: string } };
  remediation?: { recommendation?: { text?: string; url?: string } };
  packageVulnerabilityDetails?: {
    vulnerabilityId?: string;
    sourceUrl?: string;
    referenceUrls?: string[];
    vendorSeverity?: string;
    cvss?: { baseScore?: number; scoringVector?: string; version?: string; source?: string }[];
    vulnerablePackages?: {
      name?: string;
      version?: string;
      release?: string;
      epoch?: number;
      fixedInVersion?: string;
      packageManager?: string;
      filePath?: string;
    }[];
  };
}

/**
 * A link from the registry, kept only when it is http(s), normalised, with
 * the characters that would end a Markdown link target escaped: a finding's
 * URL goes into hovers and tooltips, where another scheme (`command:`) must
 * never arrive.
 */
export function httpUrl(s: string | undefined): string | undefined {
  if (!s) return undefined;
  let u: URL;
  try {
    u = new URL(s.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  return u.href.replace(/[()<>\s"'`\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

function num(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export function normaliseBasicFinding(f: BasicFindingShape): EcrFinding {
  const attrs = new Map<string, string>();
  for (const a of f.attributes ?? []) if (a && a.key) attrs.set(a.key, a.value ?? '');
  const cvss3 = num(attrs.get('CVSS3_SCORE'));
  const cvss2 = num(attrs.get('CVSS2_SCORE'));
  const pkgName = attrs.get('package_name');
  const packages: FindingPackage[] = pkgName
    ? [{ name: pkgName, version: attrs.get('package_version') || undefined }]
    : [];
  const id = f.name || '(unnamed finding)';
  return {
    id,
    title: id,
    severity: normaliseSeverity(f.severity),
    description: f.description || undefined,
    packages,
    cvss: cvss3 ?? cvss2,
    cvssVector: cvss3 !== undefined ? attrs.get('CVSS3_VECTOR') : attrs.get('CVSS2_VECTOR'),
    cvssVersion: cvss3 !== undefined ? '3' : cvss2 !== undefined ? '2' : undefined,
    url: httpUrl(f.uri),
    referenceUrls: [],
    source: 'basic',
  };
}

export function normaliseEnhancedFinding(f: EnhancedFindingShape): EcrFinding {
  const pvd = f.packageVulnerabilityDetails ?? {};
  const packages: FindingPackage[] = (pvd.vulnerablePackages ?? []).map((p) => {
    let version = p.version;
    if (version && p.release) version = `${version}-${p.release}`;
    if (version && p.epoch) version = `${p.epoch}:${version}`;
    return {
      name: p.name ?? '(unknown package)',
      version: version || undefined,
      fixedInVersion: p.fixedInVersion && p.fixedInVersion !== 'NotAvailable' ? p.fixedInVersion : undefined,
      packageManager: p.packageManager,
      filePath: p.filePath,
    };
  });
  const best = f.scoreDetails?.cvss;
  const firstCvss = (pvd.cvss ?? []).slice().sort((a, b) => Number(b.version ?? 0) - Number(a.version ?? 0))[0];
  const cvss = best?.score ?? f.score ?? firstCvss?.baseScore;
  const title = f.title || pvd.vulnerabilityId || '(untitled finding)';
  const refs = (pvd.referenceUrls ?? []).filter((u) => typeof u === 'string' && u !== '');
  return {
    id: pvd.vulnerabilityId || title,
    title,
    severity: normaliseSeverity(f.severity),
    description: f.description || undefined,
    packages,
    cvss,
    cvssVector: best?.scoringVector ?? firstCvss?.scoringVector,
    cvssVersion: best?.version ?? firstCvss?.version,
    url: httpUrl(pvd.sourceUrl) ?? httpUrl(f.remediation?.recommendation?.url) ?? refs.map(httpUrl).find(Boolean),
    referenceUrls: refs,
    remediation: f.remediation?.recommendation?.text && !/^none provided$/i.test(f.remediation.recommendation.text.trim()) ? f.remediation.recommendation.text : undefined,
    source: 'enhanced',
    fixAvailable: f.fixAvailable,
    exploitAvailable: f.exploitAvailable,
    status: f.status,
  };
}

/** Both arrays of an `imageScanFindings` object, normalised, in the order ECR sent them. */
export function normaliseFindings(scan: { findings?: BasicFindingShape[]; enhancedFindings?: EnhancedFindingShape[] } | undefined): EcrFinding[] {
  if (!scan) return [];
  const out: EcrFinding[] = [];
  for (const f of scan.findings ?? []) out.push(normaliseBasicFinding(f));
  for (const f of scan.enhancedFindings ?? []) out.push(normaliseEnhancedFinding(f));
  return out;
}

/** "openssl@3.0.7" (first package, "+2 more" when there are several) */
export function packageLabel(f: EcrFinding): string {
  if (f.packages.length === 0) return '';
  const p = f.packages[0];
  const base = p.version ? `${p.name}@${p.version}` : p.name;
  return f.packages.length > 1 ? `${base} +${f.packages.length - 1} more` : base;
}

export function fixedInLabel(f: EcrFinding): string | undefined {
  const fixed = f.packages.map((p) => p.fixedInVersion).filter((v): v is string => !!v);
  return fixed.length ? Array.from(new Set(fixed)).join(', ') : undefined;
}
