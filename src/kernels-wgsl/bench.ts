// The bench workload and its measurement (design.md "Bench"), shared by `npm run bench`
// (src/cli/bench.ts) and the browser's bench.html (src/app/bench): one batched workload on the
// CPU and on WebGPU when there is one, sample-steps per second (a sample is one trajectory of
// one run), the ratio to cpu, GPU memory per run and the largest ensemble-mean difference.
import { parseConfig, type ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import { bandsByStep } from '../sim/ensemble';
import { recordsByRun } from '../sim/summary';
import type { Backend, StepRecord } from '../sim/types';
import { createBackend, type GpuHost } from '.';
import { maxOf } from '../sim/arrays';

export interface BenchOptions {
  runs: number;
  /** Timed steps on WebGPU. */
  steps: number;
  /**
   * Timed steps on the CPU; default `steps`, the same steps as WebGPU: steps get cheaper as
   * policies collapse (fewer rows sampled), so fewer CPU steps would favour WebGPU.
   */
  cpuSteps?: number;
}

export const DEFAULT_BENCH: BenchOptions = { runs: 1024, steps: 20 };

export interface BenchBackend {
  backend: string;
  label: string;
  steps: number;
  seconds: number;
  sampleStepsPerSecond: number;
  ratioToCpu: number;
  gpuBytesPerRun?: number;
  /** GPU time of the training passes over the timed wall time (timestamp queries), where available. */
  gpuBusyFraction?: number;
  recordCount: number;
}

export interface BenchReport {
  workload: { env: 'tokens'; runs: number; prompts: number; groupSize: number; vocab: number; length: number; algorithm: 'grpo' };
  backends: BenchBackend[];
  agreement: { backend: string; comparedSteps: number; maxEnsembleDifference: Record<string, number> }[];
  notes: string[];
}

const PROMPTS = 16;
const GROUP_SIZE = 8;
/** The metrics whose ensemble means the agreement check compares. */
export const AGREEMENT_METRICS = ['entropy', 'reward', 'covariance', 'deltaH', 'passAtK'];

/** The design card's workload: token task, 16 prompts × 8 samples, vocabulary 8, length 4, GRPO. */
function workload(o: BenchOptions, backend: 'cpu' | 'webgpu'): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 1, steps: Math.max(o.steps, o.cpuSteps ?? o.steps) + 1, runs: o.runs, backend, env: { type: 'tokens', prompts: PROMPTS, vocab: 8, length: 4 }, algorithm: { type: 'grpo', lr: 1, groupSize: GROUP_SIZE } });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

interface Measured extends Omit<BenchBackend, 'ratioToCpu' | 'recordCount'> {
  records: StepRecord[];
}

