// `npm run bench -- [--json] [--runs N] [--steps N] [--cpu-steps N]` (design.md "Bench"): one
// batched workload on every available backend in this process, sample-steps per second (a
// sample is one trajectory of one run), the ratio to cpu, GPU memory per run, and the largest
// difference between the backends' ensemble metrics over the steps both ran.
import { createBackend } from '../kernels-wgsl';
import { parseConfig, type ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import type { Backend, StepRecord } from '../sim/types';
import { nodeGpu } from './nodeGpu';

interface Options {
  json: boolean;
  runs: number;
  steps: number;
  cpuSteps: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { json: false, runs: 1024, steps: 20, cpuSteps: 2 };
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

/** The design card's workload: token task, 16 prompts × 8 samples, vocabulary 8, length 4, GRPO. */
function workload(o: Options, backend: 'cpu' | 'webgpu'): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 1, steps: Math.max(o.steps, o.cpuSteps) + 1, runs: o.runs, backend, env: { type: 'tokens', prompts: 16, vocab: 8, length: 4 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 } });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

interface Measured {
  backend: string;
  label: string;
  steps: number;
  seconds: number;
  sampleStepsPerSecond: number;
  gpuBytesPerRun?: number;
  records: StepRecord[];
}

async function measure(backend: Backend, config: ExperimentConfig, steps: number): Promise<Measured> {
  const samplesPerStep = config.runs * 16 * 8;
  const warm = await backend.advance(1); // compile pipelines, first upload
  const t0 = performance.now();
  const records = await backend.advance(steps);
  const seconds = (performance.now() - t0) / 1000;
  const gpuBytes = (backend as { gpuBytes?: number }).gpuBytes;
  return {
    backend: backend.name,
    label: backend.label,
    steps,
    seconds,
    sampleStepsPerSecond: (samplesPerStep * steps) / seconds,
    ...(gpuBytes !== undefined ? { gpuBytesPerRun: gpuBytes / config.runs } : {}),
    records: [...warm, ...records],
  };
}

/** Ensemble means of a metric per step. */
function meanByStep(records: StepRecord[], key: string): Map<number, number> {
  const sums = new Map<number, [number, number]>();
  for (const r of records) {
    const s = sums.get(r.step) ?? [0, 0];
    sums.set(r.step, [s[0] + (r[key] as number), s[1] + 1]);
  }
  return new Map([...sums].map(([step, [sum, n]]) => [step, sum / n]));
}

function maxDifference(a: StepRecord[], b: StepRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ['entropy', 'reward', 'covariance', 'deltaH', 'passAtK']) {
    const [ma, mb] = [meanByStep(a, key), meanByStep(b, key)];
    let max = 0;
    for (const [step, v] of ma) if (mb.has(step)) max = Math.max(max, Math.abs(v - mb.get(step)!));
    out[key] = max;
  }
  return out;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const cpuConfig = workload(o, 'cpu');
  const results: Measured[] = [await measure(new CpuBackend(cpuConfig), cpuConfig, o.cpuSteps)];
  const notes: string[] = ['tfjs: runs neural policies only, not this tabular workload'];
  const { gpu, reason } = await nodeGpu();
  const gpuConfig = workload(o, 'webgpu');
  const { backend, info } = await createBackend(gpuConfig, { gpu });
  if (backend.name === 'webgpu') results.push(await measure(backend, gpuConfig, o.steps));
  else notes.push(`webgpu: not available (${reason ?? info.reason})`);
  backend.dispose();
  const cpu = results[0];
  const report = {
    workload: { env: 'tokens', runs: o.runs, prompts: 16, groupSize: 8, vocab: 8, length: 4, algorithm: 'grpo' },
    backends: results.map(({ records, ...m }) => ({ ...m, ratioToCpu: m.sampleStepsPerSecond / cpu.sampleStepsPerSecond, recordCount: records.length })),
    agreement: results.slice(1).map((m) => ({ backend: m.backend, comparedSteps: cpu.steps + 1, maxEnsembleDifference: maxDifference(m.records, cpu.records) })),
    notes,
  };
  if (o.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  console.log(`Workload: token task, ${o.runs} runs × 16 prompts × 8 samples, vocabulary 8, length 4, GRPO`);
  for (const b of report.backends) {
    const mem = b.gpuBytesPerRun !== undefined ? `, GPU memory ${(b.gpuBytesPerRun / 1024).toFixed(1)} KiB/run` : '';
    console.log(`${b.backend.padEnd(7)} ${b.label}: ${b.steps} steps in ${b.seconds.toFixed(2)} s → ${b.sampleStepsPerSecond.toExponential(3)} sample-steps/s (${b.ratioToCpu.toFixed(1)}× cpu)${mem}`);
  }
  for (const a of report.agreement) console.log(`agreement ${a.backend} vs cpu over ${a.comparedSteps} steps, max |Δ ensemble mean|: ${Object.entries(a.maxEnsembleDifference).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}`);
  for (const n of notes) console.log(`note: ${n}`);
}

main().catch((e: Error) => {
  process.stderr.write(`entropy-lab bench: ${e.message}\n`);
  process.exit(2);
});
