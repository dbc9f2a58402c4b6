import type { LineIndex, Span } from './text';

/**
 * Suppression comments.
 *
 *   # bulkhead-ignore k8s/privileged-container,k8s/run-as-root: reason
 *   // bulkhead-ignore cdk/privileged-container: reason       (TypeScript)
 *   # bulkhead-ignore-file dockerfile/no-healthcheck: reason  (whole file)
 *
 * At the end of a line it covers that line; alone on a line it covers the next
 * line that is not a comment or blank. Peers' markers are honoured too, by the
 * peer check ids a rule lists in `equivalents`:
 *   # checkov:skip=CKV_K8S_16: reason   (file-wide in a Dockerfile, as in checkov)
 *   # hadolint ignore=DL3002,DL3008     (next line)
 *   # trivy:ignore:KSV017               (next line; also tfsec:ignore:…)
 */
export type CommentStyle = 'hash' | 'slash' | 'none';

export interface Suppression {
  /** rule ids, or peer check ids (matched through equivalents); `*` or `all` for every rule */
  ids: string[];
  reason?: string;
  /** the zero-based line the suppression covers, or 'file'; -1 when `spans` decide */
  line: number | 'file';
  /** offsets covered (e.g. a Kubernetes resource carrying a skip annotation) */
  spans?: Span[];
  /** the comment's own line */
  commentLine: number;
  /** where it came from */
  source: 'bulkhead' | 'checkov' | 'hadolint' | 'trivy' | 'annotation';
}

const BULKHEAD = /bulkhead-ignore(-file)?\b[ \t]*([^:\r\n]*?)(?:[ \t]*:[ \t]*(.*?))?[ \t]*(?:\*\/)?$/;
const CHECKOV = /checkov:skip=([A-Za-z0-9_]+)(?::[ \t]*(.*))?$/;
const HADOLINT = /hadolint[ \t]+ignore=([A-Za-z0-9_,\s]+)$/;
/** `trivy:ignore:AVD-AWS-0035`, and tfsec's older spelling `tfsec:ignore:aws-ecs-enable-in-transit-encryption` (Trivy reads both) */
const TRIVY = /(?:trivy|tfsec):ignore:([A-Za-z0-9_-]+)/;

/**
 * Is any marker in the text (`bulkhead-ignore`, `checkov:skip`, `hadolint`,
 * `trivy:ignore`, `tfsec:ignore`)? Written as `[:-]ignore` for three of them:
 * a wider question, answered by one scan about four times faster than the
 * five names (the expression engine skips ahead on the rarer characters).
 */
const MAY_SUPPRESS = /[:-]ignore|hadolint|checkov:skip/;

function splitIds(s: string): string[] {
  return s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Finds every suppression comment in a document. */
export function findSuppressions(lines: LineIndex, style: CommentStyle, fileWideCheckov = false): Suppression[] {
  if (style === 'none') return [];
  const out: Suppression[] = [];
  const text = lines.text;
  if (!MAY_SUPPRESS.test(text)) return out;
  const marker = style === 'hash' ? '#' : '//';
  for (let line = 0; line < lines.lineCount; line++) {
    const t = lines.lineText(line);
    const at = commentStart(t, marker);
    if (at < 0) continue;
    const comment = t.slice(at + marker.length).trim();
    const ownLine = t.slice(0, at).trim() === '';
    const target = (): number => (ownLine ? nextCodeLine(lines, line + 1, marker) : line);
    let m = BULKHEAD.exec(comment);
    if (m && comment.startsWith('bulkhead-ignore')) {
      out.push({
        ids: splitIds(m[2] ?? ''),
        reason: m[3]?.trim() || undefined,
        line: m[1] ? 'file' : target(),
        commentLine: line,
        source: 'bulkhead',
      });
      continue;
    }
    m = CHECKOV.exec(comment);
    if (m) {
      out.push({ ids: [m[1]], reason: m[2]?.trim(), line: fileWideCheckov ? 'file' : target(), commentLine: line, source: 'checkov' });
      continue;
    }
    m = HADOLINT.exec(comment);
    if (m) {
      out.push({ ids: splitIds(m[1]), line: target(), commentLine: line, source: 'hadolint' });
      continue;
    }
    m = TRIVY.exec(comment);
    if (m) out.push({ ids: [m[1]], line: target(), commentLine: line, source: 'trivy' });
  }
  return out;
}

/** Where a comment starts on a line: the marker at the start or after whitespace, outside quotes. */
function commentStart(line: string, marker: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || (c === '`' && marker === '//')) {
      // a quote only opens a string at a token boundary (YAML: it's a plain scalar otherwise)
      if (i === 0 || /[\s:,[{(=]/.test(line[i - 1]) || marker === '//') quote = c;
      continue;
    }
    if (line.startsWith(marker, i) && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

function nextCodeLine(lines: LineIndex, from: number, marker: string): number {
  for (let l = from; l < lines.lineCount; l++) {
    const t = lines.lineText(l).trim();
    if (t === '' || t.startsWith(marker)) continue;
    return l;
  }
  return from;
}

/** Does a suppression name this rule (by id, target wildcard, or a peer id it lists)? */
export function suppressionCovers(s: Suppression, ruleId: string, equivalents: readonly string[], aliases: readonly string[] = []): boolean {
  for (const id of s.ids) {
    if (id === ruleId || id === '*' || id === 'all' || aliases.includes(id)) return true;
    if (id.endsWith('/*') && ruleId.startsWith(id.slice(0, -1))) return true;
    if (s.source !== 'bulkhead' || /^[A-Z]/.test(id)) {
      if (equivalents.some((e) => e.toLowerCase() === id.toLowerCase() || normalisePeer(e) === normalisePeer(id))) return true;
    }
  }
  return false;
}

/** KSV017 and KSV-0017 name the same Trivy check. */
function normalisePeer(id: string): string {
  const m = /^([A-Za-z]+)-?0*(\d+)$/.exec(id);
  return m ? `${m[1].toUpperCase()}${m[2]}` : id.toUpperCase();
}

/** The text of a suppression comment for a rule, for the "Ignore this rule here" action. */
export function suppressionComment(style: CommentStyle, ruleId: string, reason = 'reason'): string {
  return `${style === 'slash' ? '//' : '#'} bulkhead-ignore ${ruleId}: ${reason}`;
}
