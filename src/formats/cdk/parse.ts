import type { LineIndex } from '../../core';
import type { BaseModel } from '../parse';

export interface CdkModel extends BaseModel {
  kind: 'cdk';
}

export function parseCdk(text: string, lines: LineIndex, _path: string): CdkModel {
  return { kind: 'cdk', text, lines, containers: [], workloads: [] };
}
