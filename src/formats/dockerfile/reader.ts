/**
 * A reader for the Dockerfiles most people write, giving exactly the
 * instructions that dockerfile-ast gives through parse.ts: keywords, ranges,
 * flags, arguments, exec-form strings and ENV/ARG/LABEL properties.
 *
 * dockerfile-ast turns every offset into a line and column and back, and
 * tokenises an instruction's arguments again in each of its constructors;
 * on a 66-line Dockerfile that was half of the analysis. This reader walks
 * the text once. It answers only what it is sure of, and returns undefined
 * for the rest, which parse.ts then reads with dockerfile-ast:
 *
 * - a byte-order mark, a carriage return, a heredoc (`<<` anywhere), ONBUILD,
 *   an `escape` parser directive (any comment line above the first
 *   instruction that mentions it);
 * - a keyword that is not letters only;
 * - an escape character other than a line continuation after a space
 *   (`… \` at the end of a line) or an escaped character inside a word
 *   (`\.`, `\$`, not in a flag, a property or an exec form), and a
 *   continuation at the end of the file;
 * - an ENV, ARG or LABEL over several lines with quotes or as
 *   `ENV NAME value`, an unclosed quote, a quote with `${` in one;
 * - an exec form (`[`) over several lines.
 *
 * The unit test compares it with dockerfile-ast on random Dockerfiles.
 * (Performance fix from the benchmarks.)
 */
import type { Span } from '../../core';
import type { DfArg, DfFlag, DfInstruction, DfProperty } from './model';

/** What a reader gives parse.ts: the instructions without their body and stage. */
export type ReadInstruction = Omit<DfInstruction, 'body' | 'stage'>;

export interface ReadDockerfile {
  escape: string;
  instructions: ReadInstruction[];
}

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const BACKSLASH = 92;

class Bail {}
const BAIL = new Bail();

const isBlank = (c: number): boolean => c === SPACE || c === TAB;

/** The instructions, or undefined when the text needs dockerfile-ast. */
export function readDockerfile(text: string): ReadDockerfile | undefined {
  // CR LF line breaks are read; a CR alone is a line break to dockerfile-ast and is left to it
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text) || text.includes('<<')) return undefined;
  try {
    return { escape: '\\', instructions: read(text) };
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

function read(text: string): ReadInstruction[] {
  const n = text.length;
  const out: ReadInstruction[] = [];
  let i = 0;
  let line = 0;
  let beforeFirst = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === CR) {
      i++;
      continue;
    }
    if (c === NL) {
      line++;
      i++;
      continue;
    }
    if (c === HASH) {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      // parser directives: only `escape` changes how the file reads
      if (beforeFirst && /escape/i.test(text.slice(i, e))) throw BAIL;
      i = e;
      continue;
    }
    beforeFirst = false;
    // the keyword: letters up to a blank, a line break or the end
    const start = i;
    let k = i;
    while (k < n) {
      const d = text.charCodeAt(k);
      if (d === SPACE || d === TAB || d === NL || d === CR) break;
      if (!((d >= 65 && d <= 90) || (d >= 97 && d <= 122))) throw BAIL;
      k++;
    }
    const kwEnd = k;
    const keyword = text.slice(start, kwEnd).toUpperCase();
    if (keyword === 'ONBUILD') throw BAIL;
    const startLine = line;
    // the arguments: to the first line break not escaped by a continuation;
    // inside one, blank lines and comment lines go on
    const words: DfArg[] = [];
    let end = n;
    let escaped = false;
    let multiLine = false;
    let w = -1;
    let esc = false;
    let escaping = false;
    const word = (at: number): void => {
      if (w >= 0) {
        const raw = text.slice(w, at);
        words.push({ value: esc ? raw.replace(/\\([^$])/g, '$1') : raw, span: { start: w, end: at } });
        w = -1;
        escaping ||= esc;
        esc = false;
      }
    };
    if (k < n && text.charCodeAt(k) !== NL && text.charCodeAt(k) !== CR) {
      for (; k < n; k++) {
        const d = text.charCodeAt(k);
        if (d === CR) {
          // the CR of a CR LF: where an instruction ends, as dockerfile-ast has it
          word(k);
          if (!escaped) {
            end = k;
            break;
          }
          continue;
        }
        if (d === NL) {
          word(k);
          if (!escaped) {
            end = k;
            break;
          }
          line++;
          continue;
        }
        if (d === SPACE || d === TAB) {
          word(k);
          continue;
        }
        if (d === BACKSLASH) {
          let j = k + 1;
          while (j < n && isBlank(text.charCodeAt(j))) j++;
          if (j < n && text.charCodeAt(j) === CR) j++;
          if (j < n && text.charCodeAt(j) === NL) {
            // a continuation after a blank: `\`, blanks, a line break
            if (w >= 0 || !isBlank(text.charCodeAt(k - 1))) throw BAIL;
            escaped = true;
            multiLine = true;
            line++;
            k = j;
            continue;
          }
          // an escaped character in a word (`\.`, `\$`): dockerfile-ast keeps
          // the character (and the escape before `$`); not at the start of a
          // continued line, where it reads a `#` after it as a comment
          const x = text.charCodeAt(k + 1);
          if (escaped || j > k + 1 || k + 1 >= n || x === BACKSLASH) throw BAIL;
          if (w < 0) w = k;
          esc = true;
          k++;
          continue;
        }
        if (d === HASH && escaped && w < 0) {
          // a comment line inside the continuation (dockerfile-ast reads an
          // escape character even there)
          let e = text.indexOf('\n', k);
          if (e < 0) e = n;
          if (text.slice(k, e).includes('\\')) throw BAIL;
          k = e - 1;
          continue;
        }
        escaped = false;
        if (w < 0) w = k;
      }
      if (k >= n) word(n);
    } else end = k;
    i = end;

    const span: Span = { start, end };
    const kw: Span = { start, end: kwEnd };
    const ins: ReadInstruction = { keyword, span, keywordSpan: kw, line: startLine, endLine: line, flags: [], args: words, json: false, jsonStrings: undefined, properties: undefined };
    switch (keyword) {
      case 'ADD':
      case 'COPY':
      case 'FROM':
      case 'RUN':
        takeFlags(text, ins, (v) => !v.includes('--'));
        break;
      case 'HEALTHCHECK':
        takeFlags(text, ins, (v) => {
          const u = v.toUpperCase();
          return u === 'CMD' || u === 'NONE';
        });
        break;
      case 'ENV':
      case 'ARG':
      case 'LABEL':
        // escapes in properties: dockerfile-ast's own rules
        if (escaping) throw BAIL;
        if (multiLine) {
          // over lines: unquoted, and not `ENV NAME value words` (the value keeps its continuations)
          for (let q = kwEnd; q < end; q++) {
            const d = text.charCodeAt(q);
            if (d === 34 || d === 39) throw BAIL;
          }
          if (words.length > 1 && !words[0].value.includes('=')) throw BAIL;
          ins.properties = properties(text, words);
        } else ins.properties = properties(text, propertyWords(text, kwEnd, end));
        break;
    }
    if (keyword === 'ADD' || keyword === 'COPY' || keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'SHELL' || keyword === 'VOLUME') execForm(text, ins);
    out.push(ins);
  }
  return out;
}

