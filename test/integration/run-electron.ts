/**
 * The same integration suite on a desktop VS Code downloaded by
 * @vscode/test-electron (needs a route to update.code.visualstudio.com; not
 * used in CI here, where the server build in run.ts is).
 *
 *   node out/test/integration/run-electron.js   (npm run test:integration:electron)
 *
 * BULKHEAD_VSCODE_VERSION picks the build (default: 1.100.3, the server's).
 */
import * as fs from 'fs';
import { runTests } from '@vscode/test-electron';
import { ROOT, SUITE_DIR, prepareWorkspace } from './workspace';

async function main(): Promise<void> {
  const ws = prepareWorkspace();
  try {
    const code = await runTests({
      version: process.env.BULKHEAD_VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: SUITE_DIR,
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    process.exitCode = code;
  } catch (e) {
    console.error(`integration (electron): ${(e as Error).message ?? e}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

void main();
