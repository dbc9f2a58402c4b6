/**
 * The one module that loads the TypeScript compiler. It is required lazily, on
 * the first CDK file, so that activation and the other formats never pay for
 * it (the bundler turns this require into a separate chunk). Everything else
 * in src/formats/cdk imports only types from 'typescript'.
 */
import type * as TS from 'typescript';

export type Ts = typeof TS;

let cached: Ts | undefined;

export function loadTs(): Ts {
  if (!cached) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = require('typescript') as Ts;
  }
  return cached;
}
