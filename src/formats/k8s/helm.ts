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
  let helm = false;
  const out = text.replace(/^([ \t]*)(\{\{[\s\S]*?\}\}[ \t]*)+$|\{\{[\s\S]*?\}\}/gm, (m, lead: string | undefined, _g: unknown, offset: number) => {
    helm = true;
    if (lead !== undefined) {
      templateLines.push({ offset, column: lead.length });
      return m.replace(/[^\r\n]/g, ' ');
    }
    return m.replace(/[^\r\n]/g, TEMPLATE_PLACEHOLDER);
  });
  return { text: out, helm, templateLines };
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
