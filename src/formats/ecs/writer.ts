import { placeholdersIn } from '../cloudformation/edit';
import type { Fix, Span, TextEdit } from '../../core';
import type { ContainerWriter, EnvVar, Field, WorkloadWriter } from '../../model/container';
import { asMap, asSeq, getPairCI, isIntrinsic, isMap, keyText, nodeSpan, Node, Pair, YAMLMap, YAMLSeq } from '../yaml/doc';
import type { Plain } from '../yaml/edit';
import type { EcsContainer, EcsModel, EcsTaskDef } from './types';

/**
 * Format-preserving edits on ECS task definitions, Batch job definitions and
 * CloudFormation templates: keys take the file's spelling (PascalCase in
 * CloudFormation, camelCase in the JSON APIs), JSON keeps its indentation and
 * key order, YAML its comments and style.
 */

/** The key as this file spells it (camelCase in the API JSON, PascalCase in CloudFormation). */
export function keyName(model: EcsModel, camel: string): string {
  return model.kind === 'cloudformation' ? camel[0].toUpperCase() + camel.slice(1) : camel;
}

/**
 * The spelling of a key path below `map`: existing keys keep theirs (matched
 * case-insensitively), new ones take the file's. Undefined when an
 * intrinsic sits on the way.
 */
export function resolvePath(model: EcsModel, map: YAMLMap, camelPath: string[]): string[] | undefined {
  const out: string[] = [];
  let cur: YAMLMap | undefined = map;
  for (const seg of camelPath) {
    const p: Pair | undefined = cur ? getPairCI(cur, seg) : undefined;
    if (p) {
      if (isIntrinsic(p.value)) return undefined;
      out.push(keyText(p)!);
      cur = asMap(p.value);
    } else {
      out.push(keyName(model, seg));
      cur = undefined;
    }
  }
  return out;
}

export function setAt(model: EcsModel, map: YAMLMap, camelPath: string[], value: Plain): TextEdit | undefined {
  const path = resolvePath(model, map, camelPath);
  return path ? model.editor.setPath(map, path, value) : undefined;
}

/** Sentinels rendered as plain strings, then swapped for raw text (CloudFormation short tags). */
const RAW = 'BhRaw';
export function rawToken(i: number): string {
  return `${RAW}${i}X`;
}
export function withRaw(edit: TextEdit, raws: string[]): TextEdit {
  let t = edit.newText;
  raws.forEach((r, i) => {
    const tok = rawToken(i);
    t = t.split(JSON.stringify(tok)).join(r).split(tok).join(r);
  });
  return { ...edit, newText: t };
}


/** partition and account of an IAM role ARN */
export function arnParts(f: Field<string> | undefined): { partition: string; account: string } | undefined {
  if (!f?.known) return undefined;
  const m = /^arn:(aws[a-z-]*):iam::(\d{12}):/.exec(f.value!);
  return m ? { partition: m[1], account: m[2] } : undefined;
}

function indexOfSpan(seq: YAMLSeq | undefined, start: number): number {
  return seq?.items.findIndex((n) => nodeSpan(n as Node).start === start) ?? -1;
}

/**
 * Inserts `key: value` just before an existing pair of the same mapping (so
 * that it never collides with edits inside the mapping's last entry).
 */
export function insertBefore(model: EcsModel, map: YAMLMap, before: Pair, key: string, value: Plain): TextEdit | undefined {
  return model.editor.insertBefore(map, before, key, value);
}

