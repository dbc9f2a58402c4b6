import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { tmpdir } from './cli-helpers';
import { CacheEntry, cacheEntries, readCacheIndex, writeCacheEntries } from '../../src/cli/cache';

describe('cache file', () => {
  const entry = (i: number): CacheEntry => ({
    relPath: `dir/f${i}é.yaml`,
    hash: 'h'.repeat(8) + i,
    kind: 'k8s',
    render: 'r',
    counts: { error: i, warning: 1, info: 0, suppressed: 2, worst: 2 },
    findings: JSON.stringify([{ ruleId: 'x', message: `m\n${i} 😀` }]),
    body: `line one\nline "two" ${i}\n`,
  });

  it('reads back what it wrote', () => {
    const file = path.join(tmpdir(), 'cache');
    const written = [0, 1, 2].map(entry);
    writeCacheEntries(file, 'key1', written);
    assert.deepStrictEqual(cacheEntries(file), { key: 'key1', entries: written });
  });

  it('a cut or damaged file is named as such, never read half', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'cache');
    writeCacheEntries(file, 'k', [0, 1, 2, 3].map(entry));
    const whole = fs.readFileSync(file);
    const read = (b: Buffer) => {
      const f = path.join(dir, 'damaged');
      fs.writeFileSync(f, b);
      const fd = fs.openSync(f, 'r');
      try {
        return readCacheIndex(fd);
      } finally {
        fs.closeSync(fd);
      }
    };
    fc.assert(
      fc.property(fc.nat(whole.length), fc.option(fc.tuple(fc.nat(whole.length - 1), fc.integer({ min: 0, max: 255 }))), (cut, flip) => {
        const b = Buffer.from(whole.subarray(0, cut));
        if (flip && flip[0] < b.length) b[flip[0]] = flip[1];
        const r = read(b);
        if ('entries' in r) for (const [, s] of r.entries) assert.ok(s.at + s.findingsLength + s.bodyLength <= b.length);
        else assert.ok('other' in r || /not a Bulkhead cache|cut short|damaged/.test(r.error));
      }),
      { numRuns: 300 },
    );
    assert.strictEqual(Object.keys(read(whole)).join(), 'key,entries');
    assert.deepStrictEqual(read(Buffer.from('{"format":1,"key":"x","files":{}}')), { other: true });
    assert.deepStrictEqual(read(Buffer.from('{ not json')), { error: 'not a Bulkhead cache' });
    assert.deepStrictEqual(read(Buffer.from('bulkhead cache 2 k\n')), { other: true }, 'an earlier format');
  });
});
