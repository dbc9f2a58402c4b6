import type { RuleMeta, RuleContext, Span, TextEdit } from '../../core';
import { defineRule, RuleInstance } from '../rule';
import { Slot } from '../../core/slot';
import { commandsOf, DfInstruction, DfStage, DockerfileModel } from '../../formats/dockerfile/parse';
import { Command, programOf, Word } from '../../formats/dockerfile/shell';

export type DfRuleMeta = Omit<RuleMeta, 'target' | 'profile' | 'profileReason' | 'aliases'> & { strict?: string };

/** A rule about Dockerfile instructions: a `defineRule` that reads the Dockerfile model. */
export function dockerfileRule(meta: DfRuleMeta, check: (m: DockerfileModel, ctx: RuleContext) => void): RuleInstance[] {
  const { id, equivalents, ...rest } = meta;
  return defineRule({ ...rest, slug: id.replace(/^dockerfile\//, ''), reads: ['dockerfile'], equivalents: { dockerfile: equivalents }, check: ({ dockerfile }, ctx) => check(dockerfile, ctx) });
}

/** The final stage and the stages it is built on (their layers end up in the image). */
export function imageStages(m: DockerfileModel): DfStage[] {
  const out: DfStage[] = [];
  let s = m.finalStage;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.push(s);
    s = s.baseStage !== undefined ? m.stages[s.baseStage] : undefined;
  }
  return out;
}

export function instructionsOf(stages: DfStage[], keyword: string): DfInstruction[] {
  const out: DfInstruction[] = [];
  for (const s of stages) for (const i of s.instructions) if (i.keyword === keyword) out.push(i);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Each instruction's commands, read once (a slot, not a WeakMap: see Slot). */
const COMMANDS = new Slot<DfInstruction, Command[]>();
export function commands(ins: DfInstruction): Command[] {
  let c = COMMANDS.get(ins);
  if (!c) COMMANDS.set(ins, (c = commandsOf(ins)));
  return c;
}

export interface Invocation {
  ins: DfInstruction;
  cmd: Command;
  /** the program word */
  prog: Word;
  name: string;
  /** the words after the program */
  rest: Word[];
  /** the first word after the program that is not an option */
  sub?: Word;
}

/** Every command of the RUN instructions of the given stages whose program matches. */
export function invocations(stages: DfStage[], names: RegExp): Invocation[] {
  const out: Invocation[] = [];
  for (const ins of instructionsOf(stages, 'RUN')) {
    for (const cmd of commands(ins)) {
      const p = programOf(cmd);
      if (!p || !names.test(p.name)) continue;
      const rest = cmd.words.slice(p.index + 1);
      out.push({ ins, cmd, prog: cmd.words[p.index], name: p.name, rest, sub: rest.find((w) => !w.value.startsWith('-')) });
    }
  }
  return out;
}

export function hasWord(words: Word[], re: RegExp): boolean {
  return words.some((w) => re.test(w.value));
}

/** Insert ` text` right after a word (in an exec-form argv, `, "text"`: the line stays JSON). */
export function insertAfter(w: Word, text: string): TextEdit {
  return { start: w.end, end: w.end, newText: w.json ? `, ${JSON.stringify(text)}` : ` ${text}` };
}

export function hasCacheMount(ins: DfInstruction, target: RegExp): boolean {
  return ins.flags.some((f) => f.name === 'mount' && f.value !== null && /(^|,)type=cache(,|$)/.test(f.value) && target.test(f.value));
}

export function spanOf(w: { start: number; end: number }): Span {
  return { start: w.start, end: w.end };
}

/** Deletes whole lines [from, to] (zero-based, inclusive) with their line break. */
export function deleteLines(m: DockerfileModel, from: number, to: number): TextEdit {
  const start = m.lines.lineStart(from);
  const end = to + 1 < m.lines.lineCount ? m.lines.lineStart(to + 1) : m.lines.lineEnd(to);
  return { start, end, newText: '' };
}
