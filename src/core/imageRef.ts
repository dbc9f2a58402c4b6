/**
 * ECR image references: `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@sha256:digest]`
 * (also `.amazonaws.com.cn` and the `ecr-fips` host). Pure text functions,
 * shared by the parsers (which record the references they see) and the ECR
 * client (which looks them up).
 */
export interface EcrImageRef {
  registryId: string;
  region: string;
  /** `amazonaws.com` or `amazonaws.com.cn` */
  domain: string;
  fips: boolean;
  repository: string;
  tag?: string;
  digest?: string;
  /** the text as given (trimmed, scheme stripped) */
  raw: string;
}

const REPO = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = 'sha256:[a-f0-9]{64}';
const HOST = '(\\d{12})\\.dkr\\.(ecr|ecr-fips)\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.(amazonaws\\.com(?:\\.cn)?)';
const BODY = `${HOST}/(${REPO})(?::(${TAG}))?(?:@(${DIGEST}))?`;

const EXACT = new RegExp(`^${BODY}$`);
/** For scanning text: the reference must not continue into more name characters. */
const IN_TEXT = new RegExp(`(?<![A-Za-z0-9.-])${BODY}(?![A-Za-z0-9_.:@/-])`, 'g');

function build(m: RegExpExecArray, raw: string): EcrImageRef {
  return {
    registryId: m[1],
    fips: m[2] === 'ecr-fips',
    region: m[3],
    domain: m[4],
    repository: m[5],
    tag: m[6] || undefined,
    digest: m[7] || undefined,
    raw,
  };
}

/** Parse an ECR image reference; undefined when `s` is not one. */
export function parseEcrImageRef(s: string): EcrImageRef | undefined {
  if (typeof s !== 'string') return undefined;
  let t = s.trim();
  t = t.replace(/^(?:docker|https?):\/\//, '');
  if (t.length > 600) return undefined;
  const m = EXACT.exec(t);
  return m ? build(m, t) : undefined;
}

export interface EcrImageRefMatch {
  ref: EcrImageRef;
  /** offsets into the scanned text, [start, end) */
  start: number;
  end: number;
}

/** Every ECR image reference in a text (task definitions, manifests, Dockerfiles, CDK code). */
export function findEcrImageRefs(text: string, limit = 1000): EcrImageRefMatch[] {
  const out: EcrImageRefMatch[] = [];
  if (text.indexOf('.dkr.ecr') < 0) return out;
  IN_TEXT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IN_TEXT.exec(text)) && out.length < limit) {
    out.push({ ref: build(m, m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Splits any image reference `registry/name[:tag][@digest]` (surrounding blanks ignored). */
export function splitImageRef(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

/**
 * The registry host an image reference pulls from, as Docker and containerd
 * read it: the first path segment when it looks like a host (has a dot or a
 * port, or is `localhost`), else Docker Hub (`docker.io`).
 */
export function registryOf(ref: string): string {
  const { name } = splitImageRef(ref.replace(/^(?:docker|https?):\/\//, ''));
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) return first.toLowerCase();
  return 'docker.io';
}

/** Host globs (`*` within a label, e.g. `*.dkr.ecr.*.amazonaws.com`): does one match the host? */
export function registryAllowed(host: string, globs: readonly string[]): boolean {
  const h = host.toLowerCase();
  return globs.some((g) => {
    const re = new RegExp('^' + g.trim().toLowerCase().split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
    return re.test(h) || (g.trim().toLowerCase() === 'docker.io' && h === 'index.docker.io');
  });
}
