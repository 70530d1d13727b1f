// Throughput of the CPU backend in sampled mode on the token task (the bench workload): 16 prompts
// × G 8 samples × length 4 over vocabulary 8, GRPO. Prints sample-steps per second, where one
// step of one run rolls out prompts × G samples, by wall time and by the process's CPU time (on a
// machine shared with other work the CPU time is the steadier measure of the code's cost).
// Usage: node scripts/run-ts.mjs scripts/measure-cpu-throughput.ts [steps] [runs] [threads]
import { parseConfig } from '../src/sim/config';
import { CpuBackend } from '../src/sim/cpuBackend';
import { createCpuBackend } from '../src/sim/cpuPool';
import { nodeCpuThreads } from '../src/cli/nodeThreads';

const steps = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 4);
const threads = Number(process.argv[4] ?? 1);
const prompts = 16;
const groupSize = 8;
const parsed = parseConfig({
  version: 1,
  steps: steps + 1,
  runs,
  env: { type: 'tokens', prompts, vocab: 8, length: 4 },
  algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize },
});
if (!parsed.ok) throw new Error('throughput config is invalid');

// Warm up the JIT on a separate backend, then one untimed step of the timed one (its workers').
new CpuBackend({ ...parsed.config, runs: 1 }).advanceSync(20);
const backend = await createCpuBackend(parsed.config, threads > 1 ? await nodeCpuThreads(threads) : undefined);
await backend.advance(1);
const cpu0 = process.cpuUsage();
const start = performance.now();
const records = await backend.advance(steps);
const seconds = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu0);
const cpuSeconds = (used.user + used.system) / 1e6;
backend.dispose();
const samples = records.length * prompts * groupSize;
console.log(`cpu sampled GRPO, tokens ${prompts} prompts × G ${groupSize} × length 4, vocab 8, ${backend.label}: ${runs} runs × ${steps} steps in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} CPU-s)`);
console.log(`${(samples / seconds).toExponential(3)} sample-steps/s wall, ${(samples / cpuSeconds).toExponential(3)} per CPU-second`);
