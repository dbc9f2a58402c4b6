/**
 * Checks syntaxes/bulkhead-ignore.tmLanguage.json against VS Code's own
 * grammars (YAML, Dockerfile, TypeScript) with VS Code's own TextMate engine,
 * both taken from the installed server build. Part of `npm run test:integration`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './workspace';

const VS = path.join(ROOT, '.vscode-test', 'server', 'node_modules', 'code-server', 'lib', 'vscode');
const EXT = path.join(VS, 'extensions');
const INJECTION = 'bulkhead.ignore.injection';
const GRAMMARS: Record<string, string> = {
  'source.yaml': path.join(EXT, 'yaml/syntaxes/yaml.tmLanguage.json'),
  'source.dockerfile': path.join(EXT, 'docker/syntaxes/docker.tmLanguage.json'),
  'source.ts': path.join(EXT, 'typescript-basics/syntaxes/TypeScript.tmLanguage.json'),
  [INJECTION]: path.join(ROOT, 'syntaxes/bulkhead-ignore.tmLanguage.json'),
};
for (const v of ['1.0', '1.1', '1.2', '1.3', 'embedded']) GRAMMARS[`source.yaml.${v}`] = path.join(EXT, `yaml/syntaxes/yaml-${v}.tmLanguage.json`);

const KEYWORD = 'keyword.other.bulkhead-ignore.bulkhead';
const RULE = 'entity.name.tag.rule-id.bulkhead';
const REASON = 'comment.line.reason.bulkhead';

const CASES: { scope: string; line: string; expect: [string, string][] }[] = [
  {
    scope: 'source.yaml',
    line: '    # bulkhead-ignore k8s/privileged-container,k8s/run-as-root: debugging only',
    expect: [['bulkhead-ignore', KEYWORD], ['k8s/privileged-container', RULE], ['k8s/run-as-root', RULE], ['debugging only', REASON]],
  },
  { scope: 'source.yaml', line: 'privileged: true  # bulkhead-ignore-file k8s/*', expect: [['bulkhead-ignore-file', KEYWORD], ['k8s/*', RULE]] },
  {
    scope: 'source.dockerfile',
    line: '# bulkhead-ignore dockerfile/root-user: base image sets USER',
    expect: [['bulkhead-ignore', KEYWORD], ['dockerfile/root-user', RULE], ['base image sets USER', REASON]],
  },
  {
    scope: 'source.ts',
    line: '  // bulkhead-ignore cdk/privileged-container: needs /dev/fuse',
    expect: [['bulkhead-ignore', KEYWORD], ['cdk/privileged-container', RULE], ['needs /dev/fuse', REASON]],
  },
  // not a marker: nothing highlighted
  { scope: 'source.yaml', line: 'name: bulkhead-ignore # a comment', expect: [] },
];

async function main(): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tm = require(path.join(VS, 'node_modules', 'vscode-textmate'));
  const onig = require(path.join(VS, 'node_modules', 'vscode-oniguruma'));
  await onig.loadWASM(fs.readFileSync(path.join(VS, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (s: string) => (GRAMMARS[s] ? tm.parseRawGrammar(fs.readFileSync(GRAMMARS[s], 'utf8'), GRAMMARS[s]) : null),
    getInjections: (s: string) => (['source.yaml', 'source.dockerfile', 'source.ts'].includes(s) ? [INJECTION] : []),
  });
  let failures = 0;
  for (const c of CASES) {
    const g = await registry.loadGrammar(c.scope);
    const { tokens } = g.tokenizeLine(c.line, tm.INITIAL) as { tokens: { startIndex: number; endIndex: number; scopes: string[] }[] };
    const got = tokens.map((t) => [c.line.slice(t.startIndex, t.endIndex), t.scopes.filter((s) => s.endsWith('.bulkhead'))] as const).filter(([, s]) => s.length);
    try {
      for (const [text, scope] of c.expect) {
        assert.ok(
          got.some(([t, s]) => t === text && s.includes(scope)),
          `${c.scope}: expected ${JSON.stringify(text)} as ${scope} in ${JSON.stringify(c.line)}; got ${JSON.stringify(got)}`,
        );
      }
      if (c.expect.length === 0) assert.deepStrictEqual(got, [], `${c.scope}: nothing highlighted in ${JSON.stringify(c.line)}`);
      console.log(`grammar ✔ ${c.scope}: ${c.line.trim()}`);
    } catch (e) {
      failures++;
      console.error(`grammar ✘ ${(e as Error).message}`);
    }
  }
  if (failures) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`grammar: ${(e as Error).stack ?? e}`);
  process.exitCode = 2;
});
