/**
 * One secret detector for every format: environment variables in task
 * definitions, Kubernetes env, Dockerfile ENV/ARG, App Runner env, CDK props.
 */

export type SecretKind = 'aws-access-key-id' | 'aws-secret-access-key' | 'aws-session-token' | 'private-key' | 'token' | 'password' | 'generic';

export interface SecretVerdict {
  kind: SecretKind;
  /** true for AWS credentials: always an error, and the remedy is a role, not a secret store */
  aws: boolean;
  /** why: "name AWS_SECRET_ACCESS_KEY", "value shaped like an AWS access key id" … */
  reason: string;
}

const AWS_KEY_ID_VALUE = /^(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}$/;
const AWS_SECRET_VALUE = /^[A-Za-z0-9/+=]{40}$/;
const PRIVATE_KEY_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const KNOWN_TOKEN_VALUE =
  /^(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|xox[abposr]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36})$/;

const AWS_NAMES: [RegExp, SecretKind][] = [
  [/^AWS_ACCESS_KEY(_ID)?$/i, 'aws-access-key-id'],
  [/^AWS_SECRET(_ACCESS)?_KEY$/i, 'aws-secret-access-key'],
  [/^AWS_SESSION_TOKEN$/i, 'aws-session-token'],
];

/** Names that say "secret"; PASSWORD_FILE, *_SECRET_ARN and similar indirections are not. */
const SECRET_NAME = /(PASSW(OR)?D|PASSWD|PWD$|^PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH_?KEY|ENCRYPTION_?KEY|SIGNING_?KEY|DB_PASS|CONNECTION_?STRING|DATABASE_URL)/i;
const NOT_SECRET_NAME = /(_FILE|_PATH|_ARN|_ID|_NAME|_URL_?PATH|_TTL|_EXPIRY|_EXPIRES|_LENGTH|_TIMEOUT|_ENABLED|_HEADER|_TYPE|_VERSION|_REGION|_DIR|_ENDPOINT)$/i;

/** Values that are clearly not secrets even under a secret-sounding name. */
export function isPlaceholderValue(v: string): boolean {
  const t = v.trim();
  if (t === '') return true;
  if (/^(true|false|yes|no|on|off|null|none|changeme|change-me|xxx+|\*+|<[^>]*>|\$\{[^}]*\}|\$\(.*\)|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\})$/i.test(t)) return true;
  if (/^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(t)) return true; // a reference, not a value
  if (/^(\/|\.\/|file:)/.test(t)) return true; // a path
  if (/^\d{1,6}$/.test(t)) return true; // a port, a length
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Values that are identifiers, addresses or lists, whatever their entropy:
 * host[:port] and service addresses, image references, ARNs, UUIDs, paths,
 * separated word lists.
 */
function isStructuredValue(v: string): boolean {
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i.test(v) && /[.:]/.test(v)) return true; // host, host:port, svc.ns.svc.cluster.local:7070
  if (/^arn:/.test(v)) return true;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return true; // a UUID: an id
  if (/^[\w.-]+(:\d+)?(\/[\w.-]+)+(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/.test(v)) return true; // an image reference or a path
  const parts = v.split(/[-_.:/,;|+]+/).filter(Boolean);
  // words and numbers joined by separators (cluster names, package lists, versions): no part long and random enough to be a key
  if (parts.length > 1 && parts.every((p) => p.length < 16 || /^[a-z]+$/i.test(p))) return true;
  return false;
}

function looksRandom(v: string): boolean {
  if (v.length < 20 || /\s/.test(v)) return false;
  if (/^[a-z]+(-[a-z]+)*$/.test(v)) return false; // a slug
  if (/^https?:\/\/[^@]*$/.test(v)) return false; // a URL without credentials
  if (isStructuredValue(v)) return false;
  // keys and tokens mix upper case, lower case and digits in one long run
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(v)).length;
  return classes === 3 && entropy(v) >= 4.0;
}

