/**
 * Incremental re-parse: the last syntax tree of each large Terraform file is
 * kept (by path), and the next parse of that path hands tree-sitter the old
 * tree with the change described as one edit (the text between the common
 * prefix and the common suffix of the old and new text), so only the
 * changed region is parsed again. Works for any caller that re-analyses a
 * file it analysed before (the editor on every keystroke) without knowing
 * the editor's change events. Bounded: a few trees, freed oldest first.
 */
import type { Parser, ParseOptions, Tree } from 'web-tree-sitter';

/** Files below this size parse in a few milliseconds: not worth keeping a tree for. */
export const REUSE_MIN_CHARS = 32 * 1024;
const MAX_TREES = 8;
const MAX_CHARS = 2 * 1024 * 1024;

const kept = new Map<string, { text: string; tree: Tree }>();
let keptChars = 0;

/** Row and column (UTF-16 code units, as the bindings count) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * Parses `text`, reusing the tree kept for `path` when there is one. The
 * returned tree belongs to the caller until it calls `keep` (or deletes it).
 */
export function parseReusing(parser: Parser, text: string, path: string | undefined, options?: ParseOptions): Tree | null {
  const prev = path !== undefined ? kept.get(path) : undefined;
  if (!prev) return parser.parse(text, null, options);
  kept.delete(path!);
  keptChars -= prev.text.length;
  const old = prev.text;
  const max = Math.min(old.length, text.length);
  let start = 0;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  if (start === old.length && start === text.length) return prev.tree; // unchanged
  const oldEnd = old.length - suffix;
  const newEnd = text.length - suffix;
  const startPosition = pointAt(text, start);
  prev.tree.edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition, oldEndPosition: pointAt(old, oldEnd), newEndPosition: pointAt(text, newEnd) });
  try {
    return parser.parse(text, prev.tree, options);
  } finally {
    prev.tree.delete();
  }
}

/** Keeps a file's tree for its next parse (large files only); otherwise frees it. */
export function keep(path: string | undefined, text: string, tree: Tree): void {
  if (path === undefined || text.length < REUSE_MIN_CHARS || text.length > MAX_CHARS) {
    tree.delete();
    return;
  }
  const prev = kept.get(path);
  if (prev) {
    kept.delete(path);
    keptChars -= prev.text.length;
    if (prev.tree !== tree) prev.tree.delete();
  }
  kept.set(path, { text, tree });
  keptChars += text.length;
  for (const [k, v] of kept) {
    if (kept.size <= MAX_TREES && keptChars <= MAX_CHARS) break;
    kept.delete(k);
    keptChars -= v.text.length;
    v.tree.delete();
  }
}

/** Frees every kept tree (benchmarks time first parses with it). */
export function forgetTrees(): void {
  for (const v of kept.values()) v.tree.delete();
  kept.clear();
  keptChars = 0;
}
