import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  analysed,
  api,
  bulkhead,
  codeActions,
  codeOf,
  describeDiagnostics,
  diagnosticsOf,
  fileReported,
  fmt,
  noDiagnosticsOf,
  open,
  ruleIds,
  say,
  titles,
  waitFor,
  wsUri,
} from './helpers';

/** Line/character range of the first `needle` on the line containing `lineMarker`. */
function rangeOf(doc: vscode.TextDocument, lineMarker: string, needle: string): vscode.Range {
  for (let l = 0; l < doc.lineCount; l++) {
    const t = doc.lineAt(l).text;
    if (t.includes(lineMarker)) {
      const c = t.indexOf(needle, t.indexOf(lineMarker));
      assert.ok(c >= 0, `"${needle}" not on line ${l}: ${t}`);
      return new vscode.Range(l, c, l, c + needle.length);
    }
  }
  throw new Error(`no line containing "${lineMarker}" in ${doc.uri.path}`);
}

function assertAt(ds: vscode.Diagnostic[], expected: vscode.Range, ruleId: string): vscode.Diagnostic {
  const d = ds.find((x) => codeOf(x) === ruleId && x.range.isEqual(expected));
  assert.ok(d, `expected ${ruleId} at ${fmt(expected)}, got: ${describeDiagnostics(ds)}`);
  return d!;
}

/** Skips (visibly) when a rule the test needs is not registered yet. */
async function needRule(ctx: Mocha.Context, id: string): Promise<void> {
  if (!(await ruleIds()).has(id)) {
    say(`      (skipped: rule ${id} is not in allRules() yet)`);
    ctx.skip();
  }
}

