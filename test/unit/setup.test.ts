/**
 * Root hooks for the unit tier: the Terraform parser loads its WebAssembly
 * asynchronously, once, as the CLI and the editor do before analysing.
 */
import { initTerraform } from '../../src/rules/engine';

before(async function () {
  this.timeout(30_000);
  await initTerraform();
});
