/**
 * `terraform show -json` output (a plan, or state) into the shared model.
 * A plan holds every resource with its values already evaluated — module
 * calls expanded, variables and locals resolved — so code that builds its
 * containers and clusters through modules (`terraform-aws-modules/ecs` …)
 * is checked as Terraform will create it. Each resource's values go through
 * the same readers as the `.tf` files (see body.ts); findings name the
 * resource address and point at the plan's JSON tokens.
 *
 * A value the plan only knows after apply (`after_unknown`) is unknown and
 * never reported; a resource the plan deletes is not read.
 */
import { respell } from './words';
import { isMap, isScalar, isSeq, parseDocument, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { LineIndex, RelatedLocation } from '../../core';
import { asMap, asSeq, getPair, Node, readString } from '../yaml/doc';
import { at, jsonBody, TfResource } from './body';
import { unknownAt } from './hcl';
import { readResources, TerraformModel, TerraformModule } from './parse';

/** Attributes that hold a JSON document as a string: read as the document, ranged in the plan's text. */
const JSON_ATTRIBUTES = new Set(['container_definitions', 'container_properties', 'ecs_properties', 'eks_properties', 'node_properties', 'policy', 'repository_policy', 'lifecycle_policy', 'assume_role_policy']);

/**
 * Terraform in JSON: `terraform show -json` output (a plan or a state), or
 * configuration in Terraform's JSON syntax (`*.tf.json`).
 */
export function parseTerraformJson(text: string, lines: LineIndex, module?: TerraformModule, path?: string): TerraformModel {
  const model: TerraformModel = { kind: 'terraform', text, lines, containers: [], workloads: [], notes: [], suppressions: [], respell };
  const doc = parseDocument(text, { prettyErrors: false, strict: false, uniqueKeys: false });
  const root = asMap(doc.contents);
  if (doc.errors.length || !root) {
    const e = doc.errors[0];
    model.fatal = { message: `not valid JSON${e ? `: ${e.message.split('\n')[0]}` : ''}.`, span: e ? { start: e.pos[0], end: e.pos[1] } : undefined };
    return model;
  }
  if (getPair(root, 'terraform_version') && (getPair(root, 'resource_changes') || getPair(root, 'planned_values') || getPair(root, 'values'))) readPlan(model, root, text, module && path !== undefined ? { files: module.files.filter((f) => dirOf(f.path) === dirOf(path)) } : undefined);
  else readConfig(model, root, text);
  return model;
}

/**
 * `*.tf.json`: `resource` → type → name → body (or a list of bodies), and
 * `data "aws_iam_policy_document"` sources. Strings are templates: one
 * that is a single `${…}` is unknown (its reference still followed).
 */
function readConfig(model: TerraformModel, root: YAMLMap, text: string): void {
  const resources: TfResource[] = [];
  const add = (section: string, only?: string) => {
    for (const tp of asMap(getPair(root, section)?.value)?.items ?? []) {
      const type = readString(tp.key);
      if (!type?.known || (only && type.value !== only)) continue;
      for (const np of asMap(tp.value)?.items ?? []) {
        const name = readString(np.key);
        const kr = (np.key as Node | null)?.range;
        const tr = (tp.key as Node | null)?.range;
        if (!name?.known || !kr || !tr) continue;
        const v = np.value as Node | null;
        const body = isMap(v) ? v : isSeq(v) && v.items.length === 1 && isMap(v.items[0]) ? v.items[0] : undefined;
        if (!body) continue;
        decodeJsonAttributes(body, text);
        resources.push({
          type: section === 'data' ? `data.${type.value}` : type.value,
          name: name.value,
          typeAt: at(tr[0], tr[1]),
          nameAt: at(kr[0], kr[1]),
          body: jsonBody(body, at(kr[0], kr[1]), text, 'config'),
        });
      }
    }
  };
  add('resource');
  add('data', 'aws_iam_policy_document');
  readResources(model, resources, text, false);
}

function readPlan(model: TerraformModel, root: YAMLMap, text: string, module?: TerraformModule): void {
  const resources: TfResource[] = [];
  const refs = configurationReferences(root);
  const changes = asSeq(getPair(root, 'resource_changes')?.value);
  if (changes) {
    for (const c of changes.items) {
      const change = asMap(getPair(c, 'change')?.value);
      const after = asMap(getPair(change, 'after')?.value);
      const actions = (asSeq(getPair(change, 'actions')?.value)?.items ?? []).map((a) => readString(a)).map((a) => (a?.known ? a.value : ''));
      if (!after || (actions.length === 1 && actions[0] === 'delete')) continue;
      markUnknown(after, getPair(change, 'after_unknown')?.value, text, 0);
      const r = resource(c, after, text, refs);
      if (r) resources.push(r);
    }
  } else {
    // a state (`terraform show -json` without a plan), or a plan without changes: the planned values
    const values = asMap(getPair(root, 'planned_values')?.value) ?? asMap(getPair(root, 'values')?.value);
    moduleResources(asMap(getPair(values, 'root_module')?.value), text, resources, 0);
  }
  readResources(model, resources, text, false);
  // `terraform show -json` writes one line: a finding names the resource it is in
  // where the configuration is in the workspace, the finding points at it too
  const config = configBlocks(module);
  // a region spans the resource's address and its values (a missing role is reported on the address)
  model.regions = resources
    .filter((r) => r.address)
    .map((r) => ({ span: { start: Math.min(r.nameAt.startIndex, r.body.at.startIndex), end: Math.max(r.nameAt.endIndex, r.body.at.endIndex) }, name: r.address!, related: configuredAt(r.address!, config) }));
}

/**
 * The `resource "type" "name"` and `module "name"` blocks of the .tf files
 * beside the plan (its root module), by address (`aws_ecs_service.app`,
 * `module.ecs`); an address written in more than one file is left out.
 */
function configBlocks(module: TerraformModule | undefined): Map<string, RelatedLocation | null> {
  const out = new Map<string, RelatedLocation | null>();
  for (const f of module?.files ?? []) {
    if (!/\.tf$/i.test(f.path)) continue;
    let lines: LineIndex | undefined;
    const re = /^[ \t]*(resource|module)[ \t]+"([^"\n]+)"(?:[ \t]+"([^"\n]+)")?[ \t]*\{/gm;
    for (let m = re.exec(f.text); m; m = re.exec(f.text)) {
      const address = m[1] === 'module' ? `module.${m[2]}` : m[3] ? `${m[2]}.${m[3]}` : undefined;
      if (!address) continue;
      const start = m.index + m[0].length - m[0].trimStart().length;
      const end = m.index + m[0].length - 1;
      lines ??= new LineIndex(f.text);
      out.set(address, out.has(address) ? null : { path: f.path, range: lines.rangeOf({ start, end: Math.max(start, end) }), message: '' });
    }
  }
  return out;
}

/** The folder of a path (either separator). */
function dirOf(p: string): string {
  return p.replace(/[\\/][^\\/]*$/, '');
}

/** Where a plan resource is configured: its own block (root module), or the module call that creates it. */
function configuredAt(address: string, config: Map<string, RelatedLocation | null>): RelatedLocation | undefined {
  const bare = address.replace(/\[[^\]]*\]/g, '');
  const call = /^module\.([\w-]+)\./.exec(bare);
  const at = config.get(call ? `module.${call[1]}` : bare);
  if (!at) return undefined;
  return { ...at, message: call ? `module "${call[1]}" creates ${address}` : `${address} is configured here` };
}

