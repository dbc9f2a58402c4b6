import type { LineIndex, Span, TextEdit } from '../../core';
import { Field, known, unknownField } from '../../model/container';
import { EKS_LOG_TYPES, EksClusterSpec, NodegroupSpec } from '../../model/cluster';
import type { Setting } from '../../model/setting';
import type { BaseModel } from '../model';
import { asMap, asSeq, getPair, isIntrinsic, isScalar, nodeSpan, parseYamlDocs, readBool, readString, Node, Pair, YAMLMap, YamlDoc } from '../yaml/doc';
import { keyOf, Plain, YamlEditor } from '../yaml/edit';
import { pairField } from '../yaml/field';

/**
 * eksctl's `ClusterConfig` (`apiVersion: eksctl.io/v1alpha5`): the
 * configuration of an EKS cluster, not a Kubernetes object. Each document
 * becomes one EksClusterSpec (endpoint access, public CIDRs, secrets
 * encryption, control-plane logging, authentication mode) and one
 * NodegroupSpec per `managedNodeGroups`/`nodeGroups` item (SSH access).
 * eksctl's own defaults apply to what the file leaves out: a public and no
 * private endpoint, no secrets encryption, no control-plane logs, SSH off.
 * A value written as a template (`${VAR}`, `{{ }}`) is unknown.
 */
export interface EksctlModel extends BaseModel {
  kind: 'eksctl';
  editor?: YamlEditor;
}

/** a placeholder CIDR (TEST-NET-3, RFC 5737) the user replaces with theirs */
export const PLACEHOLDER_CIDR = '203.0.113.0/24';
export const PLACEHOLDER_KMS_KEY = 'arn:aws:kms:<region>:<account>:key/<key-id>';
export const PLACEHOLDER_SG = 'sg-<bastion-security-group-id>';

const OPEN_CIDR = /^(0\.0\.0\.0\/0|::\/0)$/;

