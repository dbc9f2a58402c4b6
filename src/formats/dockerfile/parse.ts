/**
 * Dockerfiles, through dockerfile-ast: instructions with exact ranges, flags,
 * JSON (exec) and shell forms, continuations (with the escape directive),
 * heredocs, multi-stage builds with named stages, and the base image's
 * family followed through `FROM <stage>` chains.
 */
import { DockerfileParser, Instruction, JSONInstruction, ModifiableInstruction, PropertyInstruction } from 'dockerfile-ast';
import type { LineIndex, Span } from '../../core';
import { parseEcrImageRef, splitImageRef } from '../../core/imageRef';
import type { BaseModel } from '../model';
import { Command, splitCommands, Word } from './shell';
import { jsonValue, jsonValueOffsets, readDockerfile, ReadDockerfile, ReadInstruction } from './reader';
import type { DfArg, DfFlag, DfInstruction, DfProperty } from './model';

export type { DfArg, DfFlag, DfInstruction, DfProperty } from './model';

export type BaseFamily = 'alpine' | 'debian' | 'redhat' | 'distroless' | 'scratch' | 'unknown';

export interface DfImage {
  /** as written (after ARG substitution when the ARG has a default) */
  text: string;
  span: Span;
  /** registry/path/name without tag or digest */
  name: string;
  tag?: string;
  digest?: string;
  /** false when it depends on a build argument without a default */
  known: boolean;
}

export interface DfStage {
  index: number;
  /** `AS name` (lower-cased) */
  name?: string;
  nameSpan?: Span;
  from: DfInstruction;
  /** the external image (undefined for `FROM <stage>`) */
  image?: DfImage;
  /** set when the stage builds on an earlier stage */
  baseStage?: number;
  /** the base image's family, followed through stage chains */
  family: BaseFamily;
  /** the external image the family came from */
  familyImage?: string;
  /** the stage's instructions after FROM */
  instructions: DfInstruction[];
}

export interface ImageRef {
  /** the image reference as written */
  ref: string;
  span: Span;
  /** set when the reference is an Amazon ECR image */
  ecr?: { registryId: string; region: string; repository: string; tag?: string; digest?: string };
  /** where it was found */
  via: 'FROM' | 'COPY --from' | 'RUN --mount';
}

export interface DockerfileModel extends BaseModel {
  kind: 'dockerfile';
  escape: string;
  instructions: DfInstruction[];
  stages: DfStage[];
  /** the stage that ends up in the image (the last one) */
  finalStage?: DfStage;
  /** ARGs before the first FROM */
  globalArgs: DfInstruction[];
  /** external images the Dockerfile uses (ECR ones carry `ecr`) */
  imageRefs: ImageRef[];
}

export function parseEcrRef(ref: string): ImageRef['ecr'] {
  const r = parseEcrImageRef(ref);
  return r ? { registryId: r.registryId, region: r.region, repository: r.repository, tag: r.tag, digest: r.digest } : undefined;
}

/**
 * dockerfile-ast tokenises an instruction's arguments again on every
 * getArguments / getFlags / getImage / getProperties … call: two or three
 * times in the constructors of RUN, CMD, COPY … while it parses, then about 8
 * times per instruction in the reader. An instruction's text never changes,
 * so the first tokenisation is kept (per instance, in a WeakMap) and every
 * call gets its own copy of the list (ModifiableInstruction.getArguments
 * shifts the flags off the array it receives). Installed once, when this
 * module loads; the arguments are the same objects the library would build.
 * (Performance fix from the benchmarks.)
 */
function memoiseArguments(): void {
  const proto = Instruction.prototype as unknown as { getRawArguments?: (this: object) => unknown[]; bulkheadMemo?: true };
  const orig = proto.getRawArguments;
  if (typeof orig !== 'function' || proto.bulkheadMemo) return;
  const memo = new WeakMap<object, unknown[]>();
  proto.getRawArguments = function (this: object): unknown[] {
    let raw = memo.get(this);
    if (!raw) {
      raw = orig.call(this);
      memo.set(this, raw);
    }
    return raw.slice();
  };
  proto.bulkheadMemo = true;
}
memoiseArguments();

