import type { FormatModel } from '../../formats/parse';
import type { EcsModel } from '../../formats/ecs/parse';

/** The ECS model, or undefined for any other model. */
export function ecsModel(m: FormatModel): EcsModel | undefined {
  return m && typeof m === 'object' && 'taskDefs' in m ? (m as EcsModel) : undefined;
}

export function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
