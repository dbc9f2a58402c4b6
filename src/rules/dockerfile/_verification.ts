import type { RuleContext, Span } from '../../core';
import type { DockerfileModel } from '../../formats/dockerfile/parse';
import { programOf } from '../../formats/dockerfile/shell';
import { commands } from './_util';

export interface Pattern {
  /** program names the option belongs to */
  prog: RegExp;
  /** the offending word */
  word: RegExp;
  what: string;
  /** a further word of the same command that must be present */
  also?: RegExp[];
}

export interface EnvPattern {
  name: RegExp;
  /** values that disable the check */
  value: RegExp;
  what: string;
}

/** Reports words of RUN commands and ENV/ARG/RUN assignments that match. */
export function checkVerification(m: DockerfileModel, ctx: RuleContext, patterns: Pattern[], envs: EnvPattern[]): void {
  const report = (span: Span, what: string): void => ctx.report({ span, message: what });
  const envHit = (name: string, value: string | null | undefined): EnvPattern | undefined =>
    envs.find((e) => e.name.test(name) && value !== null && value !== undefined && e.value.test(value));
  for (const ins of m.instructions) {
    if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
      for (const p of ins.properties ?? []) {
        const e = envHit(p.name, p.value);
        if (e) report(p.span, `${ins.keyword} ${p.name}=${p.value}: ${e.what}.`);
      }
      continue;
    }
    if (ins.keyword !== 'RUN') continue;
    for (const c of commands(ins)) {
      const prog = programOf(c);
      for (const w of c.words) {
        const a = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.value);
        if (a) {
          const e = envHit(a[1], a[2]);
          if (e) report({ start: w.start, end: w.end }, `RUN sets ${a[1]}=${a[2]}: ${e.what}.`);
        }
      }
      if (!prog) continue;
      const rest = c.words.slice(prog.index + 1);
      for (const p of patterns) {
        if (!p.prog.test(prog.name)) continue;
        if (p.also && !p.also.every((re) => rest.some((w) => re.test(w.value)))) continue;
        const w = rest.find((x) => p.word.test(x.value));
        if (w) report({ start: w.start, end: w.end }, `${prog.name} ${w.value}: ${p.what}.`);
      }
    }
  }
}
