import type * as TS from 'typescript';
import type { LineIndex } from '../../core';
import { bindingOf, CdkFile, keyOf, Props, unwrap } from './ast';
import { CdkEditor } from './edit';
import { loadTs } from './ts';
import { buildContainers } from './containers';
import { buildRepositories } from './repositories';
import { buildAppRunnerServices } from './apprunner';
import { addExpressServices } from './express';
import { buildEcsClusters, buildEksClusters } from './clusters';
import { buildServices } from './services';
import { buildTasks } from './tasks';
import { buildRoles } from './roles';
import type { CdkCall, CdkModel, CdkNew } from './model';

export type { CdkCall, CdkImageRef, CdkModel, CdkNew } from './model';

export function parseCdk(text: string, lines: LineIndex, _path: string): CdkModel {
  const model: CdkModel = { kind: 'cdk', text, lines, containers: [], workloads: [], news: [], calls: [], statics: [], imageRefs: [], notes: [] };
  const ts = loadTs();
  // parent pointers are set by CdkFile's walk, which visits every node anyway; no rule reads a
  // JSDoc comment (suppressions are found in the text), so the parser skips them
  const sf = ts.createSourceFile('stack.ts', text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
  const file = new CdkFile(ts, sf, text);
  const editor = new CdkEditor(file, lines);
  model.file = file;
  model.editor = editor;
  if (file.ns.size === 0 && file.named.size === 0) return model;

  const K = file.K;
  const bound = new Map<string, CdkNew>();
  const rawCalls: TS.CallExpression[] = [];
  for (const n of file.news) {
    const q = file.resolve(n.expression);
    if (!q || !q.includes('.')) continue;
    const args = n.arguments;
    const idArg = args && args.length > 1 ? file.string(args[1]) : undefined;
    const propsArg = args && args.length > 2 ? args[2] : undefined;
    const obj = file.object(propsArg);
    const callee = unwrap(ts, n.expression);
    const anchor = file.span(callee.kind === K.PropertyAccessExpression ? (callee as TS.PropertyAccessExpression).name : callee);
    const nw: CdkNew = { q, node: n, id: idArg?.value, anchor, props: obj ? new Props(file, obj) : undefined, propsUnknown: !!propsArg && !obj };
    const b = bindingOf(ts, n);
    if (b) {
      nw.bound = b;
      bound.set(b, nw);
    }
    model.news.push(nw);
  }
  for (const n of file.calls) {
    const q = file.resolve(n.expression);
    if (q && q.includes('.')) {
      model.statics.push({ q, node: n });
      imageRef(model, file, q, n);
    } else if (n.expression.kind === K.PropertyAccessExpression && (n.expression as TS.PropertyAccessExpression).name.kind === K.Identifier) rawCalls.push(n);
  }
  const hatches = file.hatches;
  if (file.deep) model.notes!.push({ span: { start: 0, end: Math.min(text.length, lines.lineEnd(0)) }, message: 'Partly not analysed: the file nests expressions too deeply.' });

  // an escape hatch reaches the construct's CloudFormation resource, whose
  // properties any code may then change: what the construct's props say is
  // no longer what deploys, so all of it is unknown (never reported)
  for (const h of hatches) {
    let r = unwrap(ts, h);
    let target = bound.get(keyOf(ts, r) ?? '');
    // `service.taskDefinition.node.defaultChild`: a resource the construct made
    if (!target && r.kind === K.PropertyAccessExpression) {
      r = unwrap(ts, (r as TS.PropertyAccessExpression).expression);
      target = bound.get(keyOf(ts, r) ?? '');
    }
    if (!target && r.kind === K.NewExpression) target = constructMadeBy(model, r);
    if (target) {
      target.overridden = true;
      target.props = undefined;
      target.propsUnknown = true;
    }
  }

  for (const c of rawCalls) {
    const pa = c.expression as TS.PropertyAccessExpression;
    const call: CdkCall = { method: pa.name.text, node: c, receiver: pa.expression };
    const r = unwrap(ts, pa.expression);
    const key = keyOf(ts, r);
    if (key && bound.has(key)) call.target = bound.get(key);
    else if (r.kind === K.PropertyAccessExpression && (r as TS.PropertyAccessExpression).name.kind === K.Identifier) {
      const ra = r as TS.PropertyAccessExpression;
      const k2 = keyOf(ts, unwrap(ts, ra.expression));
      if (k2 && bound.has(k2)) {
        call.target = bound.get(k2);
        call.via = ra.name.text;
      }
    } else if (r.kind === K.NewExpression) call.target = constructMadeBy(model, r);
    model.calls.push(call);
  }
  buildContainers(model, file, editor, bound);
  model.repositories = buildRepositories(model);
  model.appRunnerServices = buildAppRunnerServices(model);
  model.views = { eksClusters: buildEksClusters(model), ecsClusters: buildEcsClusters(model), services: buildServices(model), tasks: buildTasks(model), roles: buildRoles(model) };
  addExpressServices(model);
  return model;
}

/** The construct a `new` expression made (undefined when it is not an aws-cdk-lib one). */
function constructMadeBy(model: CdkModel, r: TS.Node): CdkNew | undefined {
  for (const x of model.news) if (x.node === r) return x;
  return undefined;
}

function imageRef(model: CdkModel, file: CdkFile, q: string, n: TS.CallExpression): void {
  const m = /^(?:ecs|batch)\.(?:ContainerImage|EcrImage|RepositoryImage|AssetImage)\.(fromRegistry|fromEcrRepository|fromAsset|fromDockerImageAsset|fromTarball)$/.exec(q);
  if (!m) return;
  const call = file.span(n);
  if (m[1] === 'fromRegistry') {
    const s = file.string(n.arguments[0]);
    model.imageRefs.push({ kind: 'registry', image: s?.value, span: s?.span ?? call, call });
  } else if (m[1] === 'fromEcrRepository') {
    const t = file.string(n.arguments[1]);
    model.imageRefs.push({ kind: 'ecr', tag: n.arguments.length < 2 ? 'latest' : t?.value, span: t?.span ?? call, call });
  } else model.imageRefs.push({ kind: 'asset', span: call, call });
}
