/**
 * Helm templates are not YAML until rendered. To analyse what can be
 * analysed, template actions are set aside without moving any offset: a line
 * holding only actions (`{{- if … }}`, `{{ include … | nindent 4 }}`) becomes
 * blank, and an action inside a value becomes a run of placeholder characters
 * (read back as "unknown", never as a real value).
 */
export const TEMPLATE_PLACEHOLDER = '\u00a4';

/** A line that held only template actions: where it starts, and its indentation column. */
export interface TemplateLine {
  offset: number;
  column: number;
}

export function blankTemplates(text: string): { text: string; helm: boolean; templateLines: TemplateLine[] } {
  const templateLines: TemplateLine[] = [];
  if (!text.includes('{{')) return { text, helm: false, templateLines };
  // A linear scan (a regular expression with nested repetition took
  // exponential time on a line of many actions). An action runs from `{{` to
  // the next `}}`, across lines if need be; a line that starts with an action
  // and ends with one is blanked whole, an action elsewhere becomes
  // placeholders. With no `}}` left, nothing after is an action.
  const parts: string[] = [];
  let done = 0; // text before this is already in parts
  let at = 0;
  const isBlank = (c: string) => c === ' ' || c === '\t';
  const isEol = (i: number) => i >= text.length || text[i] === '\n' || text[i] === '\r' || text[i] === '\u2028' || text[i] === '\u2029';
  const mask = (from: number, to: number, ch: string) => {
    parts.push(text.slice(done, from), text.slice(from, to).replace(/[^\r\n]/g, ch));
    done = to;
  };
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    const firstClose = text.indexOf('}}', open + 2);
    if (firstClose < 0) break;
    // does a line start here, with only blanks before the action?
    let lineStart = open;
    while (lineStart > done && isBlank(text[lineStart - 1])) lineStart--;
    const atLineStart = lineStart === 0 || (lineStart >= done && /[\n\r\u2028\u2029]/.test(text[lineStart - 1]));
    if (atLineStart) {
      // the line ends (after blanks) with the first action's `}}` or a later
      // one: text between actions (`{{ if .x }} y {{ end }}`) renders only as
      // the template decides, so the whole line is the template's
      let eol = firstClose + 2;
      while (!isEol(eol)) eol++;
      let last = eol;
      while (last > firstClose + 2 && isBlank(text[last - 1])) last--;
      if (last === firstClose + 2 || text.startsWith('}}', last - 2)) {
        templateLines.push({ offset: lineStart, column: open - lineStart });
        mask(lineStart, eol, ' ');
        at = eol;
        continue;
      }
    }
    mask(open, firstClose + 2, TEMPLATE_PLACEHOLDER);
    at = firstClose + 2;
  }
  if (done === 0) return { text, helm: false, templateLines };
  parts.push(text.slice(done));
  return { text: parts.join(''), helm: true, templateLines };
}

/**
 * Does a template-only line sit inside the block mapping that starts at
 * `start` with its keys at `keyColumn`? Such a line (`{{- toYaml
 * .Values.securityContext | nindent 12 }}`, `{{- with … }}`) can add keys to
 * it, so what the mapping lacks is unknown, not missing. The mapping's block
 * ends at the first later line indented less than its keys.
 */
export function templatedBlock(text: string, templateLines: readonly TemplateLine[], start: number, keyColumn: number): boolean {
  if (templateLines.length === 0) return false;
  const lineEnd = (o: number) => {
    const i = text.indexOf('\n', o);
    return i < 0 ? text.length : i;
  };
  let at = lineEnd(start) + 1;
  let t = 0;
  while (t < templateLines.length && templateLines[t].offset < at) t++;
  while (at < text.length) {
    const end = lineEnd(at);
    const line = text.slice(at, end);
    if (t < templateLines.length && templateLines[t].offset === at) {
      if (templateLines[t].column >= keyColumn) return true;
      t++;
    } else if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      const indent = line.length - line.trimStart().length;
      if (indent < keyColumn || line.trimStart() === '---') return false;
    }
    at = end + 1;
  }
  return false;
}
