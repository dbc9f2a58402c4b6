import type { Fix, LineIndex, Span, Suppression, TextEdit } from '../../core';
import { ContainerKind, ContainerSpec, ContainerWriter, EnvVar, Field, Identity, WorkloadSpec, known, securityUnknown, unknownField } from '../../model/container';
import type { BaseModel } from '../model';
import { asMap, asSeq, get, getPair, isIntrinsic, isScalar, keyText, nodeSpan, parseYamlDocs, readBool, readNumber, readString, Node, YAMLMap, YAMLSeq } from '../yaml/doc';
import { YamlEditor } from '../yaml/edit';
import { pairField } from '../yaml/field';
import { blankTemplates, templatedBlock, TemplateLine, TEMPLATE_PLACEHOLDER } from './helm';
import { hardenEdits, secretNameFor, shiftOffset } from './harden';
import { splitImageRef } from '../../core/imageRef';
import type { ImageRewrite, ManifestContext, PatchEffect } from '../../model/deployment';

import { resolve as resolvePath } from 'path';
import { networkPoliciesIn } from './netpol';
import { POD_SPEC_PATHS } from './kinds';

/** A Kubernetes object (a document, or an item of a `kind: List`). */
export type { K8sResource, K8sPod, K8sContainer, K8sModel } from './types';
import type { K8sResource, K8sPod, K8sContainer, K8sModel } from './types';

export { POD_SPEC_PATHS };