/**
 * What the plan's configuration says each resource's attributes refer to
 * (`task_role_arn` → `aws_iam_role.task.arn`), by address without instance
 * keys: the root module's, and its module calls' (addresses and references
 * prefixed with `module.<call>.`, as the plan's resource changes write
 * them). The readers follow references, and a plan holds the values (often
 * unknown until apply).
 */
function configurationReferences(root: YAMLMap): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const visit = (mod: YAMLMap | undefined, prefix: string, depth: number): void => {
    if (!mod || depth > 16) return;
    for (const r of asSeq(getPair(mod, 'resources')?.value)?.items ?? []) {
      const address = readString(getPair(r, 'address')?.value);
      if (!address?.known) continue;
      const attrs = new Map<string, string>();
      for (const p of asMap(getPair(r, 'expressions')?.value)?.items ?? []) {
        const name = readString(p.key);
        const first = (asSeq(getPair(p.value, 'references')?.value)?.items ?? []).map((x) => readString(x)).find((x) => x?.known && x.value.replace(/\[[^\]]*\]/g, '').split('.').length === 3);
        if (name?.known && first?.known) attrs.set(name.value, prefix + first.value);
      }
      if (attrs.size) out.set(prefix + address.value, attrs);
    }
    for (const call of asMap(getPair(mod, 'module_calls')?.value)?.items ?? []) {
      const name = readString(call.key);
      if (name?.known) visit(asMap(getPair(call.value, 'module')?.value), `${prefix}module.${name.value}.`, depth + 1);
    }
  };
  visit(asMap(getPair(asMap(getPair(root, 'configuration')?.value), 'root_module')?.value), '', 0);
  return out;
}

