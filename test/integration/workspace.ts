import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root (this file compiles to out/test/integration/). */
export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'integration', 'workspace');
/** the compiled suite, whose index exports run() */
export const SUITE_DIR = path.join(ROOT, 'out', 'test', 'integration', 'suite');

/**
 * Copies the fixture workspace to a temporary folder, so edits made by the
 * tests never touch the repository. `*.fixture` files lose that suffix
 * (TypeScript fixtures are stored as `app.ts.fixture` so `tsc -p .` does not
 * compile them).
 */
export function prepareWorkspace(): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-it-ws-'));
  const copy = (from: string, to: string): void => {
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, e.name);
      if (e.isDirectory()) {
        fs.mkdirSync(path.join(to, e.name));
        copy(src, path.join(to, e.name));
      } else fs.copyFileSync(src, path.join(to, e.name.replace(/\.fixture$/, '')));
    }
  };
  copy(FIXTURE_WORKSPACE, dest);
  return dest;
}
