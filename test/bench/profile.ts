/**
 * Runs one benchmark input in a loop, for a CPU profile:
 *   node --cpu-prof --cpu-prof-dir=.bench/prof out/test/bench/profile.js k8s_300_lines [seconds]
 * then summarise with: node out/test/bench/profile.js --top .bench/prof/<file>.cpuprofile
 */
import * as fs from 'fs';
import { analyzeText, initTerraform } from '../../src/rules/engine';
import { forgetTrees } from '../../src/formats/terraform/reuse';
import { resetParseCache } from '../../src/formats/yaml/doc';
import { inputs } from './main';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function top(file: string, n = 30): void {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<string, number>();
  let total = 0;
  for (const node of prof.nodes) {
    const h = node.hitCount ?? 0;
    total += h;
    const url = node.callFrame.url.replace(/^.*\/(node_modules|out)\//, '$1/');
    const k = `${node.callFrame.functionName || '(anon)'} ${url}:${node.callFrame.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + h);
  }
  const groups = new Map<string, number>();
  for (const [k, v] of self) {
    const g = /node_modules\/([^/]+)/.exec(k)?.[1] ?? /out\/(src\/[^/]+\/[^/]+)/.exec(k)?.[1] ?? (k.startsWith('(') ? k.split(' ')[0] : 'other');
    groups.set(g, (groups.get(g) ?? 0) + v);
  }
  console.log([...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([g, v]) => `${g} ${((100 * v) / total).toFixed(1)}%`).join(', '));
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [k, v] of rows) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}

if (process.argv[2] === '--top') top(process.argv[3], Number(process.argv[4] ?? 30));
else void initTerraform().then(run);

function run(): void {
  const inp = inputs().find((i) => i.name === process.argv[2]);
  if (!inp) throw new Error(`no input ${process.argv[2]}; one of ${inputs().map((i) => i.name).join(', ')}`);
  const until = Date.now() + Number(process.argv[3] ?? 5) * 1000;
  let n = 0;
  while (Date.now() < until) {
    // a first analysis each time, as the bench times it (Terraform's parser loads asynchronously, above)
    resetParseCache();
    forgetTrees();
    analyzeText(inp.text, { path: inp.path });
    n++;
  }
  console.log(`${n} analyses of ${inp.name}`);
}
