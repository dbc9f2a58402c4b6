import { openPrincipals } from '../cloudformation/props';
/**
 * CloudFormation `AWS::ECR::Repository` resources mapped into RepositorySpec
 * (target `ecr`), with a writer that sets properties in place.
 */
import type { Fix, Span, TextEdit } from '../../core';
import { Field, known, unknownField } from '../../model/container';
import { accountOfPrincipal, AccountPrincipal, RepositorySpec, RepositoryStatement } from '../../model/repository';
import { asMap, asSeq, getPairCI, isIntrinsic, isScalar, nodeSpan, readBool, readString, Node, Pair, YAMLMap } from '../yaml/doc';
import type { Plain } from '../yaml/edit';
import { pairField } from '../yaml/field';
import type { EcsModel } from './types';
import { setAt } from './writer';

function val(map: unknown, key: string): Node | null | undefined {
  return getPairCI(map, key)?.value;
}

function str(pair: Pair | undefined): Field<string> | undefined {
  return pairField(pair, readString);
}

/** A property path below Properties: the field, 'missing', or 'unknown' (an intrinsic on the way). */
function setting<T>(props: YAMLMap | undefined, path: string[], read: (p: Pair) => Field<T> | undefined): Field<T> | 'missing' | 'unknown' {
  let cur: unknown = props;
  for (let i = 0; i < path.length; i++) {
    if (cur === undefined) return 'missing';
    if (isIntrinsic(cur) || !asMap(cur)) return isScalar(cur) && (cur as { value: unknown }).value == null ? 'missing' : 'unknown';
    const p = getPairCI(cur, path[i]);
    if (!p) return 'missing';
    if (i === path.length - 1) return read(p) ?? 'missing';
    cur = p.value ?? undefined;
  }
  return 'missing';
}

export { setting as cfnSetting, str as cfnStr };

function bool(p: Pair): Field<boolean> | undefined {
  const keySpan = nodeSpan(p.key as Node);
  const v = p.value as Node | null;
  const r = readBool(v);
  if (!r) return undefined;
  return r.known ? known(r.value, nodeSpan(v), keySpan) : unknownField(nodeSpan(v), keySpan);
}


/**
 * `{AWS: 'arn:aws:iam::111122223333:root'}`, `{AWS: ['111122223333', …]}`:
 * the literal whole-account principals of a statement. A bare account id may
 * be an unquoted YAML number: its digits are read from the source text, so a
 * leading zero is kept. Intrinsics are left out.
 */
function accountPrincipals(text: string, n: unknown): AccountPrincipal[] {
  const m = asMap(n);
  if (!m || isIntrinsic(n)) return [];
  const out: AccountPrincipal[] = [];
  const one = (x: unknown) => {
    if (!isScalar(x) || isIntrinsic(x)) return;
    const span = nodeSpan(x as Node);
    const v = (x as { value: unknown }).value;
    const s = typeof v === 'number' ? text.slice(span.start, span.end) : typeof v === 'string' ? v : undefined;
    const account = s === undefined ? undefined : accountOfPrincipal(s);
    if (account) out.push({ account, span });
  };
  const v = val(m, 'AWS');
  one(v);
  for (const it of asSeq(v)?.items ?? []) one(it);
  return out;
}

/** The same, from a policy written as a JSON string (the finding points at the string). */
function jsonAccounts(p: unknown, span: Span): AccountPrincipal[] {
  const aws = p && typeof p === 'object' ? (p as Record<string, unknown>).AWS : undefined;
  const list = Array.isArray(aws) ? aws : [aws];
  const out: AccountPrincipal[] = [];
  for (const a of list) {
    const account = typeof a === 'string' || typeof a === 'number' ? accountOfPrincipal(String(a)) : undefined;
    if (account) out.push({ account, span });
  }
  return out;
}

function readPolicy(text: string, n: Node | null | undefined): RepositoryStatement[] {
  const out: RepositoryStatement[] = [];
  if (!n) return out;
  const r = readString(n);
  if (r?.known) {
    // a policy written as a JSON string: findings point at the whole string
    try {
      const doc = JSON.parse(r.value) as { Statement?: unknown };
      const sts = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
      for (const s of sts as Record<string, unknown>[]) {
        if (!s || typeof s !== 'object') continue;
        const p = s.Principal as unknown;
        const aws = p && typeof p === 'object' ? (p as Record<string, unknown>).AWS : undefined;
        const open = p === '*' || aws === '*' || (Array.isArray(aws) && aws.includes('*'));
        const ops = s.Condition && typeof s.Condition === 'object' ? Object.keys(s.Condition) : undefined;
        out.push({
          allow: s.Effect !== 'Deny',
          conditional: s.Condition !== undefined && restricts(ops),
          vacuousCondition: s.Condition !== undefined && !restricts(ops) && !!ops?.length,
          openPrincipals: open ? [nodeSpan(n)] : [],
          accountPrincipals: jsonAccounts(p, nodeSpan(n)),
          via: 'The repository policy',
        });
      }
    } catch {
      /* not JSON: nothing to read */
    }
    return out;
  }
  const doc = asMap(n);
  if (!doc || isIntrinsic(n)) return out;
  const stNode = val(doc, 'Statement');
  const items = asSeq(stNode)?.items ?? (asMap(stNode) ? [stNode] : []);
  for (const it of items) {
    const s = asMap(it);
    if (!s || isIntrinsic(it)) continue;
    const eff = readString(val(s, 'Effect'));
    const cp = getPairCI(s, 'Condition');
    const cm = asMap(cp?.value);
    const ops = cm && !isIntrinsic(cp!.value) ? cm.items.map((i) => String((i.key as { value?: unknown })?.value ?? '')) : undefined;
    const condPair = cp && restricts(ops) ? cp : undefined;
    out.push({
      allow: !(eff?.known && eff.value === 'Deny') && !(eff && !eff.known),
      conditional: !!condPair,
      vacuousCondition: !!cp && !condPair && !!ops?.length,
      openPrincipals: openPrincipals(val(s, 'Principal')),
      accountPrincipals: accountPrincipals(text, val(s, 'Principal')),
      via: 'The repository policy',
    });
  }
  return out;
}

