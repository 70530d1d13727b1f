// The bench workload and its measurement (design.md "Bench"), shared by `npm run bench`
// (src/cli/bench.ts) and the browser's bench.html (src/app/bench): one batched workload on the
// CPU on one thread and on all of them, on WebGPU when there is one, and on a numpy peer where
// the host can run one; sample-steps per second (a sample is one trajectory of one run), each
// row's ratio to every other, GPU memory per run and the largest ensemble-mean difference.
import { parseConfig, type ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import { PooledCpuBackend } from '../sim/cpuPool';
import type { CpuThreads } from '../sim/cpuShard';
import { bandsByStep } from '../sim/ensemble';
import { recordsByRun } from '../sim/summary';
import type { Backend, StepRecord } from '../sim/types';
import { createBackend, type GpuHost } from '.';
import { maxOf } from '../sim/arrays';
import { describeAdapter, type AdapterReport } from './adapterKind';
import { timeSteps } from './benchTiming';

export interface BenchOptions {
  runs: number;
  /** Timed steps on WebGPU. */
  steps: number;
  /**
   * Timed steps on the CPU (and the numpy peer); default `steps`, the same steps as WebGPU:
   * steps get cheaper as policies collapse (fewer rows sampled), so fewer would favour WebGPU.
   */
  cpuSteps?: number;
}

export const DEFAULT_BENCH: BenchOptions = { runs: 1024, steps: 20 };

/** One timed row of the table. */
export interface BenchBackend {
  /** Row key: 'cpu' (one thread), 'cpu×N' (N worker threads), 'webgpu', 'numpy'. */
  id: string;
  backend: string;
  label: string;
  threads?: number;
  steps: number;
  seconds: number;
  sampleStepsPerSecond: number;
  /** Against the one-thread cpu row. */
  ratioToCpu: number;
  /** This row's sample-steps/s over each row's, by id. */
  ratioTo: Record<string, number>;
  gpuBytesPerRun?: number;
  /** GPU time of the training passes over the timed wall time (timestamp queries), where available. */
  gpuBusyFraction?: number;
  /** On a webgpu row measured on a CPU adapter: which (adapterKind.ts); the figure is a CPU figure. */
  cpuAdapter?: string;
  recordCount: number;
}

export interface BenchReport {
  workload: { env: 'tokens'; runs: number; prompts: number; groupSize: number; vocab: number; length: number; algorithm: 'grpo' };
  /** What it ran on (cores, CPU model, runtime), as the host describes it. */
  machine: string;
  /** The WebGPU adapter, where there is one (adapterKind.ts). */
  adapter?: AdapterReport;
  backends: BenchBackend[];
  /** Each row against the one-thread cpu; `identicalRecords` where they must be the same bits. */
  agreement: { backend: string; comparedSteps: number; maxEnsembleDifference: Record<string, number>; identicalRecords?: boolean }[];
  notes: string[];
}

/** A peer outside the lab (the numpy script): its timing, or why it did not run. */
export type PeerResult = { ok: true; label: string; steps: number; seconds: number } | { ok: false; note: string };

/** Where the bench runs: WebGPU as createBackend takes it, the CPU pool's workers, a peer. */
export interface BenchHost extends GpuHost {
  /** Why there is no `gpu`. */
  reason?: string;
  /** How WebGPU runs shaders here. */
  setup?: string;
  machine: string;
  cpuThreads?: CpuThreads;
  peer?: (workload: BenchReport['workload'], steps: number) => Promise<PeerResult>;
  /** Why there is no peer. */
  peerReason?: string;
}

const PROMPTS = 16;
const GROUP_SIZE = 8;
const VOCAB = 8;
const LENGTH = 4;
/** The metrics whose ensemble means the agreement check compares. */
export const AGREEMENT_METRICS = ['entropy', 'reward', 'covariance', 'deltaH', 'passAtK'];

/** The design card's workload: token task, 16 prompts × 8 samples, vocabulary 8, length 4, GRPO. */
export function benchWorkloadShape(runs: number): BenchReport['workload'] {
  return { env: 'tokens', runs, prompts: PROMPTS, groupSize: GROUP_SIZE, vocab: VOCAB, length: LENGTH, algorithm: 'grpo' };
}

/** The workload as a config for `backend`, over one untimed step and the timed steps. */
export function benchWorkload(o: BenchOptions, backend: 'cpu' | 'webgpu'): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 1, steps: Math.max(o.steps, o.cpuSteps ?? o.steps) + 1, runs: o.runs, backend, env: { type: 'tokens', prompts: PROMPTS, vocab: VOCAB, length: LENGTH }, algorithm: { type: 'grpo', lr: 1, groupSize: GROUP_SIZE } });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

interface Measured extends Omit<BenchBackend, 'ratioToCpu' | 'ratioTo' | 'recordCount'> {
  records: StepRecord[];
}

