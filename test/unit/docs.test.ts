import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderRuleDocs } from '../../src/cli/docs';
import { allRules } from '../../src/rules/index';

const DOCS = path.resolve(__dirname, '../../../docs/rules');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

describe('rule docs pages', () => {
  it('docs/rules matches the rules\' metadata (run `npm run docs` after changing a rule)', () => {
    const { index, pages } = renderRuleDocs(allRules(), FIXTURES);
    const stale: string[] = [];
    const onDisk = fs.existsSync(DOCS) ? fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')) : [];
    if (!fs.existsSync(path.join(DOCS, 'README.md')) || fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8') !== index) stale.push('README.md');
    for (const [name, text] of pages) {
      const p = path.join(DOCS, name);
      if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) stale.push(name);
    }
    for (const f of onDisk) if (f !== 'README.md' && !pages.has(f)) stale.push(`${f} (no such rule)`);
    assert.deepStrictEqual(stale, [], 'stale docs pages');
  });

  it('every rule page shows a reported example and a clean one, from the rule\'s fixtures', () => {
    const { pages } = renderRuleDocs(allRules(), FIXTURES);
    const missing: string[] = [];
    for (const r of allRules()) {
      if (r.meta.target === 'general') continue;
      const page = pages.get(r.meta.id.replace('/', '-') + '.md') ?? '';
      if (!/## Example\n\nReported/.test(page) || !/(After the fix:|Not reported)/.test(page)) missing.push(r.meta.id);
    }
    assert.deepStrictEqual(missing, []);
  });
});