async function measure(backend: Backend, config: ExperimentConfig, steps: number): Promise<Measured> {
  const samplesPerStep = config.runs * PROMPTS * GROUP_SIZE;
  const warm = await backend.advance(1); // compile pipelines, first upload
  const busy = () => (backend as { gpuBusySeconds?: number }).gpuBusySeconds;
  const busy0 = busy();
  const t0 = performance.now();
  const records = await backend.advance(steps);
  const seconds = (performance.now() - t0) / 1000;
  const busy1 = busy();
  const gpuBytes = (backend as { gpuBytes?: number }).gpuBytes;
  return {
    backend: backend.name,
    label: backend.label,
    steps,
    seconds,
    sampleStepsPerSecond: (samplesPerStep * steps) / seconds,
    ...(gpuBytes !== undefined ? { gpuBytesPerRun: gpuBytes / config.runs } : {}),
    ...(busy0 !== undefined && busy1 !== undefined ? { gpuBusyFraction: (busy1 - busy0) / seconds } : {}),
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
  for (const key of AGREEMENT_METRICS) {
    const [ma, mb] = [meanByStep(a, key), meanByStep(b, key)];
    let max = 0;
    for (const [step, v] of ma) if (mb.has(step)) max = Math.max(max, Math.abs(v - mb.get(step)!));
    out[key] = max;
  }
  return out;
}

/**
 * Run the bench: the CPU, then WebGPU through `host.gpu` (navigator.gpu or Node's `webgpu`
 * package) when createBackend picks it; `host.reason` explains a missing `gpu`, `host.setup`
 * how it runs shaders.
 */
export async function runBench(o: BenchOptions, host: GpuHost & { reason?: string; setup?: string }): Promise<BenchReport> {
  const cpuConfig = workload(o, 'cpu');
  const results: Measured[] = [await measure(new CpuBackend(cpuConfig), cpuConfig, o.cpuSteps ?? o.steps)];
  const notes: string[] = ['tfjs: runs neural policies only, not this tabular workload'];
  const gpuConfig = workload(o, 'webgpu');
  const { backend, info } = await createBackend(gpuConfig, host);
  if (backend.name === 'webgpu') {
    const m = await measure(backend, gpuConfig, o.steps);
    results.push(m);
    if (host.setup) notes.push(`webgpu: ${host.setup}`);
    const note = gpuBandsNote(backend, m.records, o.runs);
    if (note) notes.push(note);
  } else notes.push(`webgpu: not available (${host.reason ?? info.reason})`);
  backend.dispose();
  const cpu = results[0];
  return {
    workload: { env: 'tokens', runs: o.runs, prompts: PROMPTS, groupSize: GROUP_SIZE, vocab: 8, length: 4, algorithm: 'grpo' },
    backends: results.map(({ records, ...m }) => ({ ...m, ratioToCpu: m.sampleStepsPerSecond / cpu.sampleStepsPerSecond, recordCount: records.length })),
    agreement: results.slice(1).map((m) => ({ backend: m.backend, comparedSteps: cpu.steps + 1, maxEnsembleDifference: maxDifference(m.records, cpu.records) })),
    notes,
  };
}

/** How far the bands the GPU reduced are from the host's reduction of the same records. */
function gpuBandsNote(backend: Backend, records: StepRecord[], runs: number): string | undefined {
  const keys = ['entropy', 'reward'];
  // Nothing took the bands while the bench ran: these are every step's.
  const gpuBands = backend.takeBands?.(keys);
  if (!gpuBands) return undefined;
  const byRun = recordsByRun(records, runs);
  const worst = keys.map((key) => {
    const host = bandsByStep(byRun.map((run) => run.map((r) => r[key] as number)));
    const diffs = gpuBands.bands[key].flatMap((band, i) => (['mean', 'q10', 'q50', 'q90'] as const).map((q) => Math.abs(band[q] - host[gpuBands.steps[i]][q])));
    return `${key} ${maxOf(diffs).toExponential(1)}`;
  });
  return `ensemble mean and 10/50/90% bands reduced on the GPU; max |Δ| vs the host's reduction of the same records: ${worst.join(', ')}`;
}

/** The report as the CLI prints it and the page shows it, one line each. */
export function benchLines(report: BenchReport): string[] {
  const w = report.workload;
  const lines = [`Workload: token task, ${w.runs} runs × ${w.prompts} prompts × ${w.groupSize} samples, vocabulary ${w.vocab}, length ${w.length}, GRPO`];
  for (const b of report.backends) {
    const mem = b.gpuBytesPerRun !== undefined ? `, GPU memory ${(b.gpuBytesPerRun / 1024).toFixed(1)} KiB/run` : '';
    const busy = b.gpuBusyFraction !== undefined ? `, GPU busy ${(100 * b.gpuBusyFraction).toFixed(0)}%` : '';
    lines.push(`${b.backend.padEnd(7)} ${b.label}: ${b.steps} steps in ${b.seconds.toFixed(2)} s → ${b.sampleStepsPerSecond.toExponential(3)} sample-steps/s (${b.ratioToCpu.toFixed(1)}× cpu)${mem}${busy}`);
  }
  for (const a of report.agreement) lines.push(`agreement ${a.backend} vs cpu over ${a.comparedSteps} steps, max |Δ ensemble mean|: ${Object.entries(a.maxEnsembleDifference).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}`);
  for (const n of report.notes) lines.push(`note: ${n}`);
  return lines;
}
