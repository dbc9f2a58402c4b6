import * as fs from 'fs';
import * as path from 'path';
import { diffArrays } from 'diff';
import { isCrOnly } from '../core/text';

/**
 * Writing fixed text back to a user's file without losing anything:
 *
 * - bytes outside the lines a fix changed are kept exactly as they were
 *   (invalid UTF-8 sequences, which decoding turns into U+FFFD, included);
 * - the write is atomic (a temporary file in the same folder, then a rename),
 *   so a reader or a second `scan --fix` never sees half a file;
 * - a file whose bytes changed since they were read is not written.
 *
 * And reading them without hanging: only regular files are read, opened
 * without blocking, so a FIFO named like a config file never stalls a scan.
 */

/**
 * Splits into lines, each with its line end (LF, CRLF or a lone CR). Bytes
 * 0x0A and 0x0D never occur inside a UTF-8 sequence, and a line end ends an
 * unfinished one, so each byte line decodes to the text line it holds.
 */
function splitLines<T extends Buffer | string>(s: T, code: (i: number) => number): T[] {
  const out: T[] = [];
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    const c = code(i);
    if (c === 0x0a || (c === 0x0d && (i + 1 >= s.length || code(i + 1) !== 0x0a))) {
      out.push(s.slice(at, i + 1) as T);
      at = i + 1;
    }
  }
  if (at < s.length) out.push(s.slice(at) as T);
  return out;
}

const byteLines = (buf: Buffer): Buffer[] => splitLines(buf, (i) => buf[i]);
const textLines = (text: string): string[] => splitLines(text, (i) => text.charCodeAt(i));

/**
 * The bytes of `fixed`, a fixed version of the text decoded from `original`:
 * each line the fix left as it was keeps its original bytes; changed and new
 * lines are UTF-8.
 */
export function encodePreserving(original: Buffer, fixed: string): Buffer {
  const decoded = original.toString('utf8');
  // the common case: the file is valid UTF-8, so its text re-encodes to the same bytes
  if (Buffer.byteLength(decoded, 'utf8') === original.length && Buffer.from(decoded, 'utf8').equals(original)) {
    return Buffer.from(fixed, 'utf8');
  }
  const bytes = byteLines(original);
  // each byte line decodes on its own to what it decodes to in the whole file:
  // a line feed ends any unfinished sequence in both cases
  const before = bytes.map((b) => b.toString('utf8'));
  const after = textLines(fixed);
  const parts: Buffer[] = [];
  let i = 0;
  for (const change of diffArrays(before, after)) {
    if (change.removed) {
      i += change.count ?? change.value.length;
    } else if (change.added) {
      parts.push(Buffer.from(change.value.join(''), 'utf8'));
    } else {
      const n = change.count ?? change.value.length;
      for (let k = 0; k < n; k++) parts.push(bytes[i + k]);
      i += n;
    }
  }
  return Buffer.concat(parts);
}

export type WriteOutcome = 'written' | 'changed';

/**
 * Replaces `file` with `bytes` if it still holds `expected`. The new content is
 * written to a temporary file beside it (same mode) and renamed over it, so the
 * file is at every moment either the old or the new content. A symbolic link is
 * followed: its target is replaced, the link stays.
 */
export function replaceFileIfUnchanged(file: string, expected: Buffer, bytes: Buffer): WriteOutcome {
  const target = fs.realpathSync(file);
  const st = fs.statSync(target);
  if (!fs.readFileSync(target).equals(expected)) return 'changed';
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.bulkhead-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, st.mode & 0o7777);
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.chmodSync(tmp, st.mode & 0o7777);
    // the last moment to notice someone else's write; the rename itself is atomic
    if (!fs.readFileSync(target).equals(expected)) {
      fs.rmSync(tmp, { force: true });
      return 'changed';
    }
    fs.renameSync(tmp, target);
    return 'written';
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** An error whose message the CLI prints as it prints an errno code. */
function errno(message: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(message);
  e.code = message;
  return e;
}

/** Reads the first `want(size)` bytes of a regular file. */
function readRegular(file: string, want: (size: number) => number): { bytes: Buffer; size: number } {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw errno('not a regular file');
    const n = Math.min(st.size, want(st.size));
    const buf = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const r = fs.readSync(fd, buf, got, n - got, got);
      if (r === 0) break;
      got += r;
    }
    return { bytes: buf.subarray(0, got), size: st.size };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file's bytes, or only its first 64 KB when it is over `maxBytes` (enough
 * to say what it is; it is not analysed, and never fixed).
 */
export function readForAnalysis(file: string, maxBytes: number): { bytes: Buffer; size: number } {
  return readRegular(file, (size) => (size > maxBytes ? 64 * 1024 : size));
}

/**
 * A regular file's text. Throws for a file that is missing, unreadable, not a
 * regular file, or over `maxBytes` (whose message says so).
 */
export function readRegularText(file: string, maxBytes: number): string {
  const { bytes, size } = readRegular(file, () => maxBytes);
  if (size > maxBytes) throw errno(`over the limit of ${maxBytes} bytes`);
  return bytes.toString('utf8');
}

/** How a file's bytes were decoded, so that a fixed text is written back the same way. */
export interface Decoded {
  text: string;
  encoding: 'utf8' | 'utf16le' | 'utf16be';
  /** the file began with a byte order mark (not part of `text`) */
  bom: boolean;
  /** its lines end in a lone CR (old Mac): `text` has line feeds instead */
  crOnly?: boolean;
}

/**
 * Decodes a file for analysis: UTF-8 (a BOM is set aside, so that columns
 * are those an editor shows), UTF-16 with a BOM, or UTF-16 without one when
 * its first characters are ASCII (every other byte zero).
 */
export function decodeFile(bytes: Buffer): Decoded {
  const d = decodeBytes(bytes);
  // analysed and fixed with line feeds, one character for one; written back with CRs
  if (isCrOnly(d.text)) return { ...d, text: d.text.replace(/\r/g, '\n'), crOnly: true };
  return d;
}

function decodeBytes(bytes: Buffer): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: swap16(bytes.subarray(2)).toString('utf16le'), encoding: 'utf16be', bom: true };
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return { text: bytes.toString('utf16le'), encoding: 'utf16le', bom: false };
    if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return { text: swap16(bytes).toString('utf16le'), encoding: 'utf16be', bom: false };
  }
  return { text: bytes.toString('utf8'), encoding: 'utf8', bom: false };
}

function swap16(b: Buffer): Buffer {
  const out = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  out.swap16();
  return out;
}

/**
 * The bytes to write for `fixed`, a fixed version of `d.text` decoded from
 * `original`: the same encoding and BOM, line ends as the file has them (a
 * file of lone CRs gets CRs where a fix inserted line feeds), and for UTF-8
 * the original bytes of every line the fix left alone.
 */
export function encodeFile(original: Buffer, d: Decoded, fixed: string): Buffer {
  if (d.crOnly) fixed = fixed.replace(/\r?\n/g, '\r');
  if (d.encoding === 'utf8') {
    const body = encodePreserving(d.bom ? original.subarray(3) : original, fixed);
    return d.bom ? Buffer.concat([original.subarray(0, 3), body]) : body;
  }
  const le = Buffer.from((d.bom ? '\ufeff' : '') + fixed, 'utf16le');
  return d.encoding === 'utf16le' ? le : swap16(le);
}
