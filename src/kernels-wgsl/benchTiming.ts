// One backend timed over some steps, for every bench report (bench.ts, benchMatrix.ts,
// benchScale.ts): one untimed step first (pipelines compile, buffers upload, the JIT warms), then
// the timed steps; wall seconds, the records of all of them, and where the backend reports them
// the GPU time of its training passes (timestamp queries) and its GPU memory. timeOnGpu does it
// for a config on WebGPU and judges the records against the CPU's.
import type { ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import type { Backend, StepRecord } from '../sim/types';
import { createBackend, gpuSupport, type GpuHost } from '.';
import { describeDifferential, judgeRecords } from './differential';

export interface TimedSteps {
  steps: number;
  seconds: number;
  /** The untimed first step's records, then the timed steps'. */
  records: StepRecord[];
  /** GPU time of the training passes over the timed wall time, where the backend measures it. */
  gpuBusyFraction?: number;
  gpuBytes?: number;
}

/** What the webgpu backend reports beyond the Backend interface. */
interface GpuMeasures {
  gpuBusySeconds?: number;
  gpuBytes?: number;
}

export async function timeSteps(backend: Backend, steps: number): Promise<TimedSteps> {
  const gpu = backend as Backend & GpuMeasures;
  const warm = await backend.advance(1);
  const busy0 = gpu.gpuBusySeconds;
  const t0 = performance.now();
  const records = await backend.advance(steps);
  const seconds = (performance.now() - t0) / 1000;
  const busy1 = gpu.gpuBusySeconds;
  return {
    steps,
    seconds,
    records: [...warm, ...records],
    ...(busy0 !== undefined && busy1 !== undefined ? { gpuBusyFraction: (busy1 - busy0) / seconds } : {}),
    ...(gpu.gpuBytes !== undefined ? { gpuBytes: gpu.gpuBytes } : {}),
  };
}

/** A config timed on WebGPU, with the verdict against the CPU's records where there are any. */
export type GpuTiming = { refused: string } | { timed: TimedSteps; label: string; agreement?: { agrees: boolean; verdict: string; worst: Record<string, number> } };

/** A backend's records over `steps` untimed steps, then the backend disposed. */
async function recordsOf(backend: Backend, steps: number): Promise<StepRecord[]> {
  try {
    return await backend.advance(steps);
  } finally {
    backend.dispose();
  }
}

/**
 * `config` on WebGPU through createBackend (so a refusal is gpuSupport's, or why WebGPU did not
 * start), timed like the CPU, then judged against `cpuRecords` of the same steps by the
 * differential fuzzer's judgement.
 */
export async function timeOnGpu(config: ExperimentConfig, steps: number, host: GpuHost, cpuRecords?: StepRecord[]): Promise<GpuTiming> {
  const support = gpuSupport(config);
  if (!support.ok) return { refused: support.reason };
  const { backend, info } = await createBackend(config, host);
  if (backend.name !== 'webgpu') {
    backend.dispose();
    return { refused: info.reason };
  }
  let timed: TimedSteps;
  try {
    timed = await timeSteps(backend, steps);
  } finally {
    backend.dispose();
  }
  if (!cpuRecords) return { timed, label: backend.label };
  const wider = async (runs: number): Promise<[StepRecord[], StepRecord[]]> => {
    const wide = { ...config, runs };
    return [await recordsOf((await createBackend(wide, host)).backend, wide.steps), await recordsOf(new CpuBackend({ ...wide, backend: 'cpu' }), wide.steps)];
  };
  const judged = await judgeRecords(config, timed.records, cpuRecords, wider);
  return { timed, label: backend.label, agreement: { agrees: judged.agrees, verdict: describeDifferential(judged), worst: judged.comparison.worst } };
}
