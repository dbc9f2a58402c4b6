import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allRules, getRule } from '../../src/rules/index';

// Every id Bulkhead has shipped stays valid: as a rule's id, or as an alias of
// the rule it merged into (suppression comments and .bulkhead.yaml files name them).
const SHIPPED = fs
  .readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'unit', 'rule-ids.txt'), 'utf8')
  .split('\n')
  .filter(Boolean);

describe('rule ids', () => {
  it('every shipped id still names a rule (its own id or an alias)', () => {
    const missing = SHIPPED.filter((id) => !getRule(id));
    assert.deepStrictEqual(missing, []);
  });

  it('ids and aliases are unique across rules', () => {
    const seen = new Map<string, string>();
    const dup: string[] = [];
    for (const r of allRules()) {
      for (const id of [r.meta.id, ...(r.meta.aliases ?? [])]) {
        if (seen.has(id)) dup.push(`${id} (${seen.get(id)} and ${r.meta.id})`);
        seen.set(id, r.meta.id);
      }
    }
    assert.deepStrictEqual(dup, []);
  });

  it('an alias resolves to the rule that took it over, of the same target', () => {
    for (const r of allRules()) {
      for (const a of r.meta.aliases ?? []) {
        assert.strictEqual(getRule(a)?.meta.id, r.meta.id);
        assert.strictEqual(a.split('/')[0], r.meta.target, `${a} is an alias of ${r.meta.id}`);
      }
    }
  });
});
