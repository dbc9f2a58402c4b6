/**
 * The analysis engine (parsers and rules) is a chunk of its own,
 * dist/engine.js, loaded on the first analysis rather than at activation:
 * activation only registers providers and commands. Nothing in src/vscode
 * imports '../rules/engine' at the top level (types excepted).
 */
import type * as Engine from '../rules/engine';

let engine: typeof Engine | undefined;

export function loadEngine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engine ??= require('../rules/engine') as typeof Engine);
}
