import type { Span } from '../../core';
import type { Views } from '../../model/views';
import type { Pair, YAMLMap } from '../yaml/doc';
import type { YamlEditor } from '../yaml/edit';

/** One resource of a template, as every per-service reader receives it. */
export interface CfnResource {
  logicalId: string;
  type: string;
  /** the `LogicalId: {...}` pair */
  pair: Pair;
  node: YAMLMap;
  /** `Properties`, when it is a map (not an intrinsic) */
  props?: YAMLMap;
  /** the logical id's span: where "missing X" findings point */
  anchor: Span;
}

/** What a reader may use and fill. */
export interface CfnReadContext {
  text: string;
  editor: YamlEditor;
  /** JSON template (edits are written as JSON) */
  json: boolean;
  /** the template uses short-form tags (`!Ref`, `!GetAtt` …) */
  shortTags: boolean;
  /** the `Resources` map (new resources are inserted there) */
  resourcesNode: YAMLMap;
  /** every resource, in template order (for readers that follow references) */
  resources: CfnResource[];
  byId: Map<string, CfnResource>;
  /** the views the template fills */
  views: Views;
}

/** A reader for one resource type; `after` readers run once every resource has been read (cross-resource facts). */
export interface CfnReader {
  types: readonly string[];
  read?(r: CfnResource, cx: CfnReadContext): void;
  after?(cx: CfnReadContext): void;
}
