import type { Fix, LineIndex, Span, TextEdit } from '../../core';
import { EnvVar, Field, known, unknownField } from '../../model/container';
import type { BaseModel } from '../model';
import { asMap, asSeq, getPair, isIntrinsic, isMap, isScalar, isSeq, nodeSpan, parseYamlDocs, readString, Node, Pair, YAMLMap } from '../yaml/doc';
import { YamlEditor } from '../yaml/edit';
import type { AppRunnerServiceSpec } from '../../model/webservice';

/**
 * `apprunner.yaml`: the App Runner configuration file of a source-code
 * deployment (runtime, build commands and env, run command, `run.env`,
 * `run.secrets`). It becomes one AppRunnerServiceSpec whose only known
 * settings are its environment; everything the file cannot say (instance
 * role, encryption, networking) is 'unknown' and never reported.
 */
export interface AppRunnerModel extends BaseModel {
  kind: 'apprunner';
  editor?: YamlEditor;
  appRunnerServices?: AppRunnerServiceSpec[];
}

const MAX_STRINGS = 5000;

function envList(seqNode: unknown): { env: EnvVar[]; unknown: boolean } {
  const env: EnvVar[] = [];
  const seq = asSeq(seqNode);
  if (seqNode != null && !seq && !(isScalar(seqNode) && (seqNode as { value: unknown }).value == null)) return { env, unknown: true };
  for (const it of seq?.items ?? []) {
    const m = asMap(it);
    if (!m) continue;
    const np = getPair(m, 'name');
    const nr = readString(np?.value);
    if (!np || !nr) continue;
    const vp = getPair(m, 'value');
    const vr = readString(vp?.value);
    const nameSpan = nodeSpan(np.value as Node);
    env.push({
      name: nr.known ? known(nr.value, nameSpan) : unknownField(nameSpan),
      value: vp && vr ? (vr.known ? known(vr.value, nodeSpan(vp.value as Node), nodeSpan(vp.key as Node)) : unknownField(nodeSpan(vp.value as Node), nodeSpan(vp.key as Node))) : undefined,
      span: nodeSpan(m),
    });
  }
  return { env, unknown: false };
}

function collectStrings(n: unknown, skip: Set<unknown>, out: Field<string>[], depth = 0): void {
  if (depth > 50 || out.length >= MAX_STRINGS || skip.has(n)) return;
  if (isScalar(n)) {
    if (typeof n.value === 'string') out.push(known(n.value, nodeSpan(n as Node)));
    return;
  }
  if (isMap(n)) for (const p of n.items) collectStrings(p.value, skip, out, depth + 1);
  else if (isSeq(n)) for (const it of n.items) collectStrings(it, skip, out, depth + 1);
}

export function parseAppRunner(text: string, lines: LineIndex): AppRunnerModel {
  const model: AppRunnerModel = { kind: 'apprunner', text, lines, containers: [], workloads: [], notes: [], appRunnerServices: [] };
  const docs = parseYamlDocs(text);
  const d = docs[0];
  if (!d) return model;
  if (d.errors.length) {
    model.notes!.push({ span: d.errors[0].span, message: 'Not analysed: apprunner.yaml has syntax errors; App Runner checks run once it parses.' });
    return model;
  }
  const root = asMap(d.root);
  if (!root) return model;
  const editor = new YamlEditor(text, lines, false);
  model.editor = editor;
  const runPair = getPair(root, 'run');
  const run = asMap(runPair?.value);
  const envPair = getPair(run, 'env');
  const { env, unknown } = envList(envPair?.value);
  const secretsPair = getPair(run, 'secrets');
  const build = asMap(getPair(root, 'build')?.value);
  const buildEnvNode = getPair(build, 'env')?.value;
  const extraEnv = envList(buildEnvNode).env;
  const otherStrings: Field<string>[] = [];
  collectStrings(root, new Set<unknown>([envPair?.value, buildEnvNode].filter(Boolean)), otherStrings);
  const anchor = runPair ? nodeSpan(runPair.key as Node) : nodeSpan(root.items[0]?.key as Node);
  const spec: AppRunnerServiceSpec = {
    target: 'apprunner',
    format: 'apprunner.yaml',
    label: 'apprunner.yaml',
    span: nodeSpan(root),
    anchor,
    instanceRole: 'unknown',
    env,
    envUnknown: unknown,
    secretCount: asSeq(secretsPair?.value)?.items.length ?? 0,
    otherStrings,
    extraEnv,
    kmsKey: 'unknown',
    publicIngress: 'unknown',
    egressType: 'unknown',
    vpcConnectors: [],
    healthProtocol: 'unknown',
    writer: {
      moveEnvToSecret: (e) => moveToSecrets(editor, run, envPair, secretsPair, e),
      removeEnv: (e) => {
        for (const [node, pair] of [[envPair?.value, envPair], [buildEnvNode, getPair(build, 'env')]] as const) {
          const seq = asSeq(node);
          const i = seq?.items.findIndex((n) => nodeSpan(n as Node).start === e.span.start) ?? -1;
          if (seq && i >= 0) return { title: `Remove ${e.name.value ?? 'the variable'} (give the service an instance role instead)`, safety: 'unsafe', edits: [editor.removeItem(seq, i, pair as Pair)] };
        }
        return undefined;
      },
    },
  };
  model.appRunnerServices!.push(spec);
  return model;
}

function moveToSecrets(ed: YamlEditor, run: YAMLMap | undefined, envPair: Pair | undefined, secretsPair: Pair | undefined, e: EnvVar): Fix | undefined {
  const seq = asSeq(envPair?.value);
  if (!run || !seq || !envPair || !e.name.known) return undefined;
  const i = seq.items.findIndex((n) => nodeSpan(n as Node).start === e.span.start);
  if (i < 0) return undefined;
  const name = e.name.value!;
  const arn = `arn:aws:secretsmanager:<region>:<account>:secret:${name.toLowerCase().replace(/_/g, '-')}`;
  const entry = { name, 'value-from': arn };
  const edits: TextEdit[] = [ed.removeItem(seq, i, envPair)];
  const secSeq = asSeq(secretsPair?.value);
  if (secretsPair && !secSeq && secretsPair.value != null && !(isScalar(secretsPair.value) && secretsPair.value.value == null)) return undefined;
  if (secSeq && secSeq.items.length > 0) edits.push(ed.appendItems(secSeq, [entry]));
  else if (secretsPair) edits.push(ed.setPath(run, ['secrets'], [entry]));
  else {
    // before env (an insertion after it would collide with the removal of its last item)
    const at = nodeSpan(envPair.key as Node).start;
    const line = ed.lines.positionAt(at).line;
    const lineStart = ed.lines.lineStart(line);
    const lead = ed.text.slice(lineStart, at);
    if (lead.trim() !== '' || run.flow) edits.push(ed.insertEntries(run, { secrets: [entry] }));
    else edits.push({ start: lineStart, end: lineStart, newText: lead + ed.blockEntry('secrets', [entry], lead) + ed.lines.eol });
  }
  return {
    title: `Move ${name} to run.secrets (value-from a Secrets Manager secret or SSM parameter ARN)`,
    safety: 'manual',
    edits,
    placeholders: placeholdersAfter(edits, arn),
  };
}

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

export { isIntrinsic };