describe('Bulkhead in a real VS Code extension host', () => {
  before(async function () {
    this.timeout(60000);
    const a = await api();
    assert.ok(a.diagnostics, 'activate() returns the test API');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('diagnostics for each target', () => {
    it('Kubernetes: k8s/privileged-container on the `true` token, as an error linking to the bundled docs', async () => {
      const { doc } = await open('k8s/pod.yaml');
      const [d] = await diagnosticsOf(doc.uri, 'k8s/privileged-container');
      const ds = bulkhead(doc.uri);
      assertAt(ds, rangeOf(doc, 'privileged:', 'true'), 'k8s/privileged-container');
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(d.source, 'bulkhead');
      const target = typeof d.code === 'object' ? d.code.target : undefined;
      assert.ok(target, 'diagnostic code has a target');
      assert.ok(target!.path.endsWith('/docs/rules/k8s-privileged-container.md'), `docs target ${target!.toString()}`);
      const ext = vscode.extensions.getExtension('bulkhead.bulkhead')!;
      assert.ok(target!.path.startsWith(ext.extensionUri.path), 'docs link points inside the extension (works offline)');
    });

    it('ECS task definition JSON: ecs/privileged-container on the value', async function () {
      await needRule(this, 'ecs/privileged-container');
      const { doc } = await open('ecs/taskdef.json');
      const ds = await diagnosticsOf(doc.uri, 'ecs/privileged-container');
      assertAt(ds, rangeOf(doc, '"privileged"', 'true'), 'ecs/privileged-container');
    });

    it('ECS task definition JSON: ecs/no-task-role, whose manual fix selects the placeholder', async function () {
      await needRule(this, 'ecs/no-task-role');
      const { doc } = await open('ecs/taskdef.json');
      const [d] = await diagnosticsOf(doc.uri, 'ecs/no-task-role');
      const actions = await codeActions(doc.uri, d.range);
      const fix = actions.find((a) => /taskRoleArn/.test(a.title) && a.edit);
      assert.ok(fix, `a fix for ecs/no-task-role among: ${titles(actions)}`);
      assert.ok(fix!.command, 'a manual fix carries the command that selects its placeholder');
      assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
      await vscode.commands.executeCommand(fix!.command!.command, ...(fix!.command!.arguments ?? []));
      const ed = vscode.window.activeTextEditor!;
      const selected = ed.document.getText(ed.selection);
      assert.ok(selected.length > 0, 'the placeholder is selected');
      assert.ok(ed.document.getText().includes('taskRoleArn'), 'taskRoleArn inserted');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('Dockerfile: dockerfile/root-user', async function () {
      await needRule(this, 'dockerfile/root-user');
      const { doc } = await open('docker/Dockerfile');
      const [d] = await diagnosticsOf(doc.uri, 'dockerfile/root-user');
      assert.ok(d.range.start.line >= 0 && !d.range.isEmpty, `a non-empty range: ${fmt(d.range)}`);
      const actions = await codeActions(doc.uri, d.range);
      const fix = actions.find((a) => a.edit && /USER|user/.test(a.title) && !/^Ignore/.test(a.title));
      assert.ok(fix, `a fix adding a non-root USER among: ${titles(actions)}`);
      assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
      assert.match(doc.getText(), /^USER\s+\S+/m);
      await noDiagnosticsOf(doc.uri, 'dockerfile/root-user');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('Terraform: tf/privileged-container on the `true` token inside jsonencode(…)', async () => {
      const { doc } = await open('terraform/main.tf');
      const ds = await diagnosticsOf(doc.uri, 'tf/privileged-container');
      assertAt(ds, rangeOf(doc, 'privileged =', 'true'), 'tf/privileged-container');
    });

    it('Terraform: a variable default in another file of the folder decides; the finding is on the reference', async () => {
      const { doc } = await open('terraform-module/main.tf');
      const ds = await diagnosticsOf(doc.uri, 'tf/run-as-root');
      assertAt(ds, rangeOf(doc, 'user', 'var.run_as'), 'tf/run-as-root');
    });

    it('Terraform: container definitions a task definition reads with file() are checked in that JSON file; editing the .tf re-analyses it', async () => {
      const { doc } = await open('terraform-files/defs/app.json');
      const ds = await diagnosticsOf(doc.uri, 'tf/privileged-container');
      assertAt(ds, rangeOf(doc, '"privileged":', 'true'), 'tf/privileged-container');
      const tf = wsUri('terraform-files/main.tf');
      const before = await vscode.workspace.fs.readFile(tf);
      await vscode.workspace.fs.writeFile(tf, Buffer.from(Buffer.from(before).toString('utf8').replace(/container_definitions.*\n/, 'container_definitions = jsonencode([])\n')));
      try {
        await noDiagnosticsOf(doc.uri, 'tf/privileged-container');
      } finally {
        await vscode.workspace.fs.writeFile(tf, before);
      }
      await diagnosticsOf(doc.uri, 'tf/privileged-container');
    });

    it('Terraform plan: the finding in the plan points at the .tf block beside it that configures the resource', async () => {
      const { doc } = await open('terraform-plan/tfplan.json');
      const [d] = await diagnosticsOf(doc.uri, 'tf/privileged-container');
      const rel = d.relatedInformation ?? [];
      assert.strictEqual(rel.length, 1, `one related location: ${JSON.stringify(rel)}`);
      assert.ok(rel[0].location.uri.path.endsWith('/terraform-plan/main.tf'), rel[0].location.uri.toString());
      assert.strictEqual(rel[0].location.range.start.line, 1);
      assert.strictEqual(rel[0].message, 'aws_ecs_task_definition.agent is configured here');
    });

    it('CDK TypeScript: cdk/privileged-container on the `true` token', async function () {
      await needRule(this, 'cdk/privileged-container');
      const { doc } = await open('cdk/app.ts');
      const ds = await diagnosticsOf(doc.uri, 'cdk/privileged-container');
      assertAt(ds, rangeOf(doc, 'privileged:', 'true'), 'cdk/privileged-container');
    });
  });

  describe('code actions', () => {
    it('a quick fix applied through workspace.applyEdit fixes the text, keeps comments, and the finding goes away', async () => {
      const { doc } = await open('k8s/pod.yaml');
      const [d] = await diagnosticsOf(doc.uri, 'k8s/privileged-container');
      const actions = await codeActions(doc.uri, d.range);
      const fix = actions.find((a) => a.title === 'Set privileged to false');
      assert.ok(fix, `"Set privileged to false" among: ${titles(actions)}`);
      assert.strictEqual(fix!.kind?.value, 'quickfix');
      assert.strictEqual(fix!.isPreferred, true, 'a safe fix is preferred');
      assert.ok(actions.some((a) => a.title === 'Show documentation for k8s/privileged-container'), `docs action among: ${titles(actions)}`);
      const before = doc.getText();
      assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
      assert.strictEqual(doc.getText(), before.replace('privileged: true', 'privileged: false'));
      assert.ok(doc.getText().includes('- name: app   # the main container'), 'comments kept');
      await noDiagnosticsOf(doc.uri, 'k8s/privileged-container');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await diagnosticsOf(doc.uri, 'k8s/privileged-container');
    });

    it('"Ignore … here" inserts the comment above with the line\'s indentation, selects the reason, and the finding disappears', async () => {
      const { doc } = await open('k8s/ignore-me.yaml');
      const [d] = await diagnosticsOf(doc.uri, 'k8s/privileged-container');
      const line = d.range.start.line;
      const actions = await codeActions(doc.uri, d.range);
      const ignore = actions.find((a) => a.title === 'Ignore k8s/privileged-container here');
      assert.ok(ignore, `"Ignore k8s/privileged-container here" among: ${titles(actions)}`);
      assert.ok(await vscode.workspace.applyEdit(ignore!.edit!));
      assert.strictEqual(doc.lineAt(line).text, '        # bulkhead-ignore k8s/privileged-container: reason');
      assert.strictEqual(doc.lineAt(line + 1).text, '        privileged: true');
      await vscode.commands.executeCommand(ignore!.command!.command, ...(ignore!.command!.arguments ?? []));
      const ed = vscode.window.activeTextEditor!;
      assert.strictEqual(ed.document.getText(ed.selection), 'reason');
      await noDiagnosticsOf(doc.uri, 'k8s/privileged-container');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('"Fix all" (source.fixAll.bulkhead) applies every safe fix and keeps comments', async () => {
      const { doc } = await open('k8s/fix-all.yaml');
      await diagnosticsOf(doc.uri, 'k8s/privileged-container', 2);
      const full = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await codeActions(doc.uri, full, 'source.fixAll');
      const all = actions.find((a) => a.kind?.value === 'source.fixAll.bulkhead');
      assert.ok(all, `a source.fixAll.bulkhead action among: ${titles(actions)}`);
      assert.ok(await vscode.workspace.applyEdit(all!.edit!));
      const text = doc.getText();
      assert.ok(!/privileged: true/.test(text), text);
      assert.ok(text.includes('privileged: false   # keep this comment'), text);
      await noDiagnosticsOf(doc.uri, 'k8s/privileged-container');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('JSON: "Ignore … in this file (.bulkhead.yaml)" records an override and the finding disappears', async function () {
      await needRule(this, 'ecs/privileged-container');
      const { doc } = await open('ecs/taskdef.json');
      const [d] = await diagnosticsOf(doc.uri, 'ecs/privileged-container');
      const actions = await codeActions(doc.uri, d.range);
      assert.ok(!actions.some((a) => / here$/.test(a.title)), `no comment-based ignore in JSON: ${titles(actions)}`);
      const ignore = actions.find((a) => a.title === 'Ignore ecs/privileged-container in this file (.bulkhead.yaml)');
      assert.ok(ignore?.command, `the .bulkhead.yaml ignore among: ${titles(actions)}`);
      const reported = fileReported(wsUri('.bulkhead.yaml'));
      await vscode.commands.executeCommand(ignore!.command!.command, ...(ignore!.command!.arguments ?? []));
      await noDiagnosticsOf(doc.uri, 'ecs/privileged-container');
      // the command re-reads the configuration itself; the watcher's report of the new file may come later
      await reported;
      const cfg = fs.readFileSync(wsUri('.bulkhead.yaml').fsPath, 'utf8');
      assert.match(cfg, /overrides:/);
      assert.match(cfg, /\/ecs\/taskdef\.json/);
      assert.match(cfg, /ecs\/privileged-container: off/);
      // through VS Code's file service (an outside deletion waits on the OS file watcher)
      await vscode.workspace.fs.delete(wsUri('.bulkhead.yaml'));
      await diagnosticsOf(doc.uri, 'ecs/privileged-container');
    });
  });

  describe('live updates and configuration', () => {
    it('editing a document updates its diagnostics; an unchanged version is not re-analysed', async () => {
      const { doc, editor } = await open('k8s/edit-me.yaml');
      await analysed(doc);
      assert.ok(!bulkhead(doc.uri).some((d) => codeOf(d) === 'k8s/privileged-container'), 'starts without the finding');
      const r = rangeOf(doc, 'privileged:', 'false');
      await editor.edit((b) => b.replace(r, 'true'));
      const [d] = await diagnosticsOf(doc.uri, 'k8s/privileged-container');
      assert.ok(d.range.isEqual(new vscode.Range(r.start, r.start.translate(0, 4))), fmt(d.range));
      const a = await api();
      const n = a.diagnostics.analyses;
      await a.diagnostics.update(doc);
      await a.diagnostics.update(doc);
      assert.strictEqual(a.diagnostics.analyses, n, 'cache hit for an unchanged version');
      await editor.edit((b) => b.replace(new vscode.Range(r.start, r.start.translate(0, 4)), 'false'));
      await noDiagnosticsOf(doc.uri, 'k8s/privileged-container');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('a document over the typing budget gets a note, is not re-analysed while typed in, and is on save', async () => {
      const a = await api();
      const budget = a.diagnostics.typingBudgetMs;
      a.diagnostics.typingBudgetMs = -1; // every analysis is over it
      try {
        const { doc, editor } = await open('slow/pod.yaml');
        await diagnosticsOf(doc.uri, 'bulkhead/slow-file');
        await diagnosticsOf(doc.uri, 'k8s/privileged-container');
        // this document's analyses under the same configuration: a configuration change (an
        // earlier test's .bulkhead.yaml, which the watcher may report late) re-analyses every
        // open document, and that is not typing
        const generation = a.diagnostics.state(doc.uri)!.generation;
        let typed = 0;
        const sub = a.diagnostics.onDidAnalyse((st) => {
          if (st.uri.toString() === doc.uri.toString() && st.generation === generation) typed++;
        });
        try {
          await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
          // typing does not schedule an analysis: give the debounce time to pass, then count
          await new Promise((r) => setTimeout(r, 600));
          assert.strictEqual(typed, 0, 'no analysis while typing');
          await doc.save();
          await waitFor('the analysis on save', () => a.diagnostics.state(doc.uri)?.version === doc.version, { uri: doc.uri });
        } finally {
          sub.dispose();
        }
      } finally {
        a.diagnostics.typingBudgetMs = budget;
      }
    });

    it('turning a rule off in settings (bulkhead.rules) removes its findings; back on restores them', async () => {
      const { doc } = await open('toggle/pod.yaml');
      await diagnosticsOf(doc.uri, 'k8s/privileged-container');
      const c = vscode.workspace.getConfiguration('bulkhead');
      await c.update('rules', { 'k8s/privileged-container': 'off' }, vscode.ConfigurationTarget.Workspace);
      try {
        await noDiagnosticsOf(doc.uri, 'k8s/privileged-container');
        await c.update('rules', { 'k8s/privileged-container': 'info' }, vscode.ConfigurationTarget.Workspace);
        await waitFor('the finding back as information', () => bulkhead(doc.uri).some((d) => codeOf(d) === 'k8s/privileged-container' && d.severity === vscode.DiagnosticSeverity.Information), { uri: doc.uri });
      } finally {
        await c.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitFor('the finding back as an error', () => bulkhead(doc.uri).some((d) => codeOf(d) === 'k8s/privileged-container' && d.severity === vscode.DiagnosticSeverity.Error), { uri: doc.uri });
    });

    it('turning a rule off in .bulkhead.yaml removes its findings; its problems show on that file', async () => {
      const { doc } = await open('toggle/pod.yaml');
      await diagnosticsOf(doc.uri, 'k8s/privileged-container');
      const cfg = wsUri('toggle/.bulkhead.yaml');
      await vscode.workspace.fs.writeFile(cfg, Buffer.from('rules:\n  k8s/privileged-container: off\nrulez: {}\n'));
      try {
        await noDiagnosticsOf(doc.uri, 'k8s/privileged-container');
        const [p] = await waitFor('a problem reported on .bulkhead.yaml', () => {
          const ds = bulkhead(cfg);
          return ds.length > 0 && ds;
        }, { uri: cfg });
        assert.match(p.message, /unknown key "rulez"/);
        assert.strictEqual(p.range.start.line, 2, `on the rulez line: ${fmt(p.range)}`);
      } finally {
        await vscode.workspace.fs.delete(cfg);
      }
      await diagnosticsOf(doc.uri, 'k8s/privileged-container');
    });
  });

  describe('kustomize context', () => {
    it('a base is analysed as its overlay deploys it; editing the overlay re-analyses the base', async () => {
      const { doc } = await open('kustomize/base/deploy.yaml');
      // the privileged finding shows the file was analysed; the overlay's images: entry sets the tag
      await diagnosticsOf(doc.uri, 'k8s/privileged-container');
      assert.ok(!bulkhead(doc.uri).some((d) => codeOf(d) === 'k8s/image-tag-latest'), describeDiagnostics(bulkhead(doc.uri)));
      const overlay = wsUri('kustomize/overlays/prod/kustomization.yaml');
      const before = await vscode.workspace.fs.readFile(overlay);
      await vscode.workspace.fs.writeFile(overlay, Buffer.from('resources:\n  - ../../base\nimages:\n  - name: web\n    newTag: latest\n'));
      try {
        const [d] = await diagnosticsOf(doc.uri, 'k8s/image-tag-latest');
        assert.match(d.message, /web:latest/);
        assertAt([d], rangeOf(doc, 'image:', 'web'), 'k8s/image-tag-latest');
      } finally {
        await vscode.workspace.fs.writeFile(overlay, before);
      }
      await noDiagnosticsOf(doc.uri, 'k8s/image-tag-latest');
    });
  });

  describe('NetworkPolicies across files', () => {
    it('a workload no policy of its namespace selects is reported; a policy edited in another file re-analyses it', async () => {
      const { doc } = await open('netpol/api.yaml');
      const [d] = await diagnosticsOf(doc.uri, 'k8s/pod-not-isolated');
      assert.match(d.message, /web/);
      const policy = wsUri('netpol/web-policy.yaml');
      const before = await vscode.workspace.fs.readFile(policy);
      await vscode.workspace.fs.writeFile(policy, Buffer.from(Buffer.from(before).toString('utf8').replace('matchLabels: { app: web }', 'matchLabels: { app: api }')));
      try {
        await noDiagnosticsOf(doc.uri, 'k8s/pod-not-isolated');
      } finally {
        await vscode.workspace.fs.writeFile(policy, before);
      }
      await diagnosticsOf(doc.uri, 'k8s/pod-not-isolated');
    });
  });

  describe('bad input never throws', () => {
    const generated = 'generated';
    before(() => {
      const dir = wsUri(generated).fsPath;
      fs.mkdirSync(dir, { recursive: true });
      // a 10 MB multi-document manifest
      const one = fs.readFileSync(wsUri('k8s/pod.yaml').fsPath, 'utf8');
      const parts: string[] = [];
      let size = 0;
      while (size < 10 * 1024 * 1024) {
        parts.push(one);
        size += one.length + 4;
      }
      fs.writeFileSync(path.join(dir, 'huge.yaml'), parts.join('---\n'));
      // binary bytes behind a manifest-looking name
      const bin = Buffer.alloc(4096);
      for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
      Buffer.from('apiVersion: v1\nkind: Pod\n').copy(bin, 0);
      fs.writeFileSync(path.join(dir, 'blob.yaml'), bin);
    });

    for (const rel of ['generated/huge.yaml', 'generated/blob.yaml', 'broken/broken.yaml', 'broken/taskdef-broken.json', 'broken/broken.ts']) {
      it(`${rel}: at most one information diagnostic`, async function () {
        this.timeout(120000);
        const doc = await openOrBinary(rel);
        if (!doc) return;
        await analysed(doc, 60000);
        const ds = bulkhead(doc.uri);
        assert.ok(ds.length <= 1, `at most one diagnostic, got: ${describeDiagnostics(ds)}`);
        for (const d of ds) assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information, describeDiagnostics(ds));
      });
    }

    it('helm/templates/deployment.yaml: analysed without error, at most one "partly analysed" note', async function () {
      this.timeout(60000);
      const doc = (await openOrBinary('helm/templates/deployment.yaml'))!;
      await analysed(doc, 60000);
      const ds = bulkhead(doc.uri);
      const notes = ds.filter((d) => codeOf(d) === 'bulkhead/not-analysed');
      assert.ok(notes.length <= 1, `at most one note, got: ${describeDiagnostics(ds)}`);
      for (const d of notes) assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
      assert.ok(!ds.some((d) => codeOf(d) === 'k8s/privileged-container'), describeDiagnostics(ds));
    });

    async function openOrBinary(rel: string): Promise<vscode.TextDocument | undefined> {
      try {
        return await vscode.workspace.openTextDocument(wsUri(rel));
      } catch (e) {
        // VS Code itself may refuse to open a binary file as text: nothing to analyse then
        assert.match(String((e as Error).message), /binary/i, `openTextDocument failed: ${(e as Error).message}`);
        return undefined;
      }
    }
  });

  describe('Scan Workspace', () => {
    it('publishes diagnostics for files never opened and reports a summary', async function () {
      this.timeout(120000);
      const never = wsUri('scan-only/never-opened.yaml');
      assert.deepStrictEqual(bulkhead(never), [], 'nothing before the scan');
      const summary = await (await api()).scanWorkspace();
      assert.ok(!summary.cancelled);
      assert.ok(summary.analysed >= 5, `analysed ${summary.analysed} of ${summary.files} files`);
      assert.ok(summary.errors >= 1, JSON.stringify(summary));
      const ds = bulkhead(never);
      assert.ok(ds.some((d) => codeOf(d) === 'k8s/privileged-container'), describeDiagnostics(ds));
      // and through the command itself (the notification is dismissed by closing the page)
      await vscode.commands.executeCommand('bulkhead.scanWorkspace');
    });
  });
});