/**
 * A repository known only by the policy a separate resource gives it (Terraform's
 * `aws_ecr_repository_policy` on a repository created elsewhere): the policy is
 * checked; every setting of the repository itself is unknown, and nothing is fixed.
 */
export function addPolicyOnlyRepository(model: EcsModel, label: string, anchor: Span, span: Span, policy: Node): void {
  model.repositories ??= [];
  model.repositories.push({
    target: 'ecr',
    format: 'cfn',
    label,
    span,
    anchor,
    scanOnPush: 'unknown',
    tagMutability: 'unknown',
    encryption: 'unknown',
    policy: readPolicy(model.text, policy),
    lifecyclePolicy: 'unknown',
    writer: { enableScanOnPush: () => undefined, makeTagsImmutable: () => undefined, encryptWithKms: () => undefined },
  });
}

export function addCfnRepository(model: EcsModel, logicalId: string, idPair: Pair, res: YAMLMap): void {
  const propsPair = getPairCI(res, 'Properties');
  const propsNode = propsPair?.value;
  const props = asMap(propsNode);
  const anchor = nodeSpan(idPair.key as Node);
  const opaque = !!propsNode && (isIntrinsic(propsNode) || (!props && !(isScalar(propsNode) && (propsNode as { value: unknown }).value == null)));
  const unknownAll = <T>(): Field<T> | 'missing' | 'unknown' => (opaque ? 'unknown' : 'missing');
  const scanOnPush = props ? setting(props, ['ImageScanningConfiguration', 'ScanOnPush'], bool) : unknownAll<boolean>();
  const tagMutability = props ? setting(props, ['ImageTagMutability'], str) : unknownAll<string>();
  const encryption = props ? setting(props, ['EncryptionConfiguration', 'EncryptionType'], str) : unknownAll<string>();
  const kms = props ? setting(props, ['EncryptionConfiguration', 'KmsKey'], str) : 'missing';
  const policy = props ? readPolicy(model.text, val(props, 'RepositoryPolicyText')) : [];
  const set = (camelPath: string[], value: Plain): TextEdit | undefined => {
    if (opaque) return undefined;
    if (props) return setAt(model, props, camelPath, value);
    const nest = camelPath.reduceRight<Plain>((acc, k) => ({ [k[0].toUpperCase() + k.slice(1)]: acc }), value);
    if (propsPair) return model.editor.setPath(res, [String((propsPair.key as { value: unknown }).value)], nest);
    return model.editor.insertEntries(res, { Properties: nest });
  };
  const fix = (title: string, safety: Fix['safety'], e: TextEdit | undefined): Fix | undefined => (e ? { title, safety, edits: [e] } : undefined);
  model.repositories ??= [];
  model.repositories.push({
    target: 'ecr',
    format: 'cfn',
    label: `repository ${logicalId}`,
    span: nodeSpan(res),
    anchor,
    scanOnPush,
    tagMutability,
    encryption,
    kmsKey: typeof kms === 'object' ? kms : kms === 'unknown' ? unknownField(anchor) : undefined,
    policy,
    lifecyclePolicy: opaque ? 'unknown' : props && getPairCI(props, 'LifecyclePolicy') ? true : 'missing',
    writer: {
      enableScanOnPush: () => fix('Set ScanOnPush to true', 'safe', set(['imageScanningConfiguration', 'scanOnPush'], true)),
      makeTagsImmutable: () => fix('Make image tags immutable', 'unsafe', set(['imageTagMutability'], 'IMMUTABLE')),
      encryptWithKms: () => fix('Encrypt with KMS (replaces the repository)', 'unsafe', set(['encryptionConfiguration', 'encryptionType'], 'KMS')),
    },
  });
}

export type { RepositorySpec };

/**
 * Does a statement's condition restrict who it applies to? Not when every
 * operator is `ForAllValues:…`: those hold when the request lacks the key
 * altogether (an anonymous caller has no `aws:username`), so the statement
 * still applies to anyone. Operators Bulkhead cannot read count as restricting.
 */
function restricts(operators: string[] | undefined): boolean {
  if (!operators) return true;
  return operators.length > 0 && !operators.every((o) => /^ForAllValues:/i.test(o));
}
