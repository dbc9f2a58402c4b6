/** What the CLI tests share: running `main` in a folder, and temporary folders removed after the run. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

export async function run(args: string[], cwd?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const prev = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(args, (s) => (out += s), (s) => (err += s + '\n'));
    return { code, out, err };
  } finally {
    process.chdir(prev);
  }
}

const made: string[] = [];
export function tmpdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cli-'));
  made.push(d);
  return d;
}
after(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A privileged pod manifest (the CLI tests' usual file with an error finding). */
export const pod = (name: string, privileged = true) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: team
spec:
  containers:
    - name: app
      image: nginx:1.25
      securityContext:
        privileged: ${privileged}
`;
