// `npm run bench -- [--json] [--runs N] [--steps N] [--cpu-steps N] [--threads N] [--no-peer]`
// (design.md "Bench"): the shared bench (src/kernels-wgsl/bench.ts) on the CPU on one thread and
// across worker threads (os.availableParallelism() unless --threads), on WebGPU through Node's
// `webgpu` package, and the numpy peer (scripts/numpy_peer.py) when python3 has numpy:
// sample-steps per second side by side, each row's ratio to the others, GPU memory per run, and
// the largest difference between the backends' ensemble metrics over the steps both ran.
import { availableParallelism, cpus, platform, totalmem } from 'node:os';
import { DEFAULT_BENCH, runBench, type BenchOptions } from '../kernels-wgsl/bench';
import { benchLines } from '../kernels-wgsl/benchTable';
import { nodeGpu } from './nodeGpu';
import { nodeCpuThreads } from './nodeThreads';
import { runNumpyPeer } from './numpyPeer';
import { parseThreads } from './threadsOption';

interface Options extends BenchOptions {
  json: boolean;
  threads: number;
  peer: boolean;
}

const USAGE = 'options: --json --runs N --steps N --cpu-steps N --threads N --no-peer';

function parseOptions(argv: string[]): Options {
  const o: Options = { ...DEFAULT_BENCH, json: false, threads: availableParallelism(), peer: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--no-peer') o.peer = false;
    else if (a === '--threads') o.threads = parseThreads(argv[++i]);
    else if (a === '--runs' || a === '--steps' || a === '--cpu-steps') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a whole number ≥ 1`);
      if (a === '--runs') o.runs = n;
      else if (a === '--steps') o.steps = n;
      else o.cpuSteps = n;
    } else throw new Error(`unknown option ${a} (${USAGE})`);
  }
  return o;
}

/** Cores, CPU model, memory and runtime, for the table's header. */
function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} logical cores (${model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const report = await runBench(o, {
    ...(await nodeGpu()),
    machine: machine(),
    cpuThreads: await nodeCpuThreads(o.threads),
    ...(o.peer ? { peer: runNumpyPeer } : { peerReason: '--no-peer' }),
  });
  if (o.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else for (const line of benchLines(report)) console.log(line);
}

try {
  await main();
} catch (e) {
  process.stderr.write(`entropy-lab bench: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
