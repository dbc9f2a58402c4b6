import type { LineIndex } from '../../core';
import type { BaseModel } from '../parse';

export interface DockerfileModel extends BaseModel {
  kind: 'dockerfile';
}

export function parseDockerfile(text: string, lines: LineIndex): DockerfileModel {
  return { kind: 'dockerfile', text, lines, containers: [], workloads: [] };
}
