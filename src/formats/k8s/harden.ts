import type { Fix, TextEdit } from '../../core';
import { asMap, asSeq, get, getPair, isIntrinsic, isScalar, readBool, readNumber, readString, Node } from '../yaml/doc';
import type { Plain } from '../yaml/edit';
import type { K8sContainer, K8sModel } from './types';

export const HARDEN_TITLE = 'Add a hardened securityContext';

/** A Secret name derived from the container's name (a placeholder the user confirms). */
export function secretNameFor(container: string | undefined): string {
  const base = (container ?? 'app').toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'app';
  return `${base}-secrets`;
}

/** Where an offset of the original text lands once `edits` are applied. */
export function shiftOffset(edits: readonly TextEdit[], offset: number): number {
  let d = 0;
  for (const e of edits) if (e.end <= offset && !(e.start === e.end && e.start === offset)) d += e.newText.length - (e.end - e.start);
  return offset + d;
}

const SAFE_SECCOMP = /^(RuntimeDefault|Localhost)$/;

/**
 * One fix that inserts, or completes, a container's securityContext with
 * allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem:
 * true, capabilities.drop [ALL] and a RuntimeDefault seccomp profile — each only
 * where the container (or its pod, for the settings a pod can hold) does not
 * already have it. Comments, key order, style and indentation are kept.
 */
export function hardenEdits(model: K8sModel, kc: K8sContainer): Fix | undefined {
  const ed = model.editor;
  const c = kc.node;
  const podSc = kc.pod.securityContext;
  const scPair = getPair(c, 'securityContext');
  const sc = asMap(scPair?.value);
  // an expression or a non-mapping value: nothing sound to edit
  if (scPair?.value && !sc && !isEmpty(scPair.value)) return undefined;
  if (sc && isIntrinsic(sc)) return undefined;
  const edits: TextEdit[] = [];
  const add: Record<string, Plain> = {};

  const setBool = (key: string, want: boolean) => {
    const p = getPair(sc, key);
    if (!p) {
      add[key] = want;
      return;
    }
    if (isEmpty(p.value)) {
      edits.push(ed.setPath(sc!, [key], want));
      return;
    }
    const r = readBool(p.value);
    if (r?.known && r.value !== want) edits.push(ed.setValue(p.value as Node, want));
  };

  const priv = readBool(get(sc, 'privileged'));
  if (priv?.known && priv.value === true) edits.push(ed.setValue(get(sc, 'privileged') as Node, false));
  if (!priv || priv.known) setBool('allowPrivilegeEscalation', false);

  // non-root: the pod may already require it
  const uidPair = getPair(sc, 'runAsUser');
  const uid = readNumber(uidPair?.value);
  const podUid = readNumber(get(podSc, 'runAsUser'));
  const podNr = readBool(get(podSc, 'runAsNonRoot'));
  if (uid?.known && uid.value === 0) edits.push(ed.setValue(uidPair!.value as Node, 10001));
  else if (!uidPair && podUid?.known && podUid.value === 0) add.runAsUser = 10001;
  const nrPair = getPair(sc, 'runAsNonRoot');
  if (nrPair || !(podNr?.known && podNr.value === true)) setBool('runAsNonRoot', true);

  setBool('readOnlyRootFilesystem', true);

  // capabilities: drop ALL
  const capsPair = getPair(sc, 'capabilities');
  const caps = asMap(capsPair?.value);
  if (!capsPair) add.capabilities = { drop: ['ALL'] };
  else if (isEmpty(capsPair.value)) edits.push(ed.setPath(sc!, ['capabilities'], { drop: ['ALL'] }));
  else if (caps) {
    const dropPair = getPair(caps, 'drop');
    const drop = asSeq(dropPair?.value);
    if (drop) {
      if (!drop.items.some((n) => /^(CAP_)?ALL$/i.test(String(readString(n)?.known ? (readString(n) as { value: string }).value : '')))) {
        edits.push(drop.items.length || drop.flow ? ed.appendItems(drop, ['ALL']) : ed.setPath(caps, ['drop'], ['ALL']));
      }
    } else if (!dropPair) edits.push(ed.insertEntries(caps, { drop: ['ALL'] }));
    else if (isEmpty(dropPair.value)) edits.push(ed.setPath(caps, ['drop'], ['ALL']));
  }

  // seccomp: the container's own profile, else the pod's
  const spPair = getPair(sc, 'seccompProfile');
  const sp = asMap(spPair?.value);
  const podType = readString(get(podSc, 'seccompProfile', 'type'));
  if (sp) {
    const tPair = getPair(sp, 'type');
    const t = readString(tPair?.value);
    if (!tPair || tPair.value == null) edits.push(ed.setPath(sp, ['type'], 'RuntimeDefault'));
    else if (t?.known && !SAFE_SECCOMP.test(t.value)) edits.push(ed.setValue(tPair.value as Node, 'RuntimeDefault'));
  } else if (!spPair && !(podType?.known && SAFE_SECCOMP.test(podType.value)) && !(podType && !podType.known)) {
    add.seccompProfile = { type: 'RuntimeDefault' };
  }

  if (Object.keys(add).length) {
    if (sc) edits.push(ed.insertEntries(sc, add));
    else if (scPair) edits.push(ed.fillPair(scPair, add));
    else edits.push(ed.insertEntries(c, { securityContext: add }));
  }
  if (!edits.length) return undefined;
  return { title: HARDEN_TITLE, safety: 'unsafe', edits: mergeInsertions(edits) };
}

/**
 * Insertions at one offset (e.g. `drop` at the end of a trailing
 * `capabilities` map and the new securityContext keys after it) become one
 * edit, in the order they were made: two insertions at the same point would be
 * ambiguous, and the engine drops such a fix.
 */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const prev = e.start === e.end ? out.find((o) => o.start === e.start && o.end === e.end) : undefined;
    if (prev) prev.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

function isEmpty(n: unknown): boolean {
  return n == null || (isScalar(n) && n.value == null);
}
