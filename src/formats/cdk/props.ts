import type * as TS from 'typescript';
import type { TextEdit } from '../../core';
import type { Prop } from './ast';
import type { CdkModel, CdkNew } from './model';

/** Sets (or inserts) a prop on a construct, adding a props object when the construct has none. */
export function setConstructProp(m: CdkModel, n: CdkNew, prop: Prop | undefined, key: string, valueText: string): TextEdit[] | undefined {
  const ed = m.editor!;
  if (n.props) return ed.setProp(n.props.node, prop, key, valueText);
  if (n.propsUnknown) return undefined;
  const args = n.node.arguments;
  if (!args || args.length !== 2) return undefined;
  const at = args[1].getEnd();
  return [{ start: at, end: at, newText: `, { ${ed.key(key)}: ${valueText} }` }];
}

/** The member of an aws-cdk-lib enum an expression names (`ecr.TagMutability.IMMUTABLE` → 'IMMUTABLE'). */
export function member(m: CdkModel, e: TS.Node | undefined, enumQ: string): string | undefined {
  const q = m.file!.resolve(e);
  return q && q.startsWith(enumQ + '.') ? q.slice(enumQ.length + 1) : undefined;
}
