/** A mistake in how a command was called: exit 2 with a one-line message. */
export class UsageError extends Error {}

/**
 * Walks command-line arguments: `on` gets each argument's flag (the part
 * before `=` of `--flag=value`) and a `value()` that reads the flag's value
 * from after the `=` or from the next argument.
 */
export function eachArg(argv: string[], on: (flag: string, value: () => string, arg: string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    on(
      flag,
      () => {
        const v = inline ?? argv[++i];
        if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
        return v;
      },
      a,
    );
  }
}

export type OutputFormat = 'text' | 'json' | 'sarif';

export function outputFormat(v: string): OutputFormat {
  if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${v}"`);
  return v;
}