export function ecsContainerWriter(model: EcsModel, td: EcsTaskDef, ec: EcsContainer): ContainerWriter {
  const ed = model.editor;
  const c = ec.node;
  const seqAt = (path: string[]): { seq?: YAMLSeq; pair?: Pair } => {
    let cur: unknown = c;
    let pair: Pair | undefined;
    for (const k of path) {
      pair = getPairCI(cur, k);
      cur = pair?.value;
    }
    return { seq: isIntrinsic(cur) ? undefined : asSeq(cur), pair };
  };
  return {
    setFlag(flag, value) {
      if (flag === 'allowPrivilegeEscalation') return undefined;
      const key = flag === 'privileged' ? 'privileged' : 'readonlyRootFilesystem';
      const e = setAt(model, c, [key], value);
      return e ? [e] : undefined;
    },
    runAsNonRoot() {
      const e = setAt(model, c, ['user'], '1000');
      if (!e) return undefined;
      return { title: 'Run as a non-root user (user "1000": pick one your image has)', safety: 'unsafe', edits: [e], placeholders: placeholdersIn([e], ['1000']) };
    },
    dropAllCapabilities() {
      const { seq } = seqAt(['linuxParameters', 'capabilities', 'drop']);
      if (seq) return [ed.appendItems(seq, ['ALL'])];
      const e = setAt(model, c, ['linuxParameters', 'capabilities', 'drop'], ['ALL']);
      return e ? [e] : undefined;
    },
    removeAddedCapability(cap) {
      const { seq, pair } = seqAt(['linuxParameters', 'capabilities', 'add']);
      const i = indexOfSpan(seq, cap.span.start);
      if (!seq || i < 0) return undefined;
      return [ed.removeItem(seq, i, pair)];
    },
    removeEnv(env: EnvVar) {
      const { seq, pair } = seqAt(['environment']);
      const i = indexOfSpan(seq, env.span.start);
      if (!seq || i < 0) return undefined;
      return [ed.removeItem(seq, i, pair)];
    },
    moveEnvToSecret(env: EnvVar): Fix | undefined {
      const { seq, pair } = seqAt(['environment']);
      const i = indexOfSpan(seq, env.span.start);
      if (!seq || !pair || i < 0 || !env.name.known) return undefined;
      const name = env.name.value!;
      const secretName = `${td.family ?? ec.spec.name ?? 'app'}/${name}`;
      const raws: string[] = [];
      let valueFrom: Plain;
      if (model.kind === 'cloudformation') {
        const sub = `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${secretName}`;
        if (model.cfn?.shortTags) {
          raws.push(`!Sub ${JSON.stringify(sub)}`);
          valueFrom = rawToken(0);
        } else valueFrom = { 'Fn::Sub': sub };
      } else {
        const parts = arnParts(td.role.executionRole) ?? arnParts(td.role.role);
        valueFrom = `arn:${parts?.partition ?? 'aws'}:secretsmanager:<region>:${parts?.account ?? '<account>'}:secret:${secretName}`;
      }
      const entry: Record<string, Plain> = { [keyName(model, 'name')]: name, [keyName(model, 'valueFrom')]: valueFrom };
      const edits: TextEdit[] = [ed.removeItem(seq, i, pair)];
      const secrets = seqAt(['secrets']);
      if (secrets.pair && !secrets.seq && secrets.pair.value != null && !(isScalarNull(secrets.pair.value))) return undefined;
      if (secrets.seq && secrets.seq.items.length > 0) edits.push(withRaw(ed.appendItems(secrets.seq, [entry]), raws));
      else if (secrets.pair) edits.push(withRaw(ed.setPath(c, [keyText(secrets.pair)!], [entry]), raws));
      else {
        const ins = insertBefore(model, c, pair, keyName(model, 'secrets'), [entry]);
        edits.push(withRaw(ins ?? ed.insertEntries(c, { [keyName(model, 'secrets')]: [entry] }), raws));
      }
      return {
        title: `Move ${name} to secrets (Secrets Manager secret ${secretName})`,
        safety: 'manual',
        edits,
        placeholders: placeholdersIn(edits, [secretName, '<region>', '<account>']),
      };
    },
    addLogging(): Fix | undefined {
      if (ec.logPair) return undefined;
      const family = td.family ?? ec.spec.name ?? 'app';
      const raws: string[] = [];
      let region: Plain = '<region>';
      if (model.kind === 'cloudformation') {
        if (model.cfn?.shortTags) {
          raws.push('!Ref AWS::Region');
          region = rawToken(0);
        } else region = { Ref: 'AWS::Region' };
      }
      const value: Plain = {
        [keyName(model, 'logDriver')]: 'awslogs',
        [keyName(model, 'options')]: {
          'awslogs-group': `/ecs/${family}`,
          'awslogs-region': region,
          'awslogs-stream-prefix': ec.spec.name ?? 'ecs',
        },
      };
      // `logConfiguration: null` is replaced, not doubled
      const nullPair = getPairCI(c, 'logConfiguration');
      const e = withRaw(nullPair ? ed.setPath(c, [keyText(nullPair)!], value) : ed.insertEntries(c, { [keyName(model, 'logConfiguration')]: value }), raws);
      return {
        title: `Send logs to CloudWatch Logs (awslogs, group /ecs/${family})`,
        safety: 'manual',
        edits: [e],
        placeholders: placeholdersIn([e], ['<region>', `/ecs/${family}`]),
      };
    },
  };
}

function isScalarNull(n: unknown): boolean {
  return !!n && typeof n === 'object' && 'value' in (n as object) && (n as { value: unknown }).value == null;
}

export function ecsWorkloadWriter(model: EcsModel, td: EcsTaskDef): WorkloadWriter {
  return {
    disableHost(ns) {
      if (ns === 'hostNetwork') {
        // awsvpc: the task's own network interface (and the only mode Fargate has)
        const p = getPairCI(td.node, 'networkMode');
        const v = p?.value as Node | null | undefined;
        return v && !isIntrinsic(v) ? [model.editor.setValue(v, 'awsvpc')] : undefined;
      }
      const p = getPairCI(td.node, ns === 'hostPID' ? 'pidMode' : 'ipcMode');
      return p ? [model.editor.removePair(td.node, p)] : undefined;
    },
  };
}
