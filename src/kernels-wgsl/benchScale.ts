// `npm run bench -- --scale` (issue 17): the bench workload (bench.ts benchWorkload: token task,
// 16 prompts × 8 samples, GRPO) at 64, 256, … runs on WebGPU, one device for the whole curve,
// with the CPU backend (one thread) timed over the same steps up to `cpuMaxRuns` and judged
// against the GPU there. Above it the CPU is not run: the point says so, and its ratio is to the
// largest measured CPU rate, marked as extrapolated (the CPU steps its runs one after another,
// so its rate per sample does not grow with runs; the measured points show how flat it is).
import { parseConfig, type ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import { requestLabDevice, type GpuHost } from '.';
import { describeAdapter, webgpuRowName, type AdapterReport } from './adapterKind';
import { benchWorkload, benchWorkloadShape, type BenchReport } from './bench';
import { timeOnGpu, timeSteps } from './benchTiming';

export interface ScaleOptions {
  /** Timed steps per point, after one untimed step. */
  steps: number;
  minRuns: number;
  maxRuns: number;
  /** The largest point the CPU backend is timed at. */
  cpuMaxRuns: number;
  /** Runs grow by this factor from point to point (2 or 4). */
  factor: number;
}

export const DEFAULT_SCALE: ScaleOptions = { steps: 2, minRuns: 64, maxRuns: 16384, cpuMaxRuns: 1024, factor: 4 };

export type ScaleCpu = { measured: true; seconds: number; sampleStepsPerSecond: number } | { measured: false; reason: string };

export interface ScalePoint {
  runs: number;
  cpu: ScaleCpu;
  gpu?: {
    /** "webgpu" or "webgpu (CPU adapter: SwiftShader)". */
    name: string;
    label: string;
    seconds: number;
    sampleStepsPerSecond: number;
    gpuBusyFraction?: number;
    gpuBytesPerRun?: number;
    /** Against this point's CPU rate, or, where the CPU was not run, the rate of the largest point it was (`extrapolatedFrom` runs). */
    ratioToCpu?: number;
    extrapolatedFrom?: number;
    /** Where the CPU ran this point: the differential fuzzer's verdict. */
    agreement?: { agrees: boolean; verdict: string };
  };
  /** Why this point is not on the GPU (the config's limit, gpuSupport, or WebGPU not starting). */
  gpuRefused?: string;
}

export interface ScaleReport {
  /** The workload at its largest point. */
  workload: BenchReport['workload'];
  options: ScaleOptions;
  machine: string;
  adapter?: AdapterReport;
  points: ScalePoint[];
  notes: string[];
}

/** 64, 256, … up to maxRuns. */
export function scaleRuns(o: ScaleOptions): number[] {
  const out: number[] = [];
  for (let runs = o.minRuns; runs <= o.maxRuns; runs *= o.factor) out.push(runs);
  return out;
}

/** The workload at `runs`, or the config's own refusal (the ensemble memory limit) in words. */
function workloadAt(runs: number, steps: number, backend: 'cpu' | 'webgpu'): ExperimentConfig | string {
  const base = benchWorkload({ runs: 1, steps }, backend);
  const r = parseConfig({ ...base, runs });
  return r.ok ? r.config : r.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

async function measurePoint(runs: number, o: ScaleOptions, host: GpuHost, adapter: AdapterReport | undefined, largestCpu: { runs: number; rate: number } | undefined): Promise<ScalePoint> {
  const gpuConfig = workloadAt(runs, o.steps, 'webgpu');
  const cpuConfig = workloadAt(runs, o.steps, 'cpu');
  if (typeof gpuConfig === 'string' || typeof cpuConfig === 'string') {
    const reason = typeof gpuConfig === 'string' ? gpuConfig : (cpuConfig as string);
    return { runs, cpu: { measured: false, reason }, gpuRefused: reason };
  }
  const { prompts, groupSize } = benchWorkloadShape(runs);
  const samplesPerStep = runs * prompts * groupSize;
  let cpu: ScaleCpu = { measured: false, reason: `over --cpu-max-runs ${o.cpuMaxRuns}` };
  let cpuRecords;
  if (runs <= o.cpuMaxRuns) {
    const t = await timeSteps(new CpuBackend(cpuConfig), o.steps);
    cpu = { measured: true, seconds: t.seconds, sampleStepsPerSecond: (samplesPerStep * o.steps) / t.seconds };
    cpuRecords = t.records;
  }
  const r = await timeOnGpu(gpuConfig, o.steps, host, cpuRecords);
  if ('refused' in r) return { runs, cpu, gpuRefused: r.refused };
  const rate = (samplesPerStep * o.steps) / r.timed.seconds;
  const against = cpu.measured ? { ratioToCpu: rate / cpu.sampleStepsPerSecond } : largestCpu ? { ratioToCpu: rate / largestCpu.rate, extrapolatedFrom: largestCpu.runs } : {};
  return {
    runs,
    cpu,
    gpu: {
      name: webgpuRowName(adapter),
      label: r.label,
      seconds: r.timed.seconds,
      sampleStepsPerSecond: rate,
      ...(r.timed.gpuBusyFraction !== undefined ? { gpuBusyFraction: r.timed.gpuBusyFraction } : {}),
      ...(r.timed.gpuBytes !== undefined ? { gpuBytesPerRun: r.timed.gpuBytes / runs } : {}),
      ...against,
      ...(r.agreement ? { agreement: { agrees: r.agreement.agrees, verdict: r.agreement.verdict } } : {}),
    },
  };
}

/** The curve on one device of `host.gpu`; `onPoint` sees each point as it is measured. */
export async function runScale(o: ScaleOptions, host: GpuHost & { machine: string }, onPoint?: (point: ScalePoint) => void): Promise<ScaleReport> {
  const adapter = await describeAdapter(host.gpu);
  const device = host.gpu ? await requestLabDevice(host.gpu) : undefined;
  const points: ScalePoint[] = [];
  let largestCpu: { runs: number; rate: number } | undefined;
  try {
    for (const runs of scaleRuns(o)) {
      const point = await measurePoint(runs, o, { ...host, device }, adapter, largestCpu);
      if (point.cpu.measured) largestCpu = { runs, rate: point.cpu.sampleStepsPerSecond };
      points.push(point);
      onPoint?.(point);
    }
  } finally {
    device?.destroy();
  }
  return {
    workload: benchWorkloadShape(o.maxRuns),
    options: o,
    machine: host.machine,
    ...(adapter ? { adapter } : {}),
    points,
    notes: [
      `each point: 1 untimed step then ${o.steps} timed steps; a sample is one answer of 4 tokens; cpu is the CPU backend on one thread (float64)`,
      `above ${o.cpuMaxRuns} runs the CPU is not run: "vs cpu" there divides by the CPU rate at the largest run count it ran (marked ~), an extrapolation, not a measurement`,
    ],
  };
}