async function measure(id: string, backend: Backend, config: ExperimentConfig, steps: number, threads?: number): Promise<Measured> {
  const t = await timeSteps(backend, steps);
  return {
    id,
    backend: backend.name,
    label: backend.label,
    ...(threads !== undefined ? { threads } : {}),
    steps,
    seconds: t.seconds,
    sampleStepsPerSecond: (config.runs * PROMPTS * GROUP_SIZE * steps) / t.seconds,
    ...(t.gpuBytes !== undefined ? { gpuBytesPerRun: t.gpuBytes / config.runs } : {}),
    ...(t.gpuBusyFraction !== undefined ? { gpuBusyFraction: t.gpuBusyFraction } : {}),
    records: t.records,
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

/** The same records, key for key and bit for bit (the pool's promise). */
function identical(a: StepRecord[], b: StepRecord[]): boolean {
  return a.length === b.length && a.every((r, i) => Object.keys(r).length === Object.keys(b[i]).length && Object.keys(r).every((k) => Object.is(r[k], b[i][k])));
}

/** The CPU across the host's worker threads, when it has more than one. */
async function measurePool(o: BenchOptions, threads: CpuThreads | undefined, notes: string[]): Promise<Measured | undefined> {
  if (!threads || threads.count < 2) {
    notes.push(`cpu: one thread here${threads ? '' : ' (no workers)'}, so no pooled row`);
    return undefined;
  }
  const config = benchWorkload(o, 'cpu');
  const backend = await PooledCpuBackend.create(config, threads);
  try {
    return await measure(`cpu×${threads.count}`, backend, config, o.cpuSteps ?? o.steps, threads.count);
  } finally {
    backend.dispose();
  }
}

/**
 * Run the bench: the CPU on one thread and across `host.cpuThreads`, WebGPU through `host.gpu`
 * (navigator.gpu or Node's `webgpu` package) when createBackend picks it, then `host.peer`.
 */
export async function runBench(o: BenchOptions, host: BenchHost): Promise<BenchReport> {
  const w = benchWorkloadShape(o.runs);
  const notes: string[] = ['tfjs: runs neural policies only, not this tabular workload'];
  const cpuConfig = benchWorkload(o, 'cpu');
  const cpu = await measure('cpu', new CpuBackend(cpuConfig), cpuConfig, o.cpuSteps ?? o.steps, 1);
  const results: Measured[] = [cpu];
  const pooled = await measurePool(o, host.cpuThreads, notes);
  if (pooled) results.push(pooled);

  const gpuConfig = benchWorkload(o, 'webgpu');
  const adapter = await describeAdapter(host.gpu);
  const { backend, info } = await createBackend(gpuConfig, { gpu: host.gpu, waitForGpu: host.waitForGpu });
  if (backend.name === 'webgpu') {
    const m = await measure('webgpu', backend, gpuConfig, o.steps);
    results.push(adapter?.cpuAdapter ? { ...m, cpuAdapter: adapter.cpuAdapter } : m);
    if (host.setup) notes.push(`webgpu: ${host.setup}`);
    const note = gpuBandsNote(backend, m.records, o.runs);
    if (note) notes.push(note);
  } else notes.push(`webgpu: not available (${host.reason ?? info.reason})`);
  backend.dispose();

  const peer = host.peer ? await host.peer(w, o.cpuSteps ?? o.steps) : { ok: false as const, note: host.peerReason ?? 'no peer here' };
  if (peer.ok) {
    results.push({ id: 'numpy', backend: 'numpy', label: peer.label, steps: peer.steps, seconds: peer.seconds, sampleStepsPerSecond: (o.runs * PROMPTS * GROUP_SIZE * peer.steps) / peer.seconds, records: [] });
    notes.push('numpy: scripts/numpy_peer.py, the same GRPO step vectorised over runs (its own random numbers; no exact tree metrics)');
  } else notes.push(`numpy: skipped (${peer.note})`);

  const rate = Object.fromEntries(results.map((m) => [m.id, m.sampleStepsPerSecond]));
  return {
    workload: w,
    machine: host.machine,
    ...(adapter ? { adapter } : {}),
    backends: results.map(({ records, ...m }) => ({
      ...m,
      ratioToCpu: m.sampleStepsPerSecond / cpu.sampleStepsPerSecond,
      ratioTo: Object.fromEntries(Object.entries(rate).map(([id, r]) => [id, m.sampleStepsPerSecond / r])),
      recordCount: records.length,
    })),
    agreement: results
      .filter((m) => m !== cpu && m.records.length > 0)
      .map((m) => ({
        backend: m.id,
        comparedSteps: cpu.steps + 1,
        maxEnsembleDifference: maxDifference(m.records, cpu.records),
        ...(m.backend === 'cpu' ? { identicalRecords: identical(m.records, cpu.records) } : {}),
      })),
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