export function parseDockerfile(text: string, lines: LineIndex): DockerfileModel {
  const model: DockerfileModel = { kind: 'dockerfile', text, lines, containers: [], workloads: [], escape: '\\', instructions: [], stages: [], globalArgs: [], imageRefs: [] };
  const read = readDockerfile(text) ?? readWithLibrary(text, lines);
  model.escape = read.escape;
  let stage = -1;
  for (const r of read.instructions) {
    const keyword = r.keyword;
    if (keyword === 'FROM') stage++;
    const { flags, args, span } = r;
    const bodyStart = flags.length ? Math.max(flags[flags.length - 1].span.end, args[0]?.span.start ?? span.end) : args[0]?.span.start ?? span.end;
    const body = { text: blankContinuations(text.slice(Math.min(bodyStart, span.end), span.end), model.escape), start: Math.min(bodyStart, span.end) };
    const d: DfInstruction = {
      keyword,
      span,
      keywordSpan: r.keywordSpan,
      line: r.line,
      endLine: r.endLine,
      flags,
      args,
      json: r.json,
      jsonStrings: r.jsonStrings,
      body,
      properties: r.properties,
      stage,
    };
    model.instructions.push(d);
    if (stage < 0) {
      if (keyword === 'ARG') model.globalArgs.push(d);
      continue;
    }
    if (keyword === 'FROM') {
      model.stages.push(makeStage(model, d, stage));
    } else {
      model.stages[stage].instructions.push(d);
    }
  }
  model.finalStage = model.stages[model.stages.length - 1];
  for (const st of model.stages) {
    for (const ins of st.instructions) {
      if (ins.keyword === 'COPY' || ins.keyword === 'RUN') {
        for (const f of ins.flags) {
          let ref: string | undefined;
          let at: Span | undefined;
          if (f.name === 'from' && ins.keyword === 'COPY' && f.value && f.valueSpan) {
            ref = f.value;
            at = f.valueSpan;
          } else if (f.name === 'mount' && f.value && f.valueSpan) {
            const m = /(?:^|,)from=([^,]+)/.exec(f.value);
            if (m) {
              ref = m[1];
              const i = f.value.indexOf(m[0]) + m[0].indexOf('=') + 1;
              at = { start: f.valueSpan.start + i, end: f.valueSpan.start + i + ref.length };
            }
          }
          if (!ref || !at || /^\d+$/.test(ref) || ref.includes('$') || model.stages.some((s) => s.name === ref!.toLowerCase() && s.index < st.index)) continue;
          if (!/[/:.]/.test(ref) && !model.stages.every((s) => s.name !== ref!.toLowerCase())) continue;
          model.imageRefs.push({ ref, span: at, ecr: parseEcrRef(ref), via: ins.keyword === 'COPY' ? 'COPY --from' : 'RUN --mount' });
        }
      }
    }
  }
  // an instruction continued over several lines is one statement for suppression comments
  model.statements = model.instructions.map((i) => i.span);
  return model;
}

/** Every Dockerfile, through dockerfile-ast (what readDockerfile leaves). */
export function readWithLibrary(text: string, lines: LineIndex): ReadDockerfile {
  const df = DockerfileParser.parse(text);
  const off = (p: { line: number; character: number }): number => lines.offsetAt(p);
  const sp = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span => ({ start: off(r.start), end: off(r.end) });
  const instructions: ReadInstruction[] = [];
  for (const ins of df.getInstructions()) {
    const flags: DfFlag[] =
      ins instanceof ModifiableInstruction
        ? ins.getFlags().map((f) => {
            const vr = f.getValueRange();
            return { name: f.getName().toLowerCase(), value: f.getValue(), span: sp(f.getRange()), valueSpan: vr ? sp(vr) : undefined };
          })
        : [];
    const args = ins.getArguments().map((a) => ({ value: a.getValue(), span: sp(a.getRange()) }));
    let json = false;
    let jsonStrings: DfArg[] | undefined;
    if (ins instanceof JSONInstruction && ins.getOpeningBracket() && ins.getClosingBracket()) {
      json = true;
      jsonStrings = ins.getJSONStrings().map((s) => {
        const span = sp(s.getRange());
        return { value: jsonValue(text.slice(span.start, span.end)), span };
      });
    }
    let properties: DfProperty[] | undefined;
    if (ins instanceof PropertyInstruction) {
      properties = ins.getProperties().map((p) => {
        const vr = p.getValueRange();
        return { name: p.getName(), value: p.getValue(), span: sp(p.getRange()), nameSpan: sp(p.getNameRange()), valueSpan: vr ? sp(vr) : undefined };
      });
    }
    const r = ins.getRange();
    instructions.push({ keyword: ins.getKeyword().toUpperCase(), span: sp(r), keywordSpan: sp(ins.getInstructionRange()), line: r.start.line, endLine: r.end.line, flags, args, json, jsonStrings, properties });
  }
  return { escape: df.getEscapeCharacter() || '\\', instructions };
}

