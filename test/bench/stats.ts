/** Timing helpers: repeated runs, median and p95. Never used to assert anything. */

export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

export function p95(xs: number[]): number {
  return quantile(xs, 0.95);
}

export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface Budget {
  /** at least this many timed runs */
  minRuns: number;
  /** at most this many */
  maxRuns: number;
  /** keep running until this much time was spent (ms), within the run limits */
  minMs: number;
  /** untimed runs first (JIT warm-up) */
  warmup: number;
}

export const QUICK: Budget = { minRuns: 5, maxRuns: 60, minMs: 300, warmup: 3 };
export const FULL: Budget = { minRuns: 15, maxRuns: 400, minMs: 2000, warmup: 10 };

/**
 * Times several functions interleaved (a, b, a, b, …) so that machine noise
 * hits them alike, which keeps ratios between them honest on a busy machine.
 * With `cpu`, also records each run's process CPU time (user + system, ms),
 * which waiting for a core on a shared machine does not inflate.
 */
export function timeInterleaved(fns: (() => unknown)[], b: Budget, cpu?: number[][]): number[][] {
  const samples = fns.map(() => [] as number[]);
  if (cpu) for (let k = 0; k < fns.length; k++) cpu[k] = [];
  for (let i = 0; i < b.warmup; i++) for (const f of fns) f();
  const started = now();
  for (let run = 0; run < b.maxRuns; run++) {
    for (let k = 0; k < fns.length; k++) {
      const c = cpu ? process.cpuUsage() : undefined;
      const t = now();
      fns[k]();
      samples[k].push(now() - t);
      if (c) {
        const d = process.cpuUsage(c);
        cpu![k].push((d.user + d.system) / 1000);
      }
    }
    if (run + 1 >= b.minRuns && now() - started >= b.minMs) break;
  }
  return samples;
}

export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
