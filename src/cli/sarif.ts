import * as path from 'path';
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

/**
 * Builds one SARIF 2.1.0 run file by file, so a scan never holds every file's
 * text: each file's results (regions, fixes) are made while its text is at
 * hand. Every rule goes into `tool.driver.rules`.
 */
export class SarifRun {
  private readonly index: Map<string, number>;
  /**
   * `root` is the folder every result's path is relative to (SRCROOT). A file
   * outside it (a scan path such as `../infra`) gets a relative path with
   * `..` segments: the log never holds an absolute local path, and a reader
   * that knows SRCROOT (the checkout, the folder of the scan) finds it.
   */
  constructor(
    private readonly rules: Rule<unknown>[],
    private readonly root: string,
  ) {
    this.index = new Map(rules.map((r, i) => [r.meta.id, i]));
  }

  private locationOf(file: string): { uri: string; uriBaseId: string } {
    return { uri: uriOf(path.relative(this.root, file)), uriBaseId: 'SRCROOT' };
  }

  /** The SARIF results of one file (made while its text is at hand). */
  resultsOf(fr: FileResult): object[] {
    const results: object[] = [];
    const location = this.locationOf(fr.file);
    let lines: LineIndex | undefined;
    for (const f of fr.findings) {
      const res: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: this.index.get(f.ruleId),
        level: level(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(f) } }],
      };
      if (f.related?.length) {
        res.relatedLocations = f.related.map((r, id) => ({
          id,
          physicalLocation: { artifactLocation: this.locationOf(r.path), region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 } },
          message: { text: r.message },
        }));
      }
      if (f.suppressed) res.suppressions = [{ kind: f.suppressed.kind === 'comment' ? 'inSource' : 'external', ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}) }];
      const fix = f.fixes.find((x) => x.safety === 'safe');
      if (fix) {
        lines ??= new LineIndex(fr.text);
        const li = lines;
        res.fixes = [
          {
            description: { text: fix.title },
            artifactChanges: [
              {
                artifactLocation: location,
                replacements: fix.edits.map((e) => {
                  const s = li.positionAt(e.start);
                  const en = li.positionAt(e.end);
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
      results.push(res);
    }
    return results;
  }

  /**
   * The log around its results, as text: `head`, then the results (each
   * `indent`ed, separated by commas), then `tail`. The scan streams results
   * file by file between the two.
   */
  frame(version: string): { head: string; tail: string; indent: string } {
    const text = JSON.stringify(this.log(version, ['\u0000RESULTS\u0000']), null, 2);
    const marker = JSON.stringify('\u0000RESULTS\u0000');
    const at = text.indexOf(marker);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    return { head: text.slice(0, lineStart), tail: text.slice(at + marker.length).replace(/^\n/, '') + '\n', indent: text.slice(lineStart, at) };
  }

  log(version: string, results: unknown[]): object {
    return {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: TOOL_NAME, version, semanticVersion: version, informationUri: INFORMATION_URI, rules: this.rules.map(ruleDescriptor) } },
          originalUriBaseIds: {
            SRCROOT: { description: { text: 'The folder of the .bulkhead.yaml in use, or where the scan ran.' } },
          },
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    };
  }
}

/** A relative path as a URI reference: forward slashes, each segment encoded. */
function uriOf(rel: string): string {
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}
