/**
 * A small, forgiving shell-word splitter for RUN lines: enough to find
 * commands, their words and the operators between them, with offsets into
 * the Dockerfile. It never throws and runs in linear time.
 */

export interface Word {
  /** the word with quotes removed (escapes kept as written, variables unexpanded) */
  value: string;
  start: number;
  end: number;
  /** a string of an exec-form argv (`["apk", "add"]`): start and end take in its quotes */
  json?: true;
}

export interface Command {
  words: Word[];
  /** the operator that ends the command: '|', '&&', '||', ';', '&', '\n' or '' at the end */
  op: string;
  /** index of the pipeline (commands joined by '|') this command belongs to */
  pipeline: number;
  start: number;
  end: number;
}

/**
 * Splits shell text into commands. `text` is offset-preserving (continuations
 * already blanked); `base` is the offset of text[0] in the document.
 */
export function splitCommands(text: string, base = 0): Command[] {
  const out: Command[] = [];
  let words: Word[] = [];
  let cur = '';
  let curStart = -1;
  let pipeline = 0;
  const flushWord = (end: number): void => {
    if (curStart >= 0) words.push({ value: cur, start: base + curStart, end: base + end });
    cur = '';
    curStart = -1;
  };
  const flushCmd = (op: string, at: number): void => {
    flushWord(at);
    if (words.length > 0 || op !== '') {
      out.push({ words, op, pipeline, start: words.length ? words[0].start : base + at, end: words.length ? words[words.length - 1].end : base + at });
    }
    if (op !== '|') pipeline++;
    words = [];
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      if (curStart < 0) curStart = i;
      const q = c;
      let j = i + 1;
      while (j < n && text[j] !== q) {
        if (q === '"' && text[j] === '\\' && j + 1 < n) {
          cur += text[j + 1];
          j += 2;
          continue;
        }
        cur += text[j];
        j++;
      }
      i = Math.min(j, n);
      continue;
    }
    if (c === '\\' && i + 1 < n) {
      if (curStart < 0) curStart = i;
      cur += text[i + 1];
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flushWord(i);
      continue;
    }
    if (c === '#' && curStart < 0) {
      // a comment to the end of the line
      while (i + 1 < n && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      flushCmd('\n', i);
      continue;
    }
    if (c === ';') {
      flushCmd(';', i);
      continue;
    }
    if (c === '&' || c === '|') {
      const two = text[i + 1] === c;
      if (c === '|' && !two) {
        flushCmd('|', i);
        continue;
      }
      if (c === '&' && !two) {
        // `2>&1`, `&>`: redirections, part of the word
        if (text[i - 1] === '>' || text[i + 1] === '>') {
          if (curStart < 0) curStart = i;
          cur += c;
          continue;
        }
        flushCmd('&', i);
        continue;
      }
      flushCmd(c + c, i);
      i++;
      continue;
    }
    if ((c === '(' || c === ')' || c === '{' || c === '}') && curStart < 0 && (text[i + 1] === ' ' || text[i + 1] === '\n' || i + 1 >= n || c === '(' || c === ')')) {
      flushCmd(';', i);
      continue;
    }
    if (curStart < 0) curStart = i;
    cur += c;
  }
  flushCmd('', n);
  return out.filter((c) => c.words.length > 0);
}

/** The command's program name, past `sudo`, `env VAR=…`, leading assignments and a path. */
export function programOf(cmd: Command): { name: string; index: number } | undefined {
  let i = 0;
  const w = cmd.words;
  while (i < w.length) {
    const v = w[i].value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      i++;
      continue;
    }
    if (v === 'sudo' || v === 'env' || v === 'exec' || v === 'command' || v === 'time' || v === 'nice' || v === 'nohup') {
      i++;
      while (i < w.length && w[i].value.startsWith('-')) i++;
      continue;
    }
    break;
  }
  if (i >= w.length) return undefined;
  const name = w[i].value.replace(/^.*\//, '');
  return { name, index: i };
}
