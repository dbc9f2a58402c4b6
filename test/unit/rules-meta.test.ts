import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allRules } from '../../src/rules/index';

const RULES_DIR = path.resolve(__dirname, '../../../src/rules');

describe('rule metadata', () => {
  const rules = allRules();
  it('ids are unique and shaped <target>/<slug>', () => {
    const seen = new Set<string>();
    for (const r of rules) {
      assert.match(r.meta.id, /^(k8s|ecs|dockerfile|cdk|apprunner|ecr|eks|iam|tf|bulkhead)\/[a-z0-9]+(-[a-z0-9]+)*$/, r.meta.id);
      assert.ok(!seen.has(r.meta.id), `duplicate id ${r.meta.id}`);
      seen.add(r.meta.id);
      const prefix = r.meta.id.split('/')[0];
      assert.strictEqual(prefix === 'bulkhead' ? 'general' : prefix, r.meta.target, `${r.meta.id}: target ${r.meta.target}`);
    }
  });
  for (const r of rules) {
    it(`${r.meta.id}: title, description, remediation and equivalents are well formed`, () => {
      assert.ok(r.meta.title.length > 5 && !r.meta.title.endsWith('.'), 'title: a short phrase without a final period');
      assert.ok(r.meta.description.length > 40, 'description says why it matters');
      assert.match(r.meta.remediation, /\.$/, 'remediation ends with a period');
      for (const e of r.meta.equivalents) assert.match(e, /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, `equivalent "${e}"`);
      assert.ok(['error', 'warning', 'info'].includes(r.meta.severity));
      if (r.meta.fix) assert.ok(['safe', 'unsafe', 'manual'].includes(r.meta.fix));
    });
  }
});

describe('rule registry', () => {
  for (const folder of fs.readdirSync(RULES_DIR)) {
    const dir = path.join(RULES_DIR, folder);
    if (!fs.statSync(dir).isDirectory() || folder === 'general') continue;
    it(`src/rules/${folder}/index.ts lists every rule file of the folder`, () => {
      const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
      const missing = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
        .map((f) => f.replace(/\.ts$/, ''))
        .filter((f) => !index.includes(`from './${f}'`));
      assert.deepStrictEqual(missing, [], 'rule files not registered');
    });
  }
});
