import type * as TS from 'typescript';
import type { Fix, Rule, RuleContext, RuleMeta, Span, TextEdit } from '../../core';
import type { CdkModel, CdkNew } from '../../formats/cdk/parse';
import { isOpenPrincipalIn, readStatement, Statement } from '../../formats/cdk/iam';

export type CdkRuleMeta = Omit<RuleMeta, 'id' | 'target'> & { slug: string };

export function cdkRule(meta: CdkRuleMeta, check: (m: CdkModel & { file: NonNullable<CdkModel['file']>; editor: NonNullable<CdkModel['editor']> }, ctx: RuleContext) => void): Rule<CdkModel> {
  const { slug, ...rest } = meta;
  return {
    meta: { id: `cdk/${slug}`, target: 'cdk', ...rest },
    check(model, ctx) {
      if (model.kind !== 'cdk' || !model.file || !model.editor) return;
      check(model as never, ctx);
    },
  };
}

export function constructs(m: CdkModel, ...qs: string[]): CdkNew[] {
  return m.news.filter((n) => qs.includes(n.q));
}

/** The member name when `e` is `<module>.<Enum>.<MEMBER>` (through the file's aliases). */
export { member, setConstructProp } from '../../formats/cdk/props';

/** What a missing-prop finding should say and where: undefined when the prop cannot be known. */
export function missing(n: CdkNew, key: string): boolean {
  if (n.propsUnknown) return false;
  if (!n.props) return true;
  return n.props.state(key) === 'missing';
}

export function label(n: CdkNew): string {
  return `${n.q.split('.').pop()}${n.id ? ` "${n.id}"` : ''}`;
}

export function fix(title: string, safety: Fix['safety'], edits: TextEdit[] | undefined, placeholders?: Span[]): Fix[] {
  return edits && edits.length ? [{ title, safety, edits, ...(placeholders ? { placeholders } : {}) }] : [];
}

export type { Statement } from '../../formats/cdk/iam';

export function statementOf(m: CdkModel, e: TS.Expression | undefined): Statement | undefined {
  return readStatement(m.file!, e);
}

/** `new iam.AnyPrincipal()`, `new iam.StarPrincipal()`, `new iam.ArnPrincipal('*')`, `new iam.AccountPrincipal('*')`. */
export function isOpenPrincipal(m: CdkModel, e: TS.Expression): boolean {
  return isOpenPrincipalIn(m.file!, e);
}
