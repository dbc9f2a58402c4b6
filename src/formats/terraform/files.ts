/**
 * Container definitions a task definition reads from a file of its module:
 * `container_definitions = file("${path.module}/app.json")` or
 * `templatefile("app.json.tpl", { … })`. The JSON file is analysed as what
 * it is, the containers of that task definition, with findings on its own
 * lines; in the .tf file the call is an unknown value (never reported twice).
 */
import { respell } from './words';
import * as nodePath from 'path';
import { Pair, parseDocument, Scalar, YAMLMap, isSeq } from 'yaml';
import type { LineIndex } from '../../core';
import { readTaskDefinition } from '../ecs/parse';
import { ecsModelFor, NO_FIXES, TerraformModel } from './parse';

/** Files that a task definition may read its container definitions from. */
export function mayBeContainerFile(path: string): boolean {
  return /\.(json|tpl|tftpl)$/i.test(path);
}

/** The task definition that reads a file as its container definitions. */
export interface ContainerFileReference {
  /** the .tf file that names it */
  tf: string;
  /** `aws_ecs_task_definition.app` */
  address: string;
  /** read through `templatefile(…)`: `${…}` are values given elsewhere */
  template: boolean;
}

/** The files a .tf file's task definitions read as `container_definitions` (absolute), with the reference each is. */
export function containerFilesNamedBy(tfPath: string, text: string): { file: string; ref: ContainerFileReference }[] {
  if (!/\.tf$/i.test(tfPath) || !text.includes('container_definitions')) return [];
  const out: { file: string; ref: ContainerFileReference }[] = [];
  for (const m of text.matchAll(/container_definitions\s*=\s*(file|templatefile)\(\s*"((?:[^"\\\n]|\\.)*)"/g)) {
    const rel = m[2].replace(/^\$\{path\.(module|root|cwd)\}\//, '');
    if (rel.includes('${')) continue;
    // the resource it belongs to: the last resource header before it
    const head = [...text.slice(0, m.index).matchAll(/resource\s+"([\w-]+)"\s+"([\w-]+)"/g)].pop();
    if (head && head[1] !== 'aws_ecs_task_definition') continue;
    out.push({ file: nodePath.resolve(nodePath.dirname(tfPath), rel), ref: { tf: tfPath, address: head ? `${head[1]}.${head[2]}` : 'aws_ecs_task_definition', template: m[1] === 'templatefile' } });
  }
  return out;
}

/** Which .tf file among `files` reads `file` as `container_definitions`, if one does. */
export function containerFileReference(file: string, files: { path: string; text: string }[]): ContainerFileReference | undefined {
  const target = nodePath.resolve(file);
  for (const f of files) for (const x of containerFilesNamedBy(f.path, f.text)) if (x.file === target) return x.ref;
  return undefined;
}


/**
 * A template's `${…}` outside JSON strings (`"cpu": ${cpu}`) as a string of
 * the same length, so the JSON parses and the value reads as unknown text;
 * inside strings they stay (a template the readers do not take as a value).
 */
function quoteInterpolations(text: string): string {
  const out = text.split('');
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end < 0 || text.slice(i, end).includes('"') || text.slice(i, end).includes('\n')) continue;
      out[i] = '"';
      out[end] = '"';
      i = end;
    }
  }
  return out.join('');
}

/** A container definitions file: its containers, target `tf`, labelled with the task definition that reads it. */
export function parseContainerFile(text: string, lines: LineIndex, ref: ContainerFileReference): TerraformModel {
  const model: TerraformModel = { kind: 'terraform', text, lines, containers: [], workloads: [], notes: [], suppressions: [], respell };
  const from = `${ref.address} (${nodePath.basename(ref.tf)})`;
  if (ref.template && /%\{/.test(text)) {
    model.notes!.push({ span: { start: text.indexOf('%{'), end: text.indexOf('%{') + 2 }, message: `Not analysed: template directives (%{…}) decide what ${from} reads from this file.` });
    return model;
  }
  const doc = parseDocument(ref.template ? quoteInterpolations(text) : text, { prettyErrors: false, strict: false, uniqueKeys: false });
  if (doc.errors.length || !isSeq(doc.contents)) {
    const e = doc.errors[0];
    model.fatal = { message: e ? `not valid JSON: ${e.message.split('\n')[0]}.` : `${from} reads this file as container definitions, which are a JSON list.`, span: e ? { start: e.pos[0], end: e.pos[1] } : undefined };
    return model;
  }
  const td = new YAMLMap();
  td.range = doc.contents.range;
  const key = new Scalar('containerDefinitions');
  key.range = [0, 0, 0];
  td.items.push(new Pair(key, doc.contents));
  const ecs = ecsModelFor(text, lines);
  readTaskDefinition(ecs, td, { label: `task definition ${from}`, anchor: { start: 0, end: 0 } });
  for (const c of ecs.containers) {
    c.target = 'tf';
    c.writer = NO_FIXES;
  }
  model.containers = ecs.containers;
  return model;
}
