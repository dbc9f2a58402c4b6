import type { Finding, Fix, FixSafety, TextEdit } from './types';

/** Applies non-overlapping edits (offsets into `text`). Overlapping edits throw. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a)
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) return true;
      // two insertions at the same point would be ordered arbitrarily
      if (x.start === y.start && x.start === x.end && y.start === y.end) return true;
      // an insertion inside a replaced range
      if (x.start === x.end && x.start > y.start && x.start < y.end) return true;
      if (y.start === y.end && y.start > x.start && y.start < x.end) return true;
    }
  return false;
}

export function allowedSafeties(unsafe: boolean): Set<FixSafety> {
  return new Set<FixSafety>(unsafe ? ['safe', 'unsafe'] : ['safe']);
}

/**
 * Picks, for one pass, the first allowed fix of each finding whose edits do
 * not overlap edits already picked. Manual fixes never run in bulk.
 */
export function pickFixes(findings: readonly Finding[], allowed: Set<FixSafety>): Fix[] {
  const picked: Fix[] = [];
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const fix = f.fixes.find((x) => allowed.has(x.safety) && x.safety !== 'manual');
    if (!fix || fix.edits.length === 0) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue; // the same edit reported by two findings
    if (overlaps(fix.edits, edits)) continue;
    seen.add(key);
    picked.push(fix);
    edits.push(...fix.edits);
  }
  return picked;
}

/**
 * Fixes a text to a fixed point: analyse, apply the non-overlapping fixes,
 * re-analyse, … at most `maxPasses` times. Returns the final text and how
 * many fixes were applied.
 */
export function fixToFixedPoint(
  text: string,
  analyse: (text: string) => readonly Finding[],
  allowed: Set<FixSafety>,
  maxPasses = 10,
): { text: string; applied: number; passes: number } {
  let applied = 0;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const fixes = pickFixes(analyse(text), allowed);
    if (fixes.length === 0) break;
    const next = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    if (next === text) break;
    text = next;
    applied += fixes.length;
  }
  return { text, applied, passes };
}
