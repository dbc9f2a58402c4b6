/**
 * The Terraform (HCL) parser: tree-sitter's HCL grammar compiled to
 * WebAssembly (`@tree-sitter-grammars/tree-sitter-hcl`, run by
 * `web-tree-sitter`), so the same code runs in the CLI, its worker threads
 * and the VS Code extension host with no native addon. Loading WebAssembly
 * is asynchronous: callers await `initTerraform()` once before analysing
 * Terraform (the CLI at start, the editor before its first .tf file);
 * parsing itself is synchronous.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Parser as TsParser } from 'web-tree-sitter';

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;
let problem: string | undefined;

/** The first of the candidate paths that exists (the bundle keeps the .wasm files next to itself). */
function locate(name: string, resolveFromPackage: () => string): string {
  const here = path.join(__dirname, name);
  if (fs.existsSync(here)) return here;
  return resolveFromPackage();
}

/** Loads the parser (once; later calls return the same promise). Never rejects: a failure is kept for the note. */
export function initTerraform(): Promise<void> {
  return (loading ??= (async () => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');
      const core = locate('tree-sitter.wasm', () => require.resolve('web-tree-sitter/tree-sitter.wasm'));
      const grammar = locate('tree-sitter-terraform.wasm', () => require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
      await Parser.init({ locateFile: () => core });
      const lang = await Language.load(fs.readFileSync(grammar));
      const p = new Parser();
      p.setLanguage(lang);
      parser = p;
    } catch (e) {
      problem = (e as Error).message.split('\n')[0];
    }
  })());
}

/** The parser, or undefined until `initTerraform()` has finished (or when it failed: see terraformProblem). */
export function terraformParser(): TsParser | undefined {
  return parser;
}

export function terraformProblem(): string | undefined {
  return problem;
}