/**
 * Classifies a name/value pair. `value` is undefined when unknown (an
 * expression): then only the name can tell, and only AWS names are reported.
 */
export function detectSecret(name: string | undefined, value: string | undefined): SecretVerdict | undefined {
  // several rules ask about the same variables (plain secrets, AWS keys, per format): each pair is judged once;
  // long ones (a private key, a certificate) each time, so that what is kept stays small
  const n = name ?? '';
  if (n.length + (value?.length ?? 0) > MAX_REMEMBERED) return judge(name, value);
  // by name, then by value (unknown, empty and any text are three keys): the
  // model's own strings are the keys, whose hashes V8 keeps, where a joined
  // key would be a new string to hash on every call
  let byValue = VERDICTS.get(n);
  const seen = byValue?.get(value);
  if (seen !== undefined) return seen === NONE ? undefined : seen;
  const v = judge(name, value);
  if (remembered >= MAX_VERDICTS) {
    VERDICTS.clear();
    remembered = 0;
    byValue = undefined;
  }
  if (!byValue) VERDICTS.set(n, (byValue = new Map()));
  byValue.set(value, v ?? NONE);
  remembered++;
  return v;
}

const NONE = { kind: 'generic', aws: false, reason: '' } as const satisfies SecretVerdict;
const VERDICTS = new Map<string, Map<string | undefined, Readonly<SecretVerdict>>>();
/** how many pairs VERDICTS holds */
let remembered = 0;
const MAX_VERDICTS = 4096;
/** the longest name and value remembered together: 4,096 of them hold well under 2 MB */
const MAX_REMEMBERED = 200;

function judge(name: string | undefined, value: string | undefined): SecretVerdict | undefined {
  const n = (name ?? '').trim();
  const v = value ?? '';
  // AWS credentials first, by shape
  if (value !== undefined && AWS_KEY_ID_VALUE.test(v.trim())) return { kind: 'aws-access-key-id', aws: true, reason: 'value shaped like an AWS access key id' };
  for (const [re, kind] of AWS_NAMES) {
    if (re.test(n)) {
      if (value !== undefined && isPlaceholderValue(v)) return undefined;
      return { kind, aws: true, reason: `name ${n}` };
    }
  }
  if (value !== undefined && AWS_SECRET_VALUE.test(v.trim()) && /AWS|SECRET/i.test(n)) {
    return { kind: 'aws-secret-access-key', aws: true, reason: 'value shaped like an AWS secret access key' };
  }
  if (value === undefined) return undefined;
  if (PRIVATE_KEY_VALUE.test(v)) return { kind: 'private-key', aws: false, reason: 'value holds a private key' };
  if (KNOWN_TOKEN_VALUE.test(v.trim())) return { kind: 'token', aws: false, reason: 'value shaped like an access token' };
  if (/:\/\/[^/\s:@]+:[^/\s@]+@/.test(v) && !/:\/\/[^/\s:@]+:(\$|\{\{|<)/.test(v)) {
    return { kind: 'password', aws: false, reason: 'URL with an embedded password' };
  }
  if (n && SECRET_NAME.test(n) && !NOT_SECRET_NAME.test(n) && !isPlaceholderValue(v)) {
    const kind: SecretKind = /PASS|PWD/i.test(n) ? 'password' : /TOKEN/i.test(n) ? 'token' : 'generic';
    return { kind, aws: false, reason: `name ${n}` };
  }
  if (looksRandom(v.trim()) && !isPlaceholderValue(v) && !/^(sha256:|[0-9a-f]{40,64}$|[a-z][a-z0-9+.-]*:\/\/[^@]*$)/.test(v.trim())) {
    return { kind: 'generic', aws: false, reason: 'high-entropy value' };
  }
  return undefined;
}

/** "AKIA…7XYZ": enough to recognise, never the whole secret (messages and logs). */
export function redact(value: string): string {
  const v = value.trim();
  if (v.length <= 8) return '****';
  return `${v.slice(0, 4)}…${v.slice(-2)}`;
}