/** dockerfile-ast's flags: `--name[=value]` words until one that stops the search; as many words come off the front. */
function takeFlags(text: string, ins: ReadInstruction, stop: (value: string) => boolean): void {
  const flags: DfFlag[] = [];
  for (const a of ins.args) {
    const v = a.value;
    if (stop(v)) break;
    if (!v.startsWith('--')) continue;
    const eq = v.indexOf('=');
    const span = a.span;
    // an escape in a flag: its value's range is found in the text as written
    if (span.end - span.start !== v.length || text.slice(span.start, span.end).includes('\\')) throw BAIL;
    if (eq < 0) flags.push({ name: v.slice(2).toLowerCase(), value: null, span, valueSpan: undefined });
    else if (eq === v.length - 1) flags.push({ name: v.slice(2, eq).toLowerCase(), value: '', span, valueSpan: { start: span.end, end: span.end } });
    else flags.push({ name: v.slice(2, eq).toLowerCase(), value: v.slice(eq + 1), span, valueSpan: { start: span.start + eq + 1, end: span.end } });
  }
  ins.flags = flags;
  if (flags.length) ins.args = ins.args.slice(flags.length);
}

/** The exec form (`["a", "b"]`), as dockerfile-ast finds its brackets and strings. */
function execForm(text: string, ins: ReadInstruction): void {
  const args = ins.args;
  if (args.length === 0) return;
  if ((args.length === 1 && args[0].value === '[]') || (args.length === 2 && args[0].value === '[' && args[1].value === ']')) {
    ins.json = true;
    ins.jsonStrings = [];
    return;
  }
  const base = args[0].span.start;
  const content = text.slice(base, args[args.length - 1].span.end);
  const strings: DfArg[] = [];
  let opened = false;
  let closed = false;
  let last = '';
  let quoted = false;
  let start = -1;
  scan: for (let i = 0; i < content.length; i++) {
    const c = content[i];
    switch (c) {
      case '[':
        if (last === '') {
          opened = true;
          last = '[';
        } else if (!quoted) break scan;
        break;
      case '"':
        if (last === '[' || last === ',') {
          start = i;
          quoted = true;
          last = '"';
        } else if (last === '"' && quoted) {
          quoted = false;
          const span = { start: base + start, end: base + i + 1 };
          strings.push({ value: jsonValue(text.slice(span.start, span.end)), span });
        } else break scan;
        break;
      case ',':
        if (!quoted) {
          if (last === '"') last = ',';
          else break scan;
        }
        break;
      case ']':
        if (!quoted && last !== '') {
          closed = true;
          break scan;
        }
        break;
      case ' ':
      case '\t':
        break;
      case '\\':
        // escapes in strings and continuations: dockerfile-ast's rules
        throw BAIL;
      default:
        if (!quoted) break scan;
    }
  }
  if (opened && closed) {
    ins.json = true;
    ins.jsonStrings = strings;
  }
}

