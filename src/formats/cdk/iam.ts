/**
 * IAM policy statements and principals as a CDK file writes them
 * (`new iam.PolicyStatement({ … })`, `new iam.AnyPrincipal()` …), read
 * statically. Shared by the parser (repository policies) and the CDK rules.
 */
import type * as TS from 'typescript';
import type { Span } from '../../core';
import { accountOfPrincipal } from '../../model/repository';
import { CdkFile, Props } from './ast';

/** A `new iam.PolicyStatement({ … })` (inline or through a const), read as far as it can be. */
export interface Statement {
  node: TS.NewExpression;
  deny: boolean;
  /** string literals of `actions` (unknown elements left out) */
  actions: { value: string; span: Span }[];
  resources: { value: string; span: Span }[];
  principals: TS.Expression[];
  hasConditions: boolean;
}

export function readStatement(file: CdkFile, e: TS.Expression | undefined): Statement | undefined {
  const ts = file.ts;
  if (!e) return undefined;
  const v = file.deref(e);
  if (!ts.isNewExpression(v) || file.resolve(v.expression) !== 'iam.PolicyStatement') return undefined;
  const obj = file.object(v.arguments?.[0]);
  if (!obj) return undefined;
  const props = new Props(file, obj);
  const strings = (key: string) => {
    const arr = file.array(props.get(key)?.value);
    const out: { value: string; span: Span }[] = [];
    for (const el of arr?.elements ?? []) {
      const s = file.string(el);
      if (s) out.push(s);
    }
    return out;
  };
  const eff = props.get('effect');
  const principals = [...(file.array(props.get('principals')?.value)?.elements ?? [])].filter((x) => !ts.isSpreadElement(x));
  return {
    node: v,
    deny: !!eff && (file.resolve(eff.value) ?? '') === 'iam.Effect.DENY',
    actions: strings('actions'),
    resources: strings('resources'),
    principals,
    hasConditions: !!props.get('conditions') || props.state('conditions') === 'unknown',
  };
}

/** `new iam.AnyPrincipal()`, `new iam.StarPrincipal()`, `new iam.ArnPrincipal('*')`, `new iam.AccountPrincipal('*')`. */
export function isOpenPrincipalIn(file: CdkFile, e: TS.Expression): boolean {
  const ts = file.ts;
  const v = file.deref(e);
  if (!ts.isNewExpression(v)) return false;
  const q = file.resolve(v.expression);
  if (q === 'iam.AnyPrincipal' || q === 'iam.StarPrincipal') return true;
  if (q === 'iam.ArnPrincipal' || q === 'iam.AccountPrincipal') return file.string(v.arguments?.[0])?.value === '*';
  return false;
}

/**
 * The whole accounts a principal names as a literal: `new iam.AccountPrincipal('111122223333')`,
 * `new iam.ArnPrincipal('arn:aws:iam::111122223333:root')`, and those inside a
 * `new iam.CompositePrincipal(…)`. Anything else (`this.account`, a variable, a
 * `.withConditions(…)` call, `AccountRootPrincipal` — the stack's own) gives nothing.
 */
export function accountPrincipalsIn(file: CdkFile, e: TS.Expression, depth = 0): { account: string; span: Span }[] {
  const ts = file.ts;
  if (depth > 10) return [];
  const v = file.deref(e);
  if (!ts.isNewExpression(v)) return [];
  const q = file.resolve(v.expression);
  if (q === 'iam.CompositePrincipal') {
    return (v.arguments ?? []).filter((a) => !ts.isSpreadElement(a)).flatMap((a) => accountPrincipalsIn(file, a, depth + 1));
  }
  if (q !== 'iam.AccountPrincipal' && q !== 'iam.ArnPrincipal') return [];
  const s = file.string(v.arguments?.[0]);
  const account = s ? accountOfPrincipal(s.value) : undefined;
  if (!account || (q === 'iam.ArnPrincipal' && account === s!.value.trim())) return [];
  return [{ account, span: file.span(e) }];
}
