import * as path from 'path';
import { pathToFileURL } from 'url';
import { docsUrl, Finding, LineIndex, Rule, Severity } from '../core';

export const TOOL_NAME = 'Bulkhead';
export const INFORMATION_URI = 'https://github.com/bulkhead-dev/bulkhead';

export interface FileResult {
  /** absolute path */
  file: string;
  text: string;
  findings: Finding[];
}

function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** SARIF columns are 1-based; regions use UTF-16 code units (columnKind below). */
function region(f: Finding) {
  return {
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    charOffset: f.span.start,
    charLength: f.span.end - f.span.start,
  };
}

function ruleDescriptor(r: Rule<unknown>) {
  const m = r.meta;
  return {
    id: m.id,
    name: m.id
      .split(/[/-]/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    help: { text: m.remediation, markdown: `${m.description}\n\n**Remediation:** ${m.remediation}` },
    helpUri: docsUrl(m.id),
    defaultConfiguration: { level: level(m.severity) },
    properties: {
      equivalents: m.equivalents,
      target: m.target,
      ...(m.fix ? { fix: m.fix } : {}),
      tags: ['security', m.target],
      'problem.severity': m.severity === 'info' ? 'recommendation' : m.severity,
    },
  };
}

/** A SARIF 2.1.0 log of one run: every rule in `tool.driver.rules`, results with exact regions. */
export function toSarif(results: FileResult[], rules: Rule<unknown>[], root: string, version: string): object {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const rootUri = pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href;
  const sarifResults: object[] = [];
  for (const fr of results) {
    const rel = path.relative(root, fr.file);
    const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
    const location = inside ? { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' } : { uri: pathToFileURL(fr.file).href };
    for (const f of fr.findings) {
      const res: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: level(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(f) } }],
      };
      if (f.suppressed) res.suppressions = [{ kind: f.suppressed.kind === 'comment' ? 'inSource' : 'external', ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}) }];
      const fix = f.fixes.find((x) => x.safety === 'safe');
      if (fix) {
        const lines = new LineIndex(fr.text);
        res.fixes = [
          {
            description: { text: fix.title },
            artifactChanges: [
              {
                artifactLocation: location,
                replacements: fix.edits.map((e) => {
                  const s = lines.positionAt(e.start);
                  const en = lines.positionAt(e.end);
                  return {
                    deletedRegion: { startLine: s.line + 1, startColumn: s.character + 1, endLine: en.line + 1, endColumn: en.character + 1 },
                    insertedContent: { text: e.newText },
                  };
                }),
              },
            ],
          },
        ];
      }
      sarifResults.push(res);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}
