/**
 * Turns whatever the SDK, the credential chain or the network throws into an
 * {@link EcrError} with a kind and a specific message for the user. Messages
 * never carry credentials or tokens: every piece of text from outside passes
 * through {@link redact}.
 */

export type EcrErrorKind =
  | 'no-credentials'
  | 'sso-expired'
  | 'expired-token'
  | 'invalid-credentials'
  | 'access-denied'
  | 'throttled'
  | 'network'
  | 'repository-not-found'
  | 'image-not-found'
  | 'scan-not-found'
  | 'invalid-request'
  | 'bad-response'
  | 'server'
  | 'cancelled'
  | 'other';

/** The IAM action each operation needs. */
export const IAM_ACTIONS: Record<string, string> = {
  DescribeRepositories: 'ecr:DescribeRepositories',
  DescribeImages: 'ecr:DescribeImages',
  ListImages: 'ecr:ListImages',
  DescribeImageScanFindings: 'ecr:DescribeImageScanFindings',
  StartImageScan: 'ecr:StartImageScan',
  GetRegistryScanningConfiguration: 'ecr:GetRegistryScanningConfiguration',
};

export class EcrError extends Error {
  override readonly name = 'EcrError';
  constructor(
    readonly kind: EcrErrorKind,
    message: string,
    readonly operation?: string,
    /** the service's error code (e.g. RepositoryNotFoundException), when there was one */
    readonly code?: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
  /** Worth offering "Retry" for. */
  get retryable(): boolean {
    return !['repository-not-found', 'image-not-found', 'invalid-request', 'cancelled'].includes(this.kind);
  }
}

/**
 * Remove anything that looks like a credential: access key ids, secret-looking
 * base64 runs, SigV4 signatures/credential scopes, security tokens, bearer
 * tokens, and query-string credentials.
 */
export function redact(s: string): string {
  return s
    .replace(/\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, '[redacted key id]')
    .replace(/(Credential=)[^,\s]+/gi, '$1[redacted]')
    .replace(/(Signature=)[0-9a-f]+/gi, '$1[redacted]')
    .replace(/(X-Amz-Security-Token[=:]\s*)[^&\s]+/gi, '$1[redacted]')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[redacted]')
    .replace(/((?:aws_)?(?:secret_access_key|session_token|secretAccessKey|sessionToken|accessToken)["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi, '$1[redacted]')
    .replace(/(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{40,}={0,2}/g, '[redacted]'); // mixed-case runs only: lower-hex digests stay
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  errno?: string | number;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: unknown;
  cause?: unknown;
}

function codeChain(e: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = (cur as SdkLikeError).code;
    if (typeof c === 'string') codes.push(c);
    cur = (cur as SdkLikeError).cause;
  }
  return codes;
}

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET'];

export interface ClassifyContext {
  operation?: string;
  profile?: string;
  /** set when the profile is known to use SSO */
  ssoProfile?: boolean;
  endpoint?: string;
  region?: string;
}

function profileArg(p: string | undefined): string {
  return p && p !== 'default' ? ` --profile ${p}` : p === 'default' ? ' --profile default' : '';
}

/** Classify any thrown value into an {@link EcrError}. */
export function classifyError(e: unknown, ctx: ClassifyContext = {}): EcrError {
  if (e instanceof EcrError) return e;
  const err = (e && typeof e === 'object' ? e : { message: String(e) }) as SdkLikeError;
  const name = err.name ?? '';
  const raw = redact(typeof err.message === 'string' ? err.message : '');
  const status = err.$metadata?.httpStatusCode;
  const op = ctx.operation;
  const opText = op ? ` (${op})` : '';
  const where = ctx.endpoint ? ctx.endpoint : ctx.region ? `ECR in ${ctx.region}` : 'ECR';
  const mk = (kind: EcrErrorKind, msg: string) => new EcrError(kind, msg, op, name || undefined, status);

  if (name === 'AbortError' || name === 'EcrCancelled') return mk('cancelled', 'Cancelled.');

  // Credential chain failures (before any request is sent).
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /Could not load credentials/i.test(raw)) {
    if (/SSO session|sso login|SSO token/i.test(raw)) {
      return mk(
        'sso-expired',
        `The AWS SSO session for profile "${ctx.profile ?? 'default'}" has expired or is missing. Run \`aws sso login${profileArg(ctx.profile ?? 'default')}\`, then retry.`,
      );
    }
    if (/Profile .* (could not be found|not found)/i.test(raw) && ctx.profile) {
      return mk('no-credentials', `AWS profile "${ctx.profile}" was not found in the shared config or credentials file. Choose another profile.`);
    }
    return mk(
      'no-credentials',
      `No AWS credentials found${ctx.profile ? ` for profile "${ctx.profile}"` : ''}. Choose a profile, or configure credentials (environment, SSO, shared files), then retry.`,
    );
  }

  switch (name) {
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'RequestExpired':
      return mk(
        ctx.ssoProfile ? 'sso-expired' : 'expired-token',
        ctx.ssoProfile
          ? `The AWS SSO session for profile "${ctx.profile}" has expired. Run \`aws sso login${profileArg(ctx.profile)}\`, then retry.`
          : `The AWS security token has expired${ctx.profile ? ` for profile "${ctx.profile}"` : ''}. Refresh your credentials (for an SSO profile: \`aws sso login${profileArg(ctx.profile ?? 'default')}\`), then retry.`,
      );
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignatureException':
    case 'MissingAuthenticationTokenException':
      return mk('invalid-credentials', `ECR rejected the request's credentials${opText}: ${raw || name}. Check the profile's keys.`);
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'NotAuthorized': {
      const m = /(ecr:[A-Za-z]+)/.exec(raw);
      const action = m ? m[1] : op ? IAM_ACTIONS[op] ?? `ecr:${op}` : undefined;
      return mk(
        'access-denied',
        action
          ? `Access denied: the identity in use is not allowed \`${action}\`. Ask for an IAM policy that grants it on this repository.`
          : `Access denied by ECR${opText}.`,
      );
    }
    case 'ThrottlingException':
    case 'Throttling':
    case 'TooManyRequestsException':
    case 'RequestLimitExceeded':
      return mk('throttled', `ECR is throttling requests${opText}; retries did not get through. Wait a moment, then retry.`);
    case 'RepositoryNotFoundException':
      return mk('repository-not-found', `The repository no longer exists (deleted meanwhile?)${raw ? `: ${raw}` : '.'}`);
    case 'ImageNotFoundException':
      return mk('image-not-found', `The image no longer exists (deleted or re-tagged meanwhile?)${raw ? `: ${raw}` : '.'}`);
    case 'ScanNotFoundException':
      return mk('scan-not-found', 'This image has not been scanned: start a scan, or enable scan on push for the repository.');
    case 'InvalidParameterException':
    case 'ValidationException':
    case 'SerializationException':
      return mk('invalid-request', `ECR rejected the request${opText}: ${raw || name}`);
    case 'LimitExceededException':
      return mk('throttled', `An ECR limit was reached${opText}${raw ? `: ${raw}` : ''}. Try again later.`);
    case 'ServerException':
    case 'InternalFailure':
    case 'ServiceUnavailable':
    case 'ServiceUnavailableException':
      return mk('server', `ECR had a server error${opText}; retries did not get through. Try again later.`);
  }

  const codes = codeChain(e);
  if (codes.some((c) => NETWORK_CODES.includes(c)) || name === 'TimeoutError' || name === 'RequestTimeout' || /socket hang up|ECONNREFUSED|ENOTFOUND|getaddrinfo|connect ETIMEDOUT/i.test(raw)) {
    if (codes.some((c) => ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET'].includes(c)) || /socket hang up/i.test(raw)) {
      return mk('network', `The connection to ${where} closed before the answer was complete${opText}: ${codes[0] ?? 'socket hang up'}; retries did not get through. Check the network, proxy or endpoint setting, then retry.`);
    }
    return mk('network', `Cannot reach ${where}${opText}: ${codes[0] ?? name ?? 'network error'}. Check the network, proxy or endpoint setting, then retry.`);
  }
  if (name === 'SyntaxError' || /Deserialization error|Unexpected token|JSON/i.test(raw) && err.$response !== undefined) {
    return mk('bad-response', `ECR sent a response Bulkhead could not read${opText}. Retry; if it persists, check the endpoint setting.`);
  }
  if (status !== undefined && status >= 500) {
    return mk('server', `ECR had a server error${opText} (HTTP ${status}); retries did not get through. Try again later.`);
  }
  return mk('other', `ECR request failed${opText}: ${raw || name || 'unknown error'}`);
}
