import type { LineIndex } from '../../core';
import type { BaseModel } from '../parse';

export interface EcsModel extends BaseModel {
  kind: 'ecs-json' | 'cloudformation';
}

export function parseEcs(kind: 'ecs-json' | 'cloudformation', text: string, lines: LineIndex, _path: string): EcsModel {
  return { kind, text, lines, containers: [], workloads: [] };
}
