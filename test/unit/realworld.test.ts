/**
 * The real-world corpus (test/realworld, see its README): public files from
 * AWS samples and popular projects, each error and warning finding of the
 * default profile reviewed in verdicts.tsv as true or false. A new finding
 * nobody reviewed fails, and so does a reviewed one that went away (a true
 * finding lost, or a false one fixed: then its line goes).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/rules/engine';
import { isContextFileName, ManifestContextIndex } from '../../src/formats/kustomize/context';

const CORPUS = path.resolve(__dirname, '../../../test/realworld');

const tsv = (file: string) =>
  fs
    .readFileSync(path.join(CORPUS, file), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));

describe('real-world corpus: every error and warning finding reviewed', function () {
  this.timeout(120_000);
  const files = tsv('MANIFEST.tsv').map(([slug, , , p]) => `${slug}/${p}`);
  const verdicts = new Map(tsv('verdicts.tsv').map(([file, line, rule, verdict, note]) => [`${file}:${line} ${rule}`, { verdict, note }]));

  it(`${files.length} files from ${new Set(files.map((f) => f.split('/')[0])).size} repositories, each with its licence`, () => {
    for (const slug of new Set(files.map((f) => f.split('/')[0]))) assert.ok(fs.existsSync(path.join(CORPUS, slug, 'LICENSE')), `${slug}/LICENSE`);
    for (const f of files) assert.ok(fs.existsSync(path.join(CORPUS, f)), f);
  });

  it('no unreviewed finding, and every reviewed finding still there', () => {
    const seen = new Set<string>();
    const unreviewed: string[] = [];
    // manifests are analysed as their kustomizations and skaffold configs deploy them, as `bulkhead scan` does
    const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
    const contexts = new ManifestContextIndex(new Map(files.filter((f) => isContextFileName(path.basename(f))).map((f) => [path.join(CORPUS, f), read(path.join(CORPUS, f))!])), read);
    for (const f of files) {
      const abs = path.join(CORPUS, f);
      for (const x of analyzeText(fs.readFileSync(abs, 'utf8'), { path: abs, profile: 'recommended', context: (p) => contexts.contextFor(p) }).findings) {
        if (x.suppressed || x.severity === 'info') continue;
        const key = `${f}:${x.range.start.line + 1} ${x.ruleId}`;
        seen.add(key);
        if (!verdicts.has(key)) unreviewed.push(`${key}  ${x.message}`);
      }
    }
    const gone = [...verdicts.keys()].filter((k) => !seen.has(k)).map((k) => `${k} (reviewed ${verdicts.get(k)!.verdict})`);
    assert.deepStrictEqual(unreviewed, [], 'review these and add them to test/realworld/verdicts.tsv');
    assert.deepStrictEqual(gone, [], 'these reviewed findings are no longer reported: a true one is a regression; drop the line of a fixed false one');
  });
});
