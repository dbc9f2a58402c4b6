/**
 * The normalised ECR model Bulkhead works with: repositories, images, scan
 * statuses and findings. Basic (Clair-style) and enhanced (Amazon Inspector)
 * findings both map into {@link EcrFinding}. No SDK types leak out of here, so
 * the tree view, the CLI and the cross-link share one shape.
 */

/** Severities from worst to least; `UNDEFINED` is ECR's own "no rating". */
export const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'] as const;
export type KnownSeverity = (typeof SEVERITY_ORDER)[number];
/** A known severity, or any other string ECR (or Inspector) sends, kept as itself. */
export type EcrSeverity = KnownSeverity | (string & {});

/**
 * Rank for sorting: 0 is worst. Unknown severities sort after UNDEFINED
 * (they are shown, never dropped).
 */
export function severityRank(s: string | undefined): number {
  const i = SEVERITY_ORDER.indexOf((s ?? 'UNDEFINED').toUpperCase() as KnownSeverity);
  return i < 0 ? SEVERITY_ORDER.length : i;
}

/** Normalise a severity string: upper-case, empty → UNDEFINED; others (Inspector's UNTRIAGED …) are kept as themselves. */
export function normaliseSeverity(s: string | undefined | null): EcrSeverity {
  const up = (s ?? '').trim().toUpperCase();
  return up === '' ? 'UNDEFINED' : up;
}

/** Whether `s` is at or above `threshold` (both by {@link severityRank}). Unknown severities never meet a threshold. */
export function atOrAbove(s: string, threshold: string): boolean {
  const r = severityRank(s);
  return r < SEVERITY_ORDER.length && r <= severityRank(threshold);
}

export const KNOWN_SCAN_STATUSES = [
  'IN_PROGRESS',
  'COMPLETE',
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'ACTIVE',
  'PENDING',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED',
] as const;
export type KnownScanStatus = (typeof KNOWN_SCAN_STATUSES)[number];
/** A scan status; values ECR adds later arrive as themselves. `NONE` means the image was never scanned. */
export type ScanStatus = KnownScanStatus | 'NONE' | (string & {});

export interface ScanStatusInfo {
  status: ScanStatus;
  description?: string;
}

/** Statuses that will change on their own: poll them. */
export function isScanPending(status: ScanStatus): boolean {
  return status === 'IN_PROGRESS' || status === 'PENDING';
}

/** Statuses whose findings are usable (basic COMPLETE, enhanced ACTIVE). */
export function hasUsableFindings(status: ScanStatus): boolean {
  return status === 'COMPLETE' || status === 'ACTIVE';
}

/** A short human explanation of a status; unknown statuses are described as themselves. */
export function describeScanStatus(status: ScanStatus): string {
  switch (status) {
    case 'IN_PROGRESS':
      return 'Scan in progress';
    case 'COMPLETE':
      return 'Scan complete';
    case 'FAILED':
      return 'Scan failed';
    case 'UNSUPPORTED_IMAGE':
      return 'Image type or OS not supported by scanning';
    case 'ACTIVE':
      return 'Continuously monitored (enhanced scanning)';
    case 'PENDING':
      return 'Scan pending';
    case 'SCAN_ELIGIBILITY_EXPIRED':
      return 'No longer monitored (Inspector re-scan duration expired): re-push or pull the image, or lengthen the re-scan duration';
    case 'FINDINGS_UNAVAILABLE':
      return 'Findings unavailable for this image';
    case 'LIMIT_EXCEEDED':
      return 'Basic scanning daily quota exceeded; try again later';
    case 'IMAGE_ARCHIVED':
      return 'Image is archived; restore it to scan';
    case 'NONE':
      return 'Not scanned';
    default:
      return `Scan status ${status}`;
  }
}

export type SeverityCounts = Partial<Record<string, number>>;

/** "2 CRITICAL · 5 HIGH", worst first; zero counts are left out; '' when empty. */
export function formatSeverityCounts(counts: SeverityCounts | undefined, min?: string): string {
  if (!counts) return '';
  const keys = Object.keys(counts)
    .filter((k) => (counts[k] ?? 0) > 0 && (min === undefined || atOrAbove(k, min)))
    .sort((a, b) => severityRank(a) - severityRank(b) || a.localeCompare(b));
  return keys.map((k) => `${counts[k]} ${k}`).join(' · ');
}

export interface RegistryInfo {
  registryId: string;
  region: string;
  /** BASIC | ENHANCED, or whatever ECR sends */
  scanType: string;
  rules: { scanFrequency: string; filters: string[] }[];
}

export interface RepositoryInfo {
  name: string;
  uri: string;
  arn?: string;
  registryId?: string;
  createdAt?: Date;
  scanOnPush: boolean;
  tagMutability: string;
  encryptionType: string;
  kmsKey?: string;
  /** where the repository departs from AWS's ECR guidance (empty when none) */
  warnings: string[];
}

export function repositoryWarnings(r: { scanOnPush: boolean; tagMutability: string; encryptionType: string }): string[] {
  const w: string[] = [];
  if (!r.scanOnPush) w.push('Scan on push is off');
  if (r.tagMutability === 'MUTABLE' || r.tagMutability === 'MUTABLE_WITH_EXCLUSION') w.push('Tags are mutable');
  if (r.encryptionType === 'AES256') w.push('Encrypted with AES256, not a KMS key');
  return w;
}

export interface ImageInfo {
  repositoryName: string;
  registryId?: string;
  digest: string;
  tags: string[];
  pushedAt?: Date;
  sizeBytes?: number;
  scan: ScanStatusInfo;
  counts?: SeverityCounts;
  scanCompletedAt?: Date;
  lastPulledAt?: Date;
}

export interface FindingPackage {
  name: string;
  version?: string;
  fixedInVersion?: string;
  packageManager?: string;
  filePath?: string;
}

/** One vulnerability finding, whichever scan produced it. */
export interface EcrFinding {
  /** CVE / GHSA / ALAS id, or the title when the scanner gave no id */
  id: string;
  title: string;
  severity: EcrSeverity;
  description?: string;
  packages: FindingPackage[];
  /** the best CVSS base score known (enhanced: Inspector score; basic: CVSS3 then CVSS2 attribute) */
  cvss?: number;
  cvssVector?: string;
  cvssVersion?: string;
  /** advisory page */
  url?: string;
  referenceUrls: string[];
  remediation?: string;
  /** 'basic' | 'enhanced' */
  source: 'basic' | 'enhanced';
  fixAvailable?: string;
  exploitAvailable?: string;
  status?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface FindingsPage extends Page<EcrFinding> {
  scan: ScanStatusInfo;
  counts?: SeverityCounts;
  scanCompletedAt?: Date;
  vulnerabilitySourceUpdatedAt?: Date;
  /** the digest ECR resolved (useful when asked by tag) */
  digest?: string;
}

export interface ImageId {
  imageTag?: string;
  imageDigest?: string;
}

export function imageIdLabel(id: ImageId): string {
  return id.imageDigest ? `@${id.imageDigest}` : `:${id.imageTag ?? 'latest'}`;
}

export function sortFindings(fs: EcrFinding[]): EcrFinding[] {
  return fs.sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || (b.cvss ?? -1) - (a.cvss ?? -1) || a.id.localeCompare(b.id),
  );
}
