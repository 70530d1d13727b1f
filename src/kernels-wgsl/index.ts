// Backend choice for tabular configs (design.md "Backends"): `auto` runs on WebGPU when a GPU
// adapter is there and the kernels cover the config, else on the CPU; every choice comes with
// the reason the UI shows next to its badge.
import type { ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import { createCpuBackend } from '../sim/cpuPool';
import type { CpuThreads } from '../sim/cpuShard';
import type { Backend } from '../sim/types';
import { adapterNameOf } from './adapterKind';
import { agreementClaim } from './agreement';
import { gpuSupport } from './train/support';
import { WebGpuBackend } from './webgpuBackend';
import type { GpuWaiter, WebGpuOptions } from './webgpuOptions';
import { batchConfig, cellBatchProblem } from './cellBatch';

export interface BackendInfo {
  name: string;
  label: string;
  reason: string;
}

export interface ChosenBackend {
  backend: Backend;
  info: BackendInfo;
}

export { gpuSupport, WebGpuBackend };

/** The CPU backend, across `threads` where it can; if its workers fail to start, on one thread. */
async function onCpu(config: ExperimentConfig, reason: string, threads?: CpuThreads): Promise<ChosenBackend> {
  let backend: Backend;
  try {
    backend = await createCpuBackend(config, threads);
  } catch (e) {
    backend = new CpuBackend(config);
    reason += `; on one thread (the CPU workers failed to start: ${(e as Error).message})`;
  }
  return { backend, info: { name: backend.name, label: backend.label, reason } };
}

/**
 * Where WebGPU comes from: navigator.gpu, or Node's `webgpu` package with its waiter
 * (cli/nodeGpu.ts); and the workers a CPU backend may split its runs over.
 */
export interface GpuHost {
  gpu?: GPU | null;
  /**
   * A device to run on instead of a new one from `gpu` (the bench matrix: pipelines compile
   * once per device); the backend leaves it alive when disposed.
   */
  device?: GPUDevice;
  waitForGpu?: GpuWaiter;
  cpuThreads?: CpuThreads;
}

/** A device of the high-performance adapter, with timestamp queries where it has them; undefined without an adapter. */
export async function requestLabDevice(gpu: GPU): Promise<GPUDevice | undefined> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return undefined;
  // Timestamp queries time the training passes (the bench's GPU-busy fraction).
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  return adapter.requestDevice({ label: 'Entropy Lab device', requiredFeatures });
}

/**
 * From this many runs `auto` trains exact mode on the GPU in float32: an ensemble (random
 * initial logits) or a sweep's cells. Below, the CPU's float64, the reference, is fast enough.
 */
export const EXACT_ON_GPU_FROM_RUNS = 256;

/** Why a config trains on the CPU whatever GPU there is, or undefined. */
function cpuOnlyReason(config: ExperimentConfig): string | undefined {
  if (config.backend === 'cpu') return 'chosen in the config';
  if (config.backend === 'auto' && config.algorithm.mode === 'exact' && config.runs < EXACT_ON_GPU_FROM_RUNS) {
    return `exact mode with ${config.runs} runs stays on the CPU in float64, the reference (from ${EXACT_ON_GPU_FROM_RUNS} runs, or with backend webgpu, it runs in float32 on the GPU)`;
  }
  const support = gpuSupport(config);
  return support.ok ? undefined : support.reason;
}

/**
 * A sweep's cells as one GPU ensemble (sweepSession.ts BatchBackendFactory) where they differ
 * only in what runs may differ in (cellBatch.ts) and createBackend would put all their runs on
 * the GPU; otherwise undefined, and the sweep goes cell after cell.
 */
export async function createBatchBackend(cells: readonly ExperimentConfig[], { gpu, device: shared, waitForGpu }: GpuHost): Promise<Backend | undefined> {
  if (cells.length < 2 || cellBatchProblem(cells) || cpuOnlyReason(batchConfig(cells)) || cells.some((c) => !gpuSupport(c).ok)) return undefined;
  const device = shared ?? (gpu ? await requestLabDevice(gpu).catch(() => undefined) : undefined);
  if (!device) return undefined;
  try {
    return await WebGpuBackend.createBatch(cells, device, { adapterName: adapterNameOf(device.adapterInfo), ownsDevice: !shared, waitForGpu });
  } catch {
    if (!shared) device.destroy();
    return undefined;
  }
}

/**
 * The backend for a tabular config. `gpu` is navigator.gpu (or the Node `webgpu` package's
 * GPU object), absent where there is none. Never throws for a missing or failing GPU: it falls
 * back to the CPU and says why.
 */
export async function createBackend(config: ExperimentConfig, { gpu, device: shared, waitForGpu, cpuThreads }: GpuHost): Promise<ChosenBackend> {
  const cpuOnly = cpuOnlyReason(config);
  if (cpuOnly) return onCpu(config, cpuOnly, cpuThreads);
  if (shared) return onGpu(config, shared, { adapterName: adapterNameOf(shared.adapterInfo), ownsDevice: false, waitForGpu }, cpuThreads);
  if (!gpu) return onCpu(config, 'no WebGPU here (navigator.gpu is missing: it needs a recent browser and a secure page, https or localhost)', cpuThreads);
  try {
    const device = await requestLabDevice(gpu);
    if (!device) return onCpu(config, 'WebGPU is there but offered no GPU adapter', cpuThreads);
    return await onGpu(config, device, { adapterName: adapterNameOf(device.adapterInfo), ownsDevice: true, waitForGpu }, cpuThreads);
  } catch (e) {
    return onCpu(config, `WebGPU failed to start (${(e as Error).message})`, cpuThreads);
  }
}

async function onGpu(config: ExperimentConfig, device: GPUDevice, opts: WebGpuOptions, cpuThreads?: CpuThreads): Promise<ChosenBackend> {
  try {
    const backend = await WebGpuBackend.create(config, device, opts);
    return { backend, info: { name: backend.name, label: backend.label, reason: `${config.runs} runs in parallel on the GPU (${agreementClaim(config).text})` } };
  } catch (e) {
    return onCpu(config, `WebGPU failed to start (${(e as Error).message})`, cpuThreads);
  }
}