/** FROM [flags] image [AS name], from its arguments (as dockerfile-ast's From reads them). */
function makeStage(model: DockerfileModel, d: DfInstruction, index: number): DfStage {
  const st: DfStage = { index, from: d, family: 'unknown', instructions: [] };
  const a = d.args;
  if (a.length > 2 && a[1].value.toUpperCase() === 'AS') {
    const nameR = a[2].span;
    const name = model.text.slice(nameR.start, nameR.end);
    if (name) {
      st.name = name.toLowerCase();
      st.nameSpan = nameR;
    }
  }
  if (a.length === 0) return st;
  const raw = a[0].value;
  const span = { start: a[0].span.start, end: a[0].span.end };
  if (!raw) return st;
  const lower = raw.toLowerCase();
  const base = model.stages.find((s) => s.name !== undefined && s.name === lower);
  if (base) {
    st.baseStage = base.index;
    st.family = base.family;
    st.familyImage = base.familyImage;
    return st;
  }
  const resolved = substituteArgs(raw, model.globalArgs);
  const image = splitImageRef(resolved ?? raw);
  st.image = { text: resolved ?? raw, span, name: image.name, tag: image.tag, digest: image.digest, known: resolved !== undefined };
  if (st.image.known) {
    st.family = familyOf(image.name, image.tag);
    st.familyImage = st.image.text;
    if (image.name !== 'scratch') model.imageRefs.push({ ref: st.image.text, span, ecr: parseEcrRef(st.image.text), via: 'FROM' });
  }
  return st;
}

/** `${VAR}`, `${VAR:-default}` and `$VAR` from the global ARG defaults; undefined when one has no value. */
function substituteArgs(s: string, globalArgs: DfInstruction[]): string | undefined {
  if (!s.includes('$')) return s;
  const vals = new Map<string, string | null>();
  for (const a of globalArgs) for (const p of a.properties ?? []) vals.set(p.name, p.value);
  let ok = true;
  const out = s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, dflt: string | undefined, b: string | undefined) => {
    const v = vals.get((a ?? b)!);
    if (v !== undefined && v !== null && v !== '') return v;
    if (dflt !== undefined) return dflt;
    ok = false;
    return '';
  });
  return ok && !out.includes('$') ? out : undefined;
}


const DEBIAN_TAG = /(^|[-_.])(bookworm|bullseye|buster|stretch|trixie|jessie|sid|slim|jammy|focal|noble|bionic|xenial|oracular|plucky|debian|ubuntu)([-_.]|$)/;
const DEBIAN_OFFICIAL = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'node', 'python', 'ruby', 'golang', 'php', 'perl', 'rust', 'openjdk', 'eclipse-temurin', 'maven', 'gradle',
  'nginx', 'httpd', 'postgres', 'redis', 'mysql', 'mariadb', 'mongo', 'haproxy', 'tomcat', 'elixir', 'erlang', 'haskell', 'julia', 'r-base', 'dart', 'swift', 'gcc', 'kong', 'ghost', 'wordpress', 'drupal', 'traefik', 'rabbitmq', 'memcached', 'sonarqube', 'jenkins/jenkins',
]);
const REDHAT = /(^|\/)(ubi\d*(-[a-z]+)?|ubi-?minimal|ubi-?micro|ubi-?init|amazonlinux|fedora|centos|centos-stream\d*|rockylinux|rocky|almalinux|oraclelinux|rhel\d*|amazoncorretto|lambda\/[a-z0-9.-]+|sles|opensuse\/[a-z]+)$/;