/** a value filled in before eksctl reads the file (envsubst `${VAR}`/`$VAR`, a template) */
function templated(v: unknown): boolean {
  return typeof v === 'string' && /\$\{?[A-Za-z_]|\{\{/.test(v);
}

function isEksctlDoc(root: YAMLMap): boolean {
  const api = readString(getPair(root, 'apiVersion')?.value);
  const kind = readString(getPair(root, 'kind')?.value);
  return !!api?.known && api.value!.startsWith('eksctl.io/') && !!kind?.known && kind.value === 'ClusterConfig';
}

/** A nested mapping as the file has it: absent, a mapping, or something Bulkhead cannot read (a template). */
type Block = { state: 'missing'; pair?: Pair } | { state: 'map'; pair: Pair; map: YAMLMap } | { state: 'unknown'; pair: Pair };

function block(parent: YAMLMap | undefined, key: string): Block {
  const pair = getPair(parent, key);
  if (!pair) return { state: 'missing' };
  const v = pair.value;
  if (v == null || (isScalar(v) && v.value == null)) return { state: 'missing', pair };
  const map = asMap(v);
  if (map && !isIntrinsic(map)) return { state: 'map', pair, map };
  return { state: 'unknown', pair };
}

/** A setting below a block: unknown when the block is. */
function settingIn<T>(b: Block, key: string, read: (n: unknown) => { known: true; value: T } | { known: false } | undefined): Setting<T> {
  if (b.state === 'unknown') return 'unknown';
  if (b.state === 'missing') return 'missing';
  const f = pairField(getPair(b.map, key), read, (v) => templated(v));
  return f ?? 'missing';
}

/** A list of strings below a block: per-item fields, 'missing', or 'unknown' when the list is not a literal sequence. */
function stringsIn(b: Block, key: string): { list: Field<string>[] | 'missing' | 'unknown'; pair?: Pair } {
  if (b.state === 'unknown') return { list: 'unknown' };
  if (b.state === 'missing') return { list: 'missing' };
  const pair = getPair(b.map, key);
  if (!pair || pair.value == null || (isScalar(pair.value) && pair.value.value == null)) return { list: 'missing', pair };
  const seq = asSeq(pair.value);
  if (!seq || isIntrinsic(seq)) return { list: 'unknown', pair };
  const out: Field<string>[] = [];
  for (const it of seq.items) {
    const r = readString(it);
    const span = nodeSpan(it as Node);
    if (!r) continue;
    out.push(r.known && !templated(r.value) ? known(r.value, span) : unknownField(span));
  }
  return { list: out, pair };
}

export function parseEksctl(text: string, lines: LineIndex, path = ''): EksctlModel {
  const model: EksctlModel = { kind: 'eksctl', text, lines, containers: [], workloads: [], notes: [], views: { eksClusters: [], nodegroups: [] } };
  const docs = parseYamlDocs(text);
  const json = /\.jsonc?$/i.test(path) || /^\s*[{[]/.test(text);
  const editor = new YamlEditor(text, lines, json);
  model.editor = editor;
  for (const d of docs) {
    const root = asMap(d.root);
    if (!root || !isEksctlDoc(root)) continue;
    if (d.errors.length) {
      model.notes!.push({ span: d.errors[0].span, message: 'Not analysed: this eksctl ClusterConfig has syntax errors; its EKS checks run once it parses.' });
      continue;
    }
    readDocument(model, editor, d, root);
  }
  return model;
}

function readDocument(model: EksctlModel, ed: YamlEditor, d: YamlDoc, root: YAMLMap): void {
  const metadata = block(root, 'metadata');
  const namePair = metadata.state === 'map' ? getPair(metadata.map, 'name') : undefined;
  const name = readString(namePair?.value);
  const clusterName = name?.known && !templated(name.value) ? name.value : undefined;
  const kindPair = getPair(root, 'kind')!;
  const anchor = namePair?.value ? nodeSpan(namePair.value as Node) : nodeSpan(kindPair.value as Node);
  const label = clusterName ? `EKS cluster ${clusterName}` : 'the EKS cluster';

  const vpc = block(root, 'vpc');
  const endpoints = vpc.state === 'map' ? block(vpc.map, 'clusterEndpoints') : vpc.state === 'unknown' ? { state: 'unknown' as const, pair: vpc.pair } : ({ state: 'missing' } as Block);
  let publicAccess = settingIn(endpoints, 'publicAccess', readBool);
  let privateAccess = settingIn(endpoints, 'privateAccess', readBool);
  // a fully-private cluster (privateCluster.enabled) has only the private endpoint
  const privateCluster = block(root, 'privateCluster');
  const fullyPrivate = settingIn(privateCluster, 'enabled', readBool);
  if (fullyPrivate === 'unknown' || (typeof fullyPrivate === 'object' && !fullyPrivate.known)) {
    publicAccess = 'unknown';
    privateAccess = 'unknown';
  } else if (typeof fullyPrivate === 'object' && fullyPrivate.value === true) {
    publicAccess = known(false, fullyPrivate.span, fullyPrivate.keySpan);
    privateAccess = known(true, fullyPrivate.span, fullyPrivate.keySpan);
  }
  const cidrs = stringsIn(vpc, 'publicAccessCIDRs');
  // eksctl leaves an empty list out of the cluster it creates: no limit, as when absent
  if (Array.isArray(cidrs.list) && cidrs.list.length === 0) cidrs.list = 'missing';

  const secrets = block(root, 'secretsEncryption');
  const secretsEncryption = settingIn(secrets, 'keyARN', readString);

  const cloudWatch = block(root, 'cloudWatch');
  const clusterLogging = cloudWatch.state === 'map' ? block(cloudWatch.map, 'clusterLogging') : cloudWatch.state === 'unknown' ? { state: 'unknown' as const, pair: cloudWatch.pair } : ({ state: 'missing' } as Block);
  const enable = stringsIn(clusterLogging, 'enableTypes');
  let logTypes: Field<string>[] | 'missing' | 'unknown' = enable.list;
  if (Array.isArray(logTypes)) {
    if (logTypes.some((f) => !f.known)) logTypes = 'unknown';
    else {
      // `*` and `all` stand for every type (eksctl spells the others as EKS_LOG_TYPES does)
      const expanded: Field<string>[] = [];
      for (const f of logTypes) {
        if (f.value === '*' || f.value === 'all') for (const t of EKS_LOG_TYPES) expanded.push(known(t, f.span, f.keySpan));
        else expanded.push(f);
      }
      logTypes = expanded;
    }
  }
  const loggingAnchor = enable.pair ? nodeSpan(enable.pair.key as Node) : clusterLogging.state !== 'missing' && clusterLogging.pair ? nodeSpan(clusterLogging.pair.key as Node) : undefined;

  const accessConfig = block(root, 'accessConfig');
  const authenticationMode = settingIn(accessConfig, 'authenticationMode', readString);

  const cluster: EksClusterSpec = {
    target: 'eks',
    format: 'eksctl',
    label,
    span: nodeSpan(root),
    anchor,
    publicAccess,
    privateAccess,
    publicAccessCidrs: cidrs.list,
    secretsEncryption,
    logTypes,
    loggingAnchor,
    authenticationMode,
    wording: {
      endpointDefault: 'vpc.clusterEndpoints.publicAccess defaults to true',
      secretsKey: 'secretsEncryption.keyARN',
      loggingKey: 'cloudWatch.clusterLogging.enableTypes',
    },
    writer: {
      makeEndpointPrivate: () => {
        if (vpc.state === 'unknown' || endpoints.state === 'unknown' || privateCluster.state === 'unknown') return undefined;
        const edits = setEntries(ed, root, ['vpc', 'clusterEndpoints'], { privateAccess: true, publicAccess: false });
        return edits && { title: 'Make the API endpoint private (privateAccess: true, publicAccess: false)', safety: 'unsafe', edits };
      },
      restrictPublicAccess: () => {
        if (vpc.state === 'unknown') return undefined;
        let edits: TextEdit[] | undefined;
        const list = cidrs.list;
        const seq = asSeq(cidrs.pair?.value);
        if (Array.isArray(list) && list.length && seq) {
          // the first open CIDR becomes the placeholder, other open ones go
          const open = seq.items.filter((it) => isScalar(it) && typeof it.value === 'string' && OPEN_CIDR.test(it.value)) as Node[];
          if (!open.length) return undefined;
          edits = [ed.setValue(open[0], PLACEHOLDER_CIDR), ...open.slice(1).map((n) => ed.removeItem(seq, seq.items.indexOf(n), cidrs.pair))];
        } else if (list === 'missing' || (Array.isArray(list) && list.length === 0)) {
          edits = setEntries(ed, root, ['vpc'], { publicAccessCIDRs: [PLACEHOLDER_CIDR] });
        }
        if (!edits) return undefined;
        return { title: 'Limit the public endpoint to your CIDR (vpc.publicAccessCIDRs)', safety: 'manual', edits, placeholders: placeholdersAfter(edits, PLACEHOLDER_CIDR) };
      },
      enableSecretsEncryption: () => {
        if (secretsEncryption !== 'missing' || secrets.state === 'unknown') return undefined;
        const edits = setEntries(ed, root, ['secretsEncryption'], { keyARN: PLACEHOLDER_KMS_KEY });
        return edits && { title: 'Encrypt secrets with a KMS key (secretsEncryption.keyARN)', safety: 'manual', edits, placeholders: placeholdersAfter(edits, PLACEHOLDER_KMS_KEY) };
      },
      enableAllLogs: () => {
        if (logTypes === 'unknown' || cloudWatch.state === 'unknown' || clusterLogging.state === 'unknown') return undefined;
        const have = new Set(Array.isArray(logTypes) ? logTypes.map((f) => f.value) : []);
        if (EKS_LOG_TYPES.every((t) => have.has(t))) return undefined;
        const seq = asSeq(enable.pair?.value);
        // a block list: its first item becomes "*" and the others go (comments on the key's line stay)
        const edits =
          seq && !ed.isFlow(seq) && seq.items.length
            ? [ed.setValue(seq.items[0] as Node, '*'), ...seq.items.slice(1).map((_, i) => ed.removeItem(seq, i + 1, enable.pair))]
            : setEntries(ed, root, ['cloudWatch', 'clusterLogging'], { enableTypes: ['*'] });
        return edits && { title: 'Enable all control-plane log types (enableTypes: ["*"])', safety: 'safe', edits };
      },
    },
  };
  model.views!.eksClusters!.push(cluster);

  for (const [key, kindLabel] of [['managedNodeGroups', 'managed node group'], ['nodeGroups', 'node group']] as const) {
    const seq = asSeq(getPair(root, key)?.value);
    if (!seq) continue;
    for (const it of seq.items) {
      const ng = asMap(it);
      if (!ng || isIntrinsic(ng)) continue;
      model.views!.nodegroups!.push(readNodegroup(ed, ng, kindLabel, clusterName));
    }
  }
}

function readNodegroup(ed: YamlEditor, ng: YAMLMap, kindLabel: string, clusterName: string | undefined): NodegroupSpec {
  const namePair = getPair(ng, 'name');
  const name = readString(namePair?.value);
  const ngName = name?.known && !templated(name.value) ? name.value : undefined;
  const spec: NodegroupSpec = {
    target: 'eks',
    format: 'eksctl',
    label: `${kindLabel} ${ngName ?? '(unnamed)'}${clusterName ? ` of EKS cluster ${clusterName}` : ''}`,
    span: nodeSpan(ng),
    anchor: namePair?.value ? nodeSpan(namePair.value as Node) : nodeSpan(ng),
  };
  const ssh = block(ng, 'ssh');
  if (ssh.state !== 'map') return spec;
  const allow = pairField(getPair(ssh.map, 'allow'), readBool);
  if (allow && !allow.known) return spec;
  // eksctl turns SSH on when a key is given and `allow` is not false; `allow: true` alone uses ~/.ssh/id_rsa.pub
  const key = ['publicKeyName', 'publicKeyPath', 'publicKey']
    .map((k) => getPair(ssh.map, k))
    .find((p) => {
      const r = readString(p?.value);
      return !!r && (!r.known || r.value !== '');
    });
  if (allow?.value === false) return spec;
  if (!key && allow?.value !== true) return spec;
  const span = key ? nodeSpan(key.key as Node) : allow!.keySpan;
  const sources = stringsIn(ssh, 'sourceSecurityGroupIds');
  const privateNetworking = pairField(getPair(ng, 'privateNetworking'), readBool, (v) => templated(v));
  const vpcOnly: boolean | 'unknown' = !privateNetworking ? false : privateNetworking.known ? privateNetworking.value === true : 'unknown';
  spec.remoteAccess = { span, sourceSecurityGroups: sources.list, vpcOnly };
  spec.writer = {
    restrictSsh: () => {
      let edit: TextEdit;
      if (sources.list === 'unknown') return undefined;
      if (Array.isArray(sources.list) && sources.list.length) return undefined;
      if (sources.pair) edit = ed.setPath(ssh.map, ['sourceSecurityGroupIds'], [PLACEHOLDER_SG]);
      else edit = ed.insertEntries(ssh.map, { sourceSecurityGroupIds: [PLACEHOLDER_SG] });
      return { title: 'Allow SSH only from a security group (ssh.sourceSecurityGroupIds)', safety: 'manual', edits: [edit], placeholders: placeholdersAfter([edit], PLACEHOLDER_SG) };
    },
  };
  return spec;
}

/**
 * Sets keys of the mapping at `path` below `root`, creating the mappings on
 * the way: an existing key gets its value replaced, the others are added in
 * one insertion. Undefined when something on the way is not a mapping.
 */
function setEntries(ed: YamlEditor, root: YAMLMap, path: string[], entries: Record<string, Plain>): TextEdit[] | undefined {
  let cur = root;
  for (let i = 0; i < path.length; i++) {
    const pair = getPair(cur, path[i]);
    let nested: Plain = entries;
    for (let j = path.length - 1; j > i; j--) nested = { [path[j]]: nested };
    if (!pair) return [ed.insertEntries(cur, { [path[i]]: nested })];
    const v = pair.value;
    if (v == null || (isScalar(v) && v.value == null)) return [ed.fillPair(pair, nested as Record<string, Plain>)];
    const m = asMap(v);
    if (!m || isIntrinsic(m)) return undefined;
    if (m.items.length === 0) return [ed.insertEntries(m, nested as Record<string, Plain>)];
    cur = m;
  }
  const edits: TextEdit[] = [];
  const add: Record<string, Plain> = {};
  for (const [k, v] of Object.entries(entries)) {
    const p = cur.items.find((x) => keyOf(x) === k);
    if (p) {
      if (sameValue(p.value, v)) continue;
      edits.push(ed.setPath(cur, [k], v));
    } else add[k] = v;
  }
  if (Object.keys(add).length) edits.push(ed.insertEntries(cur, add));
  return edits.length ? edits : undefined;
}

function sameValue(n: unknown, v: Plain): boolean {
  if (isScalar(n)) return n.value === v;
  return false;
}

/** Where `needle` lands in the fixed text (the edits applied in offset order). */
function placeholdersAfter(edits: TextEdit[], needle: string): Span[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const x of sorted) {
    const i = x.newText.indexOf(needle);
    if (i >= 0) return [{ start: x.start + shift + i, end: x.start + shift + i + needle.length }];
    shift += x.newText.length - (x.end - x.start);
  }
  return [];
}
