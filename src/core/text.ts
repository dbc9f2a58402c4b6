/**
 * Positions and ranges. Everything inside Bulkhead works on UTF-16 offsets into
 * the document text (what JavaScript strings index by, and what VS Code's
 * `character` counts); line/character pairs are derived once, through a
 * LineIndex, when a finding is reported.
 */

export interface Position {
  /** zero-based line */
  line: number;
  /** zero-based UTF-16 column */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of offsets [start, end). */
export interface Span {
  start: number;
  end: number;
}

export function span(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

/** Maps offsets to line/character and back in O(log n). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // without a CR, a line starts after each LF: found by indexOf, several
    // times faster than reading every character
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] - 1;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13 && this.text.charCodeAt(end) === 10) end--;
    else if (this.text.charCodeAt(end) === 13) {
      /* lone CR */
    }
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The line's leading whitespace. */
  indentOf(line: number): string {
    const t = this.lineText(line);
    return t.slice(0, t.length - t.trimStart().length);
  }

  /** The document's line break ("\r\n" when the first line ends with one). */
  get eol(): string {
    const i = this.text.indexOf('\n');
    return i > 0 && this.text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
  }
}

/**
 * Text for a terminal or a CI log, where a name taken from a file or a
 * registry must not act: control characters (ANSI escapes, line breaks that
 * would start a `::error::` workflow command, bidirectional overrides) are
 * shown as escapes, and a line never starts with `::` or `##` (GitHub and
 * Azure DevOps read those as commands). Tabs stay.
 */
export function printable(s: string): string {
  const out = s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
  return /^\s*(::|##)/.test(out) ? `\u200b${out}` : out;
}

/** Old Mac line ends: a text whose lines end in a lone CR and never in LF. */
export function isCrOnly(text: string): boolean {
  return text.includes('\r') && !text.includes('\n');
}
