// Throughput of the CPU backend in sampled mode on the token task (issue 3's performance note):
// 16 prompts × G 8 samples × length 4 over vocabulary 8, GRPO. Prints sample-steps per second,
// where one step of one run rolls out prompts × G samples.
// Usage: node scripts/run-ts.mjs scripts/measure-cpu-throughput.ts [steps] [runs]
import { parseConfig } from '../src/sim/config';
import { CpuBackend } from '../src/sim/cpuBackend';

const steps = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 4);
const prompts = 16;
const groupSize = 8;
const parsed = parseConfig({
  version: 1,
  steps,
  runs,
  env: { type: 'tokens', prompts, vocab: 8, length: 4 },
  algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize },
});
if (!parsed.ok) throw new Error('throughput config is invalid');

// Warm up the JIT on a separate backend so the timed one starts from step 0.
new CpuBackend({ ...parsed.config, runs: 1 }).advanceSync(20);
const backend = new CpuBackend(parsed.config);
const start = performance.now();
const records = backend.advanceSync(steps);
const seconds = (performance.now() - start) / 1000;
const samples = records.length * prompts * groupSize;
console.log(`cpu sampled GRPO, tokens ${prompts} prompts × G ${groupSize} × length 4, vocab 8: ${runs} runs × ${steps} steps in ${seconds.toFixed(2)} s`);
console.log(`${Math.round(samples / seconds)} sample-steps/s (${Math.round(records.length / seconds)} run-steps/s)`);
