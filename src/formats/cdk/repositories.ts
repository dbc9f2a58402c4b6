/**
 * CDK `ecr.Repository` constructs mapped into RepositorySpec, with a writer
 * that sets props in place (adding a props object or an import when needed).
 */
import type { Fix, TextEdit } from '../../core';
import { Field, known, unknownField } from '../../model/container';
import type { RepositorySpec, RepositoryStatement } from '../../model/repository';
import type { CdkModel, CdkNew } from './model';
import { accountPrincipalsIn, isOpenPrincipalIn, readStatement } from './iam';
import { member, setConstructProp } from './props';

/**
 * The literal accounts of the file's stacks: `env: { account: '111122223333' }`
 * anywhere in the file (a stack's props, or a const they name). A grant to one
 * of them is not cross-account. `process.env.CDK_DEFAULT_ACCOUNT` and other
 * expressions give nothing.
 */
function stackAccounts(m: CdkModel): string[] {
  const file = m.file!;
  const ts = file.ts;
  const out = new Set<string>();
  for (const envValue of file.envs) {
    const obj = file.object(envValue);
    if (!obj) continue;
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
      if (!(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) || p.name.text !== 'account') continue;
      const s = file.string(ts.isPropertyAssignment(p) ? p.initializer : p.name);
      if (s && /^\d{12}$/.test(s.value.trim())) out.add(s.value.trim());
    }
  }
  return [...out];
}


function state(n: CdkNew, key: string): 'present' | 'missing' | 'unknown' {
  if (n.propsUnknown) return 'unknown';
  if (!n.props) return 'missing';
  return n.props.state(key);
}

function fix(title: string, safety: Fix['safety'], edits: TextEdit[] | undefined): Fix | undefined {
  return edits && edits.length ? { title, safety, edits } : undefined;
}

export function buildRepositories(m: CdkModel): RepositorySpec[] {
  const file = m.file;
  if (!file || !m.editor) return [];
  const out: RepositorySpec[] = [];
  let own: string[] | undefined;
  for (const n of m.news) {
    if (n.q !== 'ecr.Repository') continue;
    own ??= stackAccounts(m);
    const label = `Repository${n.id ? ` "${n.id}"` : ''}`;
    const get = (k: string) => n.props?.get(k);

    const scanP = get('imageScanOnPush');
    let scanOnPush: RepositorySpec['scanOnPush'];
    if (scanP) {
      const b = file.bool(scanP.value);
      scanOnPush = b === undefined ? unknownField(file.span(scanP.value), scanP.key) : known(b, file.span(scanP.value), scanP.key);
    } else scanOnPush = state(n, 'imageScanOnPush') === 'missing' ? 'missing' : 'unknown';

    const tagP = get('imageTagMutability');
    let tagMutability: RepositorySpec['tagMutability'];
    if (tagP) {
      const v = member(m, tagP.value, 'ecr.TagMutability');
      tagMutability = v === undefined ? unknownField(file.span(tagP.value), tagP.key) : known(v, file.span(tagP.value), tagP.key);
    } else tagMutability = state(n, 'imageTagMutability') === 'missing' ? 'missing' : 'unknown';

    const encP = get('encryption');
    const keyP = get('encryptionKey');
    let encryption: RepositorySpec['encryption'];
    if (encP) {
      const v = member(m, encP.value, 'ecr.RepositoryEncryption');
      encryption = v === undefined ? unknownField(file.span(encP.value), encP.key) : known(v.replace('AES_256', 'AES256'), file.span(encP.value), encP.key);
    } else if (state(n, 'encryption') === 'missing' && state(n, 'encryptionKey') === 'missing') encryption = 'missing';
    else encryption = 'unknown';
    const kmsKey: Field<string> | undefined = keyP ? unknownField(file.span(keyP.value), keyP.key) : undefined;

    const policy: RepositoryStatement[] = [];
    for (const c of m.calls) {
      if (c.via || c.target !== n) continue;
      if (c.method === 'addToResourcePolicy') {
        const st = readStatement(file, c.node.arguments[0]);
        if (!st) continue;
        policy.push({
          allow: !st.deny,
          conditional: st.hasConditions,
          openPrincipals: st.principals.filter((p) => isOpenPrincipalIn(file, p)).map((p) => file.span(p)),
          accountPrincipals: st.principals.flatMap((p) => accountPrincipalsIn(file, p)),
          via: 'A resource policy',
        });
      } else if (/^grant(Pull|PullPush|Push|Read)?$/.test(c.method)) {
        const p = c.node.arguments[0];
        policy.push({
          allow: true,
          conditional: false,
          openPrincipals: p && isOpenPrincipalIn(file, p) ? [file.span(p)] : [],
          accountPrincipals: p ? accountPrincipalsIn(file, p) : [],
          via: c.method,
        });
      }
    }

    out.push({
      target: 'cdk',
      format: 'cdk',
      label,
      span: file.span(n.node),
      anchor: n.anchor,
      scanOnPush,
      tagMutability,
      encryption,
      kmsKey,
      policy,
      ownAccounts: own,
      lifecyclePolicy: get('lifecycleRules') || m.calls.some((c) => c.target === n && c.method === 'addLifecycleRule' && !c.via) ? true : state(n, 'lifecycleRules') === 'missing' ? 'missing' : 'unknown',
      writer: {
        enableScanOnPush: () => fix('Set imageScanOnPush to true', 'safe', setConstructProp(m, n, scanP, 'imageScanOnPush', 'true')),
        makeTagsImmutable: () => {
          const imp = m.editor!.imports();
          const e = setConstructProp(m, n, tagP, 'imageTagMutability', `${imp.ref('ecr', 'TagMutability')}.IMMUTABLE`);
          return fix('Make image tags immutable', 'unsafe', e ? [...e, ...imp.edits] : undefined);
        },
        encryptWithKms: () => {
          const imp = m.editor!.imports();
          const e = setConstructProp(m, n, encP, 'encryption', `${imp.ref('ecr', 'RepositoryEncryption')}.KMS`);
          return fix('Encrypt with KMS (replaces the repository)', 'unsafe', e ? [...e, ...imp.edits] : undefined);
        },
      },
    });
  }
  return out;
}