/** A resource change's (or a module's resource's) managed resource, its values as a body. */
function resource(entry: unknown, values: YAMLMap, text: string, refs?: Map<string, Map<string, string>>): TfResource | undefined {
  const mode = readString(getPair(entry, 'mode')?.value);
  if (mode?.known && mode.value !== 'managed') return undefined;
  const type = getPair(entry, 'type')?.value as Node | null | undefined;
  const name = getPair(entry, 'name')?.value as Node | null | undefined;
  const address = getPair(entry, 'address')?.value as Node | null | undefined;
  const t = readString(type);
  const n = readString(name);
  const a = readString(address);
  if (!t?.known || !n?.known || !type?.range) return undefined;
  decodeJsonAttributes(values, text);
  const anchor = address?.range ?? name?.range ?? type.range;
  // the configuration's references name a module call without instance keys
  // (`module.svc.aws_iam_role.task`); a resource of `module.svc[1]` refers to
  // the one of its own instance
  let own = a?.known ? refs?.get(a.value.replace(/\[[^\]]*\]/g, '')) : undefined;
  const mod = a?.known ? /^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*)/.exec(a.value)![1] : '';
  const bareMod = mod.replace(/\[[^\]]*\]/g, '');
  if (own && mod !== bareMod) own = new Map([...own].map(([k, v]) => [k, v.startsWith(bareMod) ? mod + v.slice(bareMod.length) : v]));
  return {
    type: t.value,
    name: n.value,
    address: a?.known ? a.value : undefined,
    typeAt: at(type.range[0], type.range[1]),
    nameAt: at(anchor[0], anchor[1]),
    body: jsonBody(values, at(type.range[0], type.range[1]), text, 'values', own),
  };
}

function moduleResources(mod: YAMLMap | undefined, text: string, out: TfResource[], depth: number): void {
  if (!mod || depth > 32) return;
  for (const r of asSeq(getPair(mod, 'resources')?.value)?.items ?? []) {
    const values = asMap(getPair(r, 'values')?.value);
    const res = values && resource(r, values, text);
    if (res) out.push(res);
  }
  for (const m of asSeq(getPair(mod, 'child_modules')?.value)?.items ?? []) moduleResources(asMap(m), text, out, depth + 1);
}

/**
 * Marks what the plan knows only after apply: `after_unknown` mirrors
 * `after`, with `true` where a value is unknown. Such a value becomes an
 * unknown scalar (present, never reported), whether or not `after` holds it.
 */