/** The family of an external image, from its name and tag. */
export function familyOf(name: string, tag?: string): BaseFamily {
  const n = name.toLowerCase();
  const t = (tag ?? '').toLowerCase();
  if (n === 'scratch') return 'scratch';
  if (/(^|\/)distroless\//.test(n) || /^gcr\.io\/distroless/.test(n) || /^cgr\.dev\/chainguard\//.test(n) || /(^|\/)chainguard\//.test(n)) return 'distroless';
  if (/(^|\/)alpine$/.test(n) || /(^|[-_.])alpine/.test(t) || /(^|\/)(wolfi-base)$/.test(n)) return 'alpine';
  if (REDHAT.test(n) || /(^|\/)(redhat|rhel|ubi\d*)\//.test(n) || /^registry\.access\.redhat\.com\//.test(n)) {
    if (/opensuse|sles/.test(n)) return 'unknown';
    return 'redhat';
  }
  if (/(al2023|al2|amazonlinux)/.test(t)) return 'redhat';
  if (/(^|\/)(debian|ubuntu)$/.test(n) || DEBIAN_TAG.test(t)) return 'debian';
  const short = n.replace(/^(docker\.io\/)?(library\/)?/, '').replace(/^public\.ecr\.aws\/docker\/library\//, '');
  if (DEBIAN_OFFICIAL.has(short)) return 'debian';
  return 'unknown';
}

/**
 * Blanks line continuations (`\` + newline, or the escape directive's
 * character) and the comment lines inside them to spaces, keeping offsets.
 * Heredoc bodies that feed data to a command (not a script) are blanked too.
 */
function blankContinuations(s: string, escape: string): string {
  // most instructions: one line, no heredoc, no escape at the end — nothing to blank
  if (!s.includes('\n') && !s.includes('<<') && !s.trimEnd().endsWith(escape)) return s;
  const chars = s.split('');
  const lines: { start: number; end: number }[] = [];
  let st = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s[i] === '\n') {
      lines.push({ start: st, end: i });
      st = i + 1;
    }
  }
  // heredocs: `<<EOF` / `<<-"EOF"` on the first line
  const first = s.slice(0, lines[0].end);
  const heredocs: { name: string; script: boolean }[] = [];
  const re = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(first))) heredocs.push({ name: m[2], script: first.slice(0, m.index).trim() === '' || /(^|\s)(sh|bash|ash|dash|zsh)\s*$/.test(first.slice(0, m.index)) });
  let inContinuation = false;
  let li = 0;
  const blank = (a: number, b: number): void => {
    for (let k = a; k < b; k++) if (chars[k] !== '\n') chars[k] = ' ';
  };
  for (; li < lines.length; li++) {
    const { start, end } = lines[li];
    const lineText = s.slice(start, end);
    if (inContinuation && /^\s*#/.test(lineText)) {
      blank(start, end);
      continue;
    }
    if (heredocs.length && li > 0) break;
    let e = end;
    if (e > start && s[e - 1] === '\r') e--;
    let k = e;
    while (k > start && (s[k - 1] === ' ' || s[k - 1] === '\t')) k--;
    if (k > start && s[k - 1] === escape) {
      blank(k - 1, end);
      if (end < s.length) chars[end] = ' ';
      inContinuation = true;
    } else inContinuation = false;
  }
  // heredoc bodies
  let h = 0;
  for (; li < lines.length && h < heredocs.length; li++) {
    const { start, end } = lines[li];
    if (s.slice(start, end).replace(/^\t+/, '').replace(/\r$/, '') === heredocs[h].name) {
      blank(start, end);
      h++;
      continue;
    }
    if (!heredocs[h].script) blank(start, end);
  }
  // the heredoc markers themselves
  return chars.join('').replace(/<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g, (x) => ' '.repeat(x.length));
}

/** The commands of a RUN (shell form, exec form joined, heredoc scripts). */
export function commandsOf(ins: DfInstruction): Command[] {
  if (ins.json && ins.jsonStrings) {
    // ["sh", "-c", "script"]: analyse the script; otherwise the argv as one command
    const js = ins.jsonStrings;
    if (js.length >= 3 && /(^|\/)(ba|a|da|z)?sh$/.test(js[0].value) && js[1].value === '-c') {
      // the script as Docker reads it, each word at the offsets it is written at (escapes included)
      const script = js[2];
      const offsets = jsonValueOffsets(ins.body.text.slice(script.span.start - ins.body.start, script.span.end - ins.body.start), script.value);
      if (!offsets) return [];
      const at = (i: number): number => script.span.start + offsets[i];
      return splitCommands(script.value, 0).map((c) => ({ ...c, words: c.words.map((w) => ({ value: w.value, start: at(w.start), end: at(w.end) })), start: at(c.start), end: at(c.end) }));
    }
    return [{ words: js.map((s): Word => ({ value: s.value, start: s.span.start, end: s.span.end, json: true })), op: '', pipeline: 0, start: ins.body.start, end: ins.span.end }];
  }
  return splitCommands(ins.body.text, ins.body.start);
}

export type { Instruction };
