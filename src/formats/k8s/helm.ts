/**
 * Helm templates are not YAML until rendered. To analyse what can be
 * analysed, template actions are set aside without moving any offset: a line
 * holding only actions (`{{- if … }}`, `{{ include … | nindent 4 }}`) becomes
 * blank, and an action inside a value becomes a run of placeholder characters
 * (read back as "unknown", never as a real value).
 */
export const TEMPLATE_PLACEHOLDER = '\u00a4';

export function blankTemplates(text: string): { text: string; helm: boolean } {
  if (!text.includes('{{')) return { text, helm: false };
  let helm = false;
  const out = text.replace(/^([ \t]*)(\{\{[\s\S]*?\}\}[ \t]*)+$|\{\{[\s\S]*?\}\}/gm, (m, lead: string | undefined) => {
    helm = true;
    if (lead !== undefined) return m.replace(/[^\r\n]/g, ' ');
    return m.replace(/[^\r\n]/g, TEMPLATE_PLACEHOLDER);
  });
  return { text: out, helm };
}
