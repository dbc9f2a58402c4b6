import type { LineIndex } from '../../core';
import type { BaseModel } from '../parse';

export interface AppRunnerModel extends BaseModel {
  kind: 'apprunner';
}

export function parseAppRunner(text: string, lines: LineIndex): AppRunnerModel {
  return { kind: 'apprunner', text, lines, containers: [], workloads: [] };
}
