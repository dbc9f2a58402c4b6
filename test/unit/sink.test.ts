import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { tmpdir } from './cli-helpers';
import { packTexts, ReportSink } from '../../src/cli/sink';

describe('report sink', () => {
  const piece = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('é', '😀', 'x'.repeat(30000), 'ü'.repeat(25000)));

  it('writes text and bytes to a file in the order given, whatever their sizes and characters', () => {
    const dir = tmpdir();
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 30 }), (parts) => {
        const file = path.join(dir, 'report');
        const fd = fs.openSync(file, 'w');
        const sink = new ReportSink(fd, () => assert.fail('a file sink writes to its file'));
        const packed = packTexts(parts.filter(([, asBytes]) => asBytes).map(([s]) => s));
        let k = 0;
        for (const [s, asBytes] of parts) {
          if (asBytes) sink.bytes(packed.views[k++]);
          else sink.text(s);
        }
        sink.flush();
        fs.closeSync(fd);
        assert.strictEqual(fs.readFileSync(file, 'utf8'), Buffer.from(parts.map(([s]) => s).join(''), 'utf8').toString('utf8'));
      }),
      { numRuns: 60 },
    );
  });

  it('without a file hands each piece to out as text, at once', () => {
    const got: string[] = [];
    const sink = new ReportSink(undefined, (s) => got.push(s));
    sink.text('a');
    sink.bytes(packTexts(['é😀']).views[0]);
    sink.text('');
    assert.deepStrictEqual(got, ['a', 'é😀']);
  });

  it('packs into a spare buffer that is large enough, and takes it from the spares', () => {
    const small = new ArrayBuffer(4);
    const large = new ArrayBuffer(64);
    const spare = [small, large];
    const { buffer, views } = packTexts(['abc', 'déf'], spare);
    assert.strictEqual(buffer, large);
    assert.deepStrictEqual(spare, [small]);
    assert.deepStrictEqual(
      views.map((v) => Buffer.from(v).toString('utf8')),
      ['abc', 'déf'],
    );
    // none large enough: a new one, and the spares stay
    assert.notStrictEqual(packTexts(['hello'], spare).buffer, small);
    assert.deepStrictEqual(spare, [small]);
  });
});
