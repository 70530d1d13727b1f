// Resident memory of the sim CLI against steps (issue 13: it must not grow with steps). Runs
// `npm run sim` on a long bandit ensemble with its output read and thrown away, and prints the
// child's VmRSS from /proc each time the output passes a step mark. A measurement, not a test.
// Usage: node scripts/measure-cli-memory.mjs [runs=64] [steps=8000] [marks=1000,2000,4000,8000]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 64);
const steps = Number(process.argv[3] ?? 8000);
const marks = (process.argv[4] ?? '1000,2000,4000,8000').split(',').map(Number).filter((m) => m <= steps);
const link = `#v=1&seed=1&steps=${steps}&runs=${runs}&env=bandit&arms=4&algo=grpo&mode=sampled&lr=0.1`;
const child = spawn(process.execPath, ['scripts/run-ts.mjs', 'src/cli/sim.ts', link], { stdio: ['ignore', 'pipe', 'inherit'] });

const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
let pending = '';
let lines = 0;
let next = 0;
console.log(`sim CLI, ${runs} bandit runs × ${steps} steps (GRPO, sampled), output discarded`);
child.stdout.on('data', (chunk) => {
  pending += chunk;
  const parts = pending.split('\n');
  pending = parts.pop();
  lines += parts.length;
  while (next < marks.length && lines >= marks[next] * runs) {
    console.log(`step ${String(marks[next]).padStart(7)}: RSS ${rssMiB().toFixed(1)} MiB`);
    next++;
  }
});
child.on('close', (code) => process.exit(code ?? 1));