function markUnknown(after: unknown, unknown: unknown, text: string, depth: number): void {
  if (depth > 32 || !unknown) return;
  if (isMap(after) && isMap(unknown)) {
    for (const p of unknown.items) {
      const key = String((p.key as Scalar | null)?.value ?? '');
      const u = p.value as Node | null;
      const existing = after.items.find((q) => String((q.key as Scalar | null)?.value) === key);
      if (isScalar(u) && u.value === true) {
        const r = (existing?.value as Node | null)?.range ?? (existing?.key as Node | null)?.range ?? (p.key as Node).range ?? [0, 0];
        const val = unknownAt(text, r[0], r[1]);
        if (existing) existing.value = val;
        else {
          const k = new Scalar(key);
          k.range = (p.key as Node).range;
          after.items.push(new Pair(k, val));
        }
      } else if (existing) markUnknown(existing.value, u, text, depth + 1);
    }
  } else if (isSeq(after) && isSeq(unknown)) {
    unknown.items.forEach((u, i) => {
      if (isScalar(u) && u.value === true && i < after.items.length) {
        const r = (after.items[i] as Node | null)?.range ?? [0, 0];
        after.items[i] = unknownAt(text, r[0], r[1]);
      } else markUnknown(after.items[i], u, text, depth + 1);
    });
  }
}

/** Replaces JSON documents held as strings (`container_definitions` …) by the document, each node ranged at its characters in the string. */
function decodeJsonAttributes(values: YAMLMap, text: string, depth = 0): void {
  for (const p of values.items) {
    const key = String((p.key as Scalar | null)?.value ?? '');
    const v = p.value as Node | null;
    // nested blocks too (a role's `inline_policy[].policy`)
    if (isSeq(v) && depth < 3) for (const it of v.items) if (it instanceof YAMLMap) decodeJsonAttributes(it, text, depth + 1);
    if (!JSON_ATTRIBUTES.has(key) || !isScalar(v) || v.tag || typeof v.value !== 'string' || !v.range) continue;
    const decoded = jsonInString(text, v.range[0], v.range[1]);
    if (decoded) p.value = decoded;
  }
}

/**
 * The JSON document a JSON string literal (`"[{\"name\": …}]"` at
 * text[start, end)) holds, with every node's range mapped back through the
 * escapes to the literal's characters; undefined when it holds none.
 */
export function jsonInString(text: string, start: number, end: number): Node | undefined {
  if (text[start] !== '"') return undefined;
  let out = '';
  const pos: number[] = [];
  let i = start + 1;
  while (i < end - 1) {
    const c = text[i];
    if (c === '\\') {
      const e = text[i + 1];
      let ch: string;
      let len = 2;
      if (e === 'u') {
        ch = String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        len = 6;
      } else ch = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : e;
      pos.push(i);
      out += ch;
      i += len;
    } else {
      pos.push(i);
      out += c;
      i++;
    }
  }
  pos.push(end - 1);
  if (!/^\s*[[{]/.test(out)) return undefined;
  const doc = parseDocument(out, { prettyErrors: false, strict: false, uniqueKeys: false });
  if (doc.errors.length || !doc.contents) return undefined;
  const map = (o: number): number => pos[Math.min(Math.max(o, 0), pos.length - 1)];
  remap(doc.contents as Node, map);
  return doc.contents as Node;
}

function remap(n: unknown, map: (o: number) => number): void {
  if (!n || typeof n !== 'object') return;
  const node = n as Node | Pair;
  if (node instanceof Pair) {
    remap(node.key, map);
    remap(node.value, map);
    return;
  }
  if (node.range) node.range = [map(node.range[0]), map(node.range[1]), map(node.range[2])];
  if (node instanceof YAMLMap || node instanceof YAMLSeq) for (const it of node.items) remap(it, map);
}