const CONTAINER_LISTS: [K8sContainer['listKey'], ContainerKind][] = [
  ['containers', 'container'],
  ['initContainers', 'initContainer'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

export function parseK8s(original: string, lines: LineIndex, path = '', context?: ManifestContext): K8sModel {
  const { text, helm, templateLines } = blankTemplates(original);
  const docs = parseYamlDocs(text);
  // a JSON manifest gets JSON edits (quoted keys, no block style)
  const editor = new YamlEditor(original, lines, /\.jsonc?$/i.test(path) || /^\s*[{[]/.test(original));
  const model: K8sModel = { kind: 'k8s', text: original, lines, containers: [], workloads: [], resources: [], pods: [], editor, helm, templateLines, notes: [], suppressions: [], networkPolicies: [] };
  // the tree's NetworkPolicies, this file's own as written now (an editor's unsaved text) rather than as indexed
  const self = path ? resolvePath(path) : '';
  model.networkPolicies = [...networkPoliciesIn(text, self, context?.builds.map((b) => b.namespace)), ...(context?.networkPolicies ?? []).filter((p) => p.file !== self)];
  if (context?.workloads) model.treeWorkloads = context.workloads.filter((w) => w.file !== self);
  let skipped = 0;
  let firstSkip: Span | undefined;
  docs.forEach((d, docIndex) => {
    const root = asMap(d.root);
    // a document with syntax errors is skipped whole: half-parsed structure would
    // give findings about what is not there; the other documents are still checked
    if (d.errors.length) {
      skipped++;
      firstSkip ??= d.errors[0].span;
      return;
    }
    if (!root) return;
    const kind = readString(get(root, 'kind'));
    if (kind?.known && kind.value === 'List') {
      const items = asSeq(get(root, 'items'));
      for (const it of items?.items ?? []) {
        const m = asMap(it);
        if (m) addResource(model, m, docIndex, context);
      }
      return;
    }
    addResource(model, root, docIndex, context);
  });
  if (skipped && firstSkip) {
    model.notes!.push({
      span: firstSkip,
      message: `Not analysed: ${skipped} YAML document${skipped > 1 ? 's have' : ' has'} syntax errors${helm ? ' (after Helm template expressions were set aside)' : ''}; the rest of the file was checked.`,
    });
  } else if (helm) {
    const at = original.indexOf('{{');
    model.notes!.push({ span: { start: at, end: at + 2 }, message: 'Helm template: values set by template expressions ({{ … }}) were treated as unknown and not checked.' });
  }
  return model;
}

function addResource(model: K8sModel, node: YAMLMap, docIndex: number, context?: ManifestContext): void {
  const kindPair = getPair(node, 'kind');
  const kind = readString(kindPair?.value);
  if (!kind?.known) return;
  const metadata = asMap(get(node, 'metadata'));
  const name = readString(get(metadata, 'name'));
  const ns = readString(get(metadata, 'namespace'));
  const annotations = new Map<string, { value: string; span: Span }>();
  for (const p of asMap(get(metadata, 'annotations'))?.items ?? []) {
    const k = keyText(p);
    const v = readString(p.value);
    if (k && v?.known) annotations.set(k, { value: v.value, span: nodeSpan(p.value as Node) });
  }
  const labels = new Map<string, string>();
  for (const p of asMap(get(metadata, 'labels'))?.items ?? []) {
    const k = keyText(p);
    const v = readString(p.value);
    if (k && v?.known) labels.set(k, v.value);
  }
  const res: K8sResource = {
    kind: kind.value,
    apiVersion: readString(get(node, 'apiVersion'))?.known ? String((get(node, 'apiVersion') as { value: unknown }).value) : undefined,
    name: name?.known ? name.value : undefined,
    namespace: ns?.known ? ns.value : undefined,
    node,
    span: nodeSpan(node),
    anchor: nodeSpan(kindPair!.value as Node),
    metadata,
    annotations,
    labels,
    docIndex,
  };
  const patches = context ? deployedAs(res, context) : [];
  model.resources.push(res);
  model.suppressions!.push(...annotationSuppressions(res));
  const path = POD_SPEC_PATHS[res.kind];
  if (!path) return;
  const spec = asMap(get(node, ...path));
  if (!spec) {
    // e.g. `spec:` holding a list: the API server rejects it; say so once rather than guess at its containers
    const bad = get(node, ...path) ?? get(node, path[0]);
    if (bad != null && !asMap(bad) && !isIntrinsic(bad) && !isBlank(bad)) {
      model.notes!.push({
        span: nodeSpan(bad as Node),
        message: `Not analysed: the pod spec of ${res.kind}/${res.name ?? '(unnamed)'} (${path.join('.')}) is not a mapping; Kubernetes would reject this object.`,
      });
    }
    return;
  }
  addPod(model, res, spec, context, patches);
}

/**
 * What the builds that deploy the resource do to it: the namespace they set
 * (on the resource), the patches that target it (returned).
 */
function deployedAs(res: K8sResource, context: ManifestContext): PatchEffect[] {
  if (context.patch) res.partial = true;
  const builds = context.builds;
  if (builds.length) {
    const set = builds.map((b) => b.namespace);
    if (set.every((n) => n !== undefined && n === set[0])) {
      res.namespace = set[0];
      res.namespaceBy = builds[0].via[0];
    } else if (set.some((n) => n !== undefined)) res.namespaceUnknown = true;
  }
  return builds.flatMap((b) => b.patches).filter((p) => (!p.kind || p.kind === res.kind) && (!p.name || p.name === res.name));
}

/** The image as a build deploys it; undefined when a build sets it at deploy time (skaffold) */
function rewriteImage(image: string, rewrites: ImageRewrite[]): string | undefined {
  let cur = image;
  for (const r of rewrites) {
    const { name, tag, digest } = splitImageRef(cur);
    if (name !== r.name) continue;
    if (r.built) return undefined;
    const n = r.newName ?? name;
    cur = r.digest ? `${n}@${r.digest}` : r.newTag ? `${n}:${r.newTag}` : `${n}${tag !== undefined ? ':' + tag : ''}${digest ? '@' + digest : ''}`;
  }
  return cur;
}

/** checkov.io/skipN: CKV_K8S_20=reason, ignore-check.kube-linter.io/<check>: reason, bulkhead.io/ignore: id,id */
function annotationSuppressions(res: K8sResource): Suppression[] {
  const out: Suppression[] = [];
  for (const [k, { value }] of res.annotations) {
    let ids: string[] | undefined;
    let reason: string | undefined;
    let source: Suppression['source'] = 'annotation';
    if (/^checkov\.io\/skip\d*$/.test(k)) {
      const [id, ...r] = value.split('=');
      ids = [id.trim()];
      reason = r.join('=').trim() || undefined;
      source = 'checkov';
    } else if (k.startsWith('ignore-check.kube-linter.io/')) {
      ids = [k.slice('ignore-check.kube-linter.io/'.length)];
      reason = value || undefined;
    } else if (k === 'bulkhead.io/ignore') {
      ids = value.split(/[,\s]+/).filter(Boolean);
    }
    if (ids) out.push({ ids, reason, line: -1, commentLine: -1, spans: [res.span], source });
  }
  return out;
}

const field = pairField;

function addPod(model: K8sModel, resource: K8sResource, spec: YAMLMap, context?: ManifestContext, patches: PatchEffect[] = []): void {
  const podSc = asMap(get(spec, 'securityContext'));
  const workload: WorkloadSpec = {
    target: 'k8s',
    format: 'k8s',
    label: `${resource.kind}/${resource.name ?? '(unnamed)'}`,
    span: nodeSpan(spec),
    anchor: resource.anchor,
    hostNetwork: field(getPair(spec, 'hostNetwork'), readBool),
    hostPID: field(getPair(spec, 'hostPID'), readBool),
    hostIPC: field(getPair(spec, 'hostIPC'), readBool),
    hostUsers: field(getPair(spec, 'hostUsers'), readBool),
    containers: [],
    writer: {
      disableHost: (ns) => {
        const p = getPair(spec, ns);
        return p ? [model.editor.removePair(spec, p)] : undefined;
      },
    },
  };
  const pod: K8sPod = { resource, spec, securityContext: podSc, workload, containers: [], templated: isTemplated(model, spec), securityContextTemplated: templatedValue(spec, 'securityContext') };
  // a kustomize patch is partial, and a patch of this pod may set what it lacks or change what it has
  const podKeys = new Set(patches.flatMap((p) => p.pod ?? []));
  const anyPatch = patches.some((p) => p.any);
  if (resource.partial || anyPatch || podKeys.size) pod.templated = true;
  if (anyPatch || podKeys.has('securityContext')) pod.securityContextTemplated = true;
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers'] as const) {
    if (anyPatch || podKeys.has(ns)) workload[ns] = unknownField(workload[ns]?.span ?? resource.anchor);
  }
  for (const [listKey, kind] of CONTAINER_LISTS) {
    const seq = asSeq(get(spec, listKey));
    seq?.items.forEach((item, index) => {
      const c = asMap(item);
      if (!c) return;
      const kc = buildContainer(model, pod, c, kind, listKey, index);
      if (context) deployContainer(kc, context, patches);
      pod.containers.push(kc);
      workload.containers.push(kc.spec);
      model.containers.push(kc.spec);
    });
  }
  model.pods.push(pod);
  model.workloads.push(workload);
}

function buildContainer(model: K8sModel, pod: K8sPod, c: YAMLMap, kind: ContainerKind, listKey: K8sContainer['listKey'], index: number): K8sContainer {
  const sc = asMap(get(c, 'securityContext'));
  const namePair = getPair(c, 'name');
  const name = readString(namePair?.value);
  const anchor = namePair?.value ? nodeSpan(namePair.value as Node) : nodeSpan(c.items[0]?.key as Node);
  const caps = asMap(get(sc, 'capabilities'));
  const addSeq = asSeq(get(caps, 'add'));
  const dropPair = getPair(caps, 'drop');
  const dropSeq = asSeq(dropPair?.value);
  const listFields = (seq: YAMLSeq | undefined): Field<string>[] =>
    (seq?.items ?? []).map((n) => {
      const r = readString(n);
      const s = nodeSpan(n as Node);
      return r?.known ? known(r.value, s) : unknownField<string>(s);
    });
  const env: EnvVar[] = [];
  const envSeq = asSeq(get(c, 'env'));
  for (const item of envSeq?.items ?? []) {
    const m = asMap(item);
    if (!m) continue;
    const np = getPair(m, 'name');
    const nv = readString(np?.value);
    if (!np || !nv) continue;
    const vp = getPair(m, 'value');
    env.push({
      name: nv.known ? known(nv.value, nodeSpan(np.value as Node)) : unknownField(nodeSpan(np.value as Node)),
      value: field(vp, readString),
      span: nodeSpan(m),
    });
  }
  const templated = isTemplated(model, c);
  // `securityContext: {{ toYaml .Values.securityContext | nindent 12 }}`: every field of it is unknown
  const scTemplated = templatedValue(c, 'securityContext') || templatedValue(sc, 'capabilities');
  const kc = { node: c, securityContext: sc, pod, index, listKey, templated, securityContextTemplated: scTemplated } as K8sContainer;
  const spec: ContainerSpec = {
    target: 'k8s',
    format: 'k8s',
    kind,
    name: name?.known ? name.value : undefined,
    span: nodeSpan(c),
    anchor,
    image: field(getPair(c, 'image'), readString),
    privileged: field(getPair(sc, 'privileged'), readBool),
    allowPrivilegeEscalation: field(getPair(sc, 'allowPrivilegeEscalation'), readBool),
    readOnlyRootFilesystem: field(getPair(sc, 'readOnlyRootFilesystem'), readBool),
    identity: identity(pod.securityContext, sc, anchor),
    capAdd: listFields(addSeq),
    capDrop: dropPair ? listFields(dropSeq) : undefined,
    capsUnknown: isIntrinsic(caps) || (!!getPair(caps, 'add') && !addSeq && !!get(caps, 'add')) || (!!dropPair && !dropSeq && !!dropPair.value),
    env,
    envUnknown: !!get(c, 'env') && !envSeq,
    ports: asSeq(get(c, 'ports'))?.items.flatMap((it) => {
      const f = field(getPair(asMap(it), 'containerPort'), readNumber);
      return f ? [f] : [];
    }),
    workload: pod.workload,
    writer: k8sWriter(model, kc, c, envSeq),
  };
  // a template action may set what is absent here: unknown, never "missing"
  // (a templated pod spec can set the user for every container; the other fields are the container's own)
  if (templated || scTemplated) absentIsUnknown(spec);
  if (scTemplated) spec.privileged ??= unknownField(anchor);
  // a templated pod securityContext (`{{ toYaml .Values.podSecurityContext | nindent 8 }}`) may set the user
  if ((templated || scTemplated || pod.securityContextTemplated || pod.templated) && spec.identity.verdict === 'unset') spec.identity = { verdict: 'unknown', span: anchor };
  kc.spec = spec;
  return kc;
}

/**
 * The container as deployed: images rewritten by kustomize `images:` (one
 * value when every build agrees, else unknown; skaffold's own images are
 * tagged at deploy time: unknown), and what patches set made unknown.
 */
function deployContainer(kc: K8sContainer, context: ManifestContext, patches: PatchEffect[]): void {
  const spec = kc.spec;
  const keys = new Set<string>();
  let any = false;
  for (const p of patches) {
    if (p.any) any = true;
    for (const k of (spec.name !== undefined && p.containers?.[spec.name]) || []) keys.add(k);
  }
  if (kc.pod.resource.partial || any || keys.size) kc.templated = true;
  const img = spec.image;
  if (img?.known && img.value !== undefined && context.builds.length) {
    const deployed = context.builds.map((b) => rewriteImage(img.value!, b.images));
    spec.image = deployed.every((d) => d !== undefined && d === deployed[0]) ? known(deployed[0]!, img.span, img.keySpan) : unknownField(img.span, img.keySpan);
  }
  if ((any || keys.has('image')) && spec.image) spec.image = unknownField(spec.image.span, spec.image.keySpan);
  if (any || keys.has('ports')) spec.ports = undefined;
  if (any || keys.has('env')) spec.envUnknown = true;
  if (any || keys.has('securityContext')) {
    // what the patch sets wins over what is here: every security setting is unknown
    kc.securityContextTemplated = true;
    securityUnknown(spec);
  } else if (kc.templated || kc.pod.templated) {
    absentIsUnknown(spec);
    if (spec.identity.verdict === 'unset') spec.identity = { verdict: 'unknown', span: spec.anchor };
  }
  // a patched pod securityContext decides the user unless the container's own settings do
  const podScPatched = patches.some((p) => p.any || p.pod?.includes('securityContext'));
  const byContainer = spec.identity.verdict !== 'unset' && spec.identity.span.start >= spec.span.start && spec.identity.span.end <= spec.span.end;
  if ((podScPatched && !byContainer) || (kc.pod.securityContextTemplated && spec.identity.verdict === 'unset')) spec.identity = { verdict: 'unknown', span: spec.anchor };
}

/** Something unseen (a Helm action, a kustomize patch) may add fields to the container: what it lacks is unknown, never "missing". */
function absentIsUnknown(spec: ContainerSpec): void {
  spec.allowPrivilegeEscalation ??= unknownField(spec.anchor);
  spec.readOnlyRootFilesystem ??= unknownField(spec.anchor);
  if (!spec.capDrop) spec.capsUnknown = true;
}

/** The key's value is a Helm action standing where a mapping belongs (read back as placeholder text). */
function templatedValue(map: unknown, key: string): boolean {
  const v = get(map, key);
  return isScalar(v) && typeof v.value === 'string' && v.value.includes(TEMPLATE_PLACEHOLDER);
}

/** Is a block mapping (a pod spec, a container) open to keys added by Helm template actions? */
function isTemplated(model: K8sModel, map: YAMLMap): boolean {
  if (model.templateLines.length === 0 || map.flow || map.items.length === 0) return false;
  const first = map.items[0].key as Node | null;
  if (!first?.range) return false;
  const keyColumn = model.lines.positionAt(first.range[0]).character;
  return templatedBlock(model.text, model.templateLines, first.range[0], keyColumn);
}

/**
 * The user a container runs as, combining pod- and container-level
 * securityContext the way the kubelet does: a container's field overrides the
 * pod's, field by field.
 */
export function identity(podSc: YAMLMap | undefined, sc: YAMLMap | undefined, anchor: Span): Identity {
  const pick = (key: string) => {
    const cp = getPair(sc, key);
    if (cp && cp.value != null) return { pair: cp, level: 'container' as const };
    const pp = getPair(podSc, key);
    if (pp && pp.value != null) return { pair: pp, level: 'pod' as const };
    return undefined;
  };
  const user = pick('runAsUser');
  const nonRoot = pick('runAsNonRoot');
  const uid = user ? readNumber(user.pair.value) : undefined;
  const nr = nonRoot ? readBool(nonRoot.pair.value) : undefined;
  if (uid?.known && uid.value === 0) return { verdict: 'root', span: nodeSpan(user!.pair.value as Node), detail: `runAsUser: 0 at ${user!.level} level` };
  if (nr?.known && nr.value === true) return { verdict: 'nonroot', span: nodeSpan(nonRoot!.pair.value as Node) };
  if (uid?.known && uid.value > 0) return { verdict: 'nonroot', span: nodeSpan(user!.pair.value as Node) };
  if ((uid && !uid.known) || (nr && !nr.known)) return { verdict: 'unknown', span: anchor };
  if (nr?.known && nr.value === false) return { verdict: 'unset', span: nodeSpan(nonRoot!.pair.value as Node), detail: `runAsNonRoot: false at ${nonRoot!.level} level` };
  return { verdict: 'unset', span: anchor };
}

function k8sWriter(model: K8sModel, kc: K8sContainer, c: YAMLMap, envSeq: YAMLSeq | undefined): ContainerWriter {
  const ed = model.editor;
  const lines = model.lines;
  const envPair = getPair(c, 'env');
  return {
    setFlag: (flag, value) => [ed.setPath(c, ['securityContext', flag], value)],
    runAsNonRoot: () => {
      const sc = asMap(get(c, 'securityContext'));
      const userPair = getPair(sc, 'runAsUser');
      const uid = readNumber(userPair?.value);
      const podUid = readNumber(get(kc.pod.securityContext, 'runAsUser'));
      const nrv = readBool(get(sc, 'runAsNonRoot'));
      const edits: TextEdit[] = [];
      const add: Record<string, number | boolean> = {};
      let placeholderAt: number | undefined;
      if (uid?.known && uid.value === 0 && userPair?.value) {
        // runAsNonRoot with runAsUser 0 would never start: a non-root UID to check
        edits.push(ed.setValue(userPair.value as Node, 10001));
        placeholderAt = (userPair.value as Node).range![0];
      } else if (!userPair && podUid?.known && podUid.value === 0) {
        add.runAsUser = 10001;
      }
      if (!(nrv?.known && nrv.value === true)) {
        const p = getPair(sc, 'runAsNonRoot');
        if (p?.value) edits.push(ed.setValue(p.value as Node, true));
        else add.runAsNonRoot = true;
      }
      if (Object.keys(add).length) {
        const scPair = getPair(c, 'securityContext');
        let e: TextEdit;
        if (sc) e = ed.insertEntries(sc, add);
        else if (scPair) e = ed.fillPair(scPair, add);
        else e = ed.insertEntries(c, { securityContext: add });
        edits.push(e);
        if (add.runAsUser !== undefined) placeholderAt = shiftOffset(edits.slice(0, -1), e.start) + e.newText.indexOf('10001');
      }
      if (!edits.length) return undefined;
      const fix: Fix = { title: placeholderAt !== undefined ? 'Set runAsNonRoot: true and a non-root runAsUser' : 'Set runAsNonRoot: true', safety: 'unsafe', edits };
      if (placeholderAt !== undefined) {
        const at = add.runAsUser !== undefined ? placeholderAt : shiftOffset(edits, placeholderAt);
        fix.placeholders = [{ start: at, end: at + 5 }];
      }
      return fix;
    },
    harden: () => hardenEdits(model, kc),
    dropAllCapabilities: () => {
      const sc = asMap(get(c, 'securityContext'));
      const caps = asMap(get(sc, 'capabilities'));
      const drop = asSeq(get(caps, 'drop'));
      if (drop) return [ed.appendItems(drop, ['ALL'])];
      return [ed.setPath(c, ['securityContext', 'capabilities', 'drop'], ['ALL'])];
    },
    removeAddedCapability: (cap) => {
      const add = asSeq(get(asMap(get(asMap(get(c, 'securityContext')), 'capabilities')), 'add'));
      const i = add?.items.findIndex((n) => nodeSpan(n as Node).start === cap.span.start) ?? -1;
      if (!add || i < 0) return undefined;
      return [ed.removeItem(add, i, getPair(asMap(get(asMap(get(c, 'securityContext')), 'capabilities')), 'add'))];
    },
    removeEnv: (e) => {
      const i = envSeq?.items.findIndex((n) => nodeSpan(n as Node).start === e.span.start) ?? -1;
      if (!envSeq || i < 0) return undefined;
      return [ed.removeItem(envSeq, i, envPair)];
    },
    moveEnvToSecret: (e) => {
      const item = asMap(envSeq?.items.find((n) => nodeSpan(n as Node).start === e.span.start));
      const vp = getPair(item, 'value');
      if (!item || !vp || !e.name.known || !vp.value) return undefined;
      const secretName = secretNameFor(kc.spec.name);
      const key = e.name.value!.toLowerCase().replace(/_/g, '-').replace(/[^a-z0-9.-]/g, '') || 'value';
      const plain = { secretKeyRef: { name: secretName, key } };
      const keyStart = (vp.key as Node).range![0];
      const valueEnd = (vp.value as Node).range![1];
      let newText: string;
      if (ed.isFlow(item)) {
        newText = 'valueFrom: ' + ed.scalar(plain);
      } else {
        const indent = ' '.repeat(lines.positionAt(keyStart).character);
        newText = ed.blockEntry('valueFrom', plain, indent);
      }
      const at = newText.indexOf(secretName);
      return {
        title: `Read ${e.name.value} from a Secret (secretKeyRef)`,
        safety: 'manual',
        edits: [{ start: keyStart, end: valueEnd, newText }],
        placeholders: [{ start: keyStart + at, end: keyStart + at + secretName.length }],
      };
    },
  };
}

/** An empty scalar (also what a blanked-out Helm expression leaves). */
function isBlank(n: unknown): boolean {
  if (!isScalar(n)) return false;
  const v = n.value;
  return v == null || (typeof v === 'string' && v.trim() === '');
}
