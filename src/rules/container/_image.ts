import { splitImageRef } from '../../core/imageRef';

/** Template placeholders a deploy step fills in: `${VAR}`, `<IMAGE1_NAME>`, `{{ .Values.x }}`, `#{var}`, and the reader's own mark for a CloudFormation reference. */
const PLACEHOLDER = /\$\{[^}]*\}|<[^<>]*>|\{\{.*?\}\}|#\{[^}]*\}|\u00a4/g;

/**
 * The tag and digest of an image reference, read even when its registry or
 * repository is a placeholder (`${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:latest`,
 * `${REGISTRY}/app`, `${REPO_URI}:latest`): a tag comes after the last
 * placeholder, so what follows it decides. Undefined when a placeholder may
 * hold the tag or digest itself (`app:${TAG}`, `${IMAGE}`, `app-${ENV}`).
 */
export function imageTag(ref: string): { tag?: string; digest?: string } | undefined {
  const t = ref.trim();
  if (!t) return undefined;
  // where the last placeholder ends (an exec loop: matchAll copies the expression on each call)
  let end = -1;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(t); m; m = PLACEHOLDER.exec(t)) end = m.index + m[0].length;
  if (end < 0) {
    if (/[$<>{}\u00a4]/.test(t)) return undefined;
    const { tag, digest } = splitImageRef(t);
    return { tag, digest };
  }
  const after = t.slice(end);
  if (/[$<>{}\u00a4]/.test(after)) return undefined;
  // a `/` after the last placeholder: the placeholder was the registry or a path segment, the rest is literal
  const slash = after.lastIndexOf('/');
  if (slash >= 0) {
    const { tag, digest } = splitImageRef(`registry.invalid${after.slice(slash)}`);
    return { tag, digest };
  }
  // the last segment holds the placeholder: only a literal tag or digest after it is readable
  const m = /(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/.exec(after);
  if (!m || (!m[1] && !m[2]) || /[:@]/.test(after.slice(0, m.index))) return undefined;
  return { tag: m[1], digest: m[2] };
}
