/**
 * Entry of the integration suite, loaded by the VS Code extension host from
 * out/test/integration/suite/index.js (the payload's extensionTestsPath).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
// mocha comes from the repository's node_modules (the extension host resolves it from this file)
import Mocha = require('mocha');

/**
 * The extension host's console reaches the runner only through the
 * workbench's console, mixed with the workbench's own logging: every line of
 * the suite carries this marker so run.ts can print just those.
 */
export const MARK = 'BULKHEAD-IT|';
export function say(...args: unknown[]): void {
  console.log(MARK + util.format(...args));
}

export function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = say;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const grep = process.env.BULKHEAD_IT_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