/**
 * A string of the exec form as Docker reads it, which is JSON: escapes
 * decoded, spaces kept (dockerfile-ast's own value drops the spaces, so
 * `["sh", "-c", "curl … | sh"]` read as one word). As written, without the
 * quotes, when it is not valid JSON (a continuation inside the string).
 */
export function jsonValue(quoted: string): string {
  try {
    const v: unknown = JSON.parse(quoted);
    if (typeof v === 'string') return v;
  } catch {
    // not JSON: as written
  }
  return quoted.slice(1, -1);
}

/**
 * Where each character of an exec-form string's value is written: offsets[i]
 * is the offset, from the opening quote, of the text that gives value[i]
 * (an escape gives one character), offsets[value.length] that of the closing
 * quote. Undefined when the two do not line up.
 */
export function jsonValueOffsets(quoted: string, value: string): number[] | undefined {
  const inner = quoted.length - 1;
  if (quoted.slice(1, inner) === value) return Array.from({ length: value.length + 1 }, (_, i) => i + 1);
  const out: number[] = [];
  for (let i = 1; i < inner; ) {
    out.push(i);
    i += quoted[i] !== '\\' ? 1 : quoted[i + 1] === 'u' ? 6 : 2;
  }
  out.push(inner);
  return out.length === value.length + 1 ? out : undefined;
}

/**
 * The words of a one-line ENV, ARG or LABEL as dockerfile-ast splits them
 * for its properties: a quoted part (to its closing quote) is one with the
 * characters around it, blanks and all.
 */
function propertyWords(text: string, from: number, to: number): DfArg[] {
  const out: DfArg[] = [];
  let quoted = false;
  let i = from;
  while (i < to) {
    while (i < to && isBlank(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isBlank(text.charCodeAt(i))) {
      const d = text.charCodeAt(i);
      if (d === 34 || d === 39) {
        const j = text.indexOf(text[i], i + 1);
        // an unclosed quote runs to the end, which dockerfile-ast trims
        if (j < 0 || j >= to) throw BAIL;
        quoted = true;
        i = j + 1;
      } else i++;
    }
    out.push({ value: text.slice(start, i), span: { start, end: i } });
  }
  // a variable with quotes in it: dockerfile-ast's own rules
  if (quoted && text.slice(from, to).includes('${')) throw BAIL;
  return out;
}

/** A property's name or value as dockerfile-ast gives it: the quotes that enclose it removed. */
function unquote(v: string): string {
  const n = v.length;
  const f = v[0];
  if ((f === "'" && v[n - 1] === "'") || (n >= 2 && f === '"' && v[n - 1] === '"')) return v.slice(1, n - 1);
  return v;
}

/** ENV, ARG and LABEL pairs, as dockerfile-ast reads them (escape characters excepted). */
function properties(text: string, args: DfArg[]): DfProperty[] {
  if (args.length === 0) return [];
  const single = (a: DfArg): DfProperty => {
    const v = a.value;
    const eq = v.indexOf('=');
    const f = v[0];
    const before = eq > 0 ? v[eq - 1] : '';
    // `"name"=value`, `name=value`; otherwise the whole word is a name
    if (eq < 0 || !((f === '"' && before === '"') || (f === "'" && before === "'") || (f !== '"' && f !== "'"))) return { name: unquote(v), value: null, span: a.span, nameSpan: a.span, valueSpan: undefined };
    const valueSpan = { start: a.span.start + eq + 1, end: a.span.end };
    return { name: unquote(v.slice(0, eq)), value: unquote(v.slice(eq + 1)), span: a.span, nameSpan: { start: a.span.start, end: a.span.start + eq }, valueSpan };
  };
  if (args.length === 1) return [single(args[0])];
  if (args[0].value.includes('=')) return args.map(single);
  // `ENV NAME value words`: the rest of the line is the value
  const valueSpan = { start: args[1].span.start, end: args[args.length - 1].span.end };
  return [{ name: unquote(args[0].value), value: unquote(text.slice(valueSpan.start, valueSpan.end)), span: { start: args[0].span.start, end: valueSpan.end }, nameSpan: args[0].span, valueSpan }];
}
