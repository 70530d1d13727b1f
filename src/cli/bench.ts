// `npm run bench -- [--json] [--runs N] [--steps N] [--cpu-steps N]` (design.md "Bench"): the
// shared bench (src/kernels-wgsl/bench.ts) on the CPU and on WebGPU through Node's `webgpu`
// package: sample-steps per second per backend, the ratio to cpu, GPU memory per run, and the
// largest difference between the backends' ensemble metrics over the steps both ran.
import { benchLines, DEFAULT_BENCH, runBench, type BenchOptions } from '../kernels-wgsl/bench';
import { nodeGpu } from './nodeGpu';

function parseOptions(argv: string[]): BenchOptions & { json: boolean } {
  const o = { ...DEFAULT_BENCH, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--runs' || a === '--steps' || a === '--cpu-steps') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a whole number ≥ 1`);
      if (a === '--runs') o.runs = n;
      else if (a === '--steps') o.steps = n;
      else o.cpuSteps = n;
    } else throw new Error(`unknown option ${a} (options: --json --runs N --steps N --cpu-steps N)`);
  }
  return o;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const report = await runBench(o, await nodeGpu());
  if (o.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else for (const line of benchLines(report)) console.log(line);
}

main().catch((e: Error) => {
  process.stderr.write(`entropy-lab bench: ${e.message}\n`);
  process.exit(2);
});
