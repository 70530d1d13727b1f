// Options of the `webgpu` backend and the workgroup size it picks per adapter: shared by the
// backend (webgpuBackend.ts), the GPU ensemble it wraps (gpuEnsemble.ts) and its callers.

export interface WebGpuOptions {
  /** Steps per readback (metric slots per run). Default 16. */
  readbackEvery?: number;
  /** Steps per dispatch; default: as many as keep one submit under SUBMIT_WORK. */
  stepsPerDispatch?: number;
  /** Invocations per workgroup (a power of two, 4–256). Default: workgroupSizeFor the adapter. */
  workgroupSize?: number;
  /** The adapter's name, for the backend badge. */
  adapterName?: string;
  /** Destroy the device on dispose (the factory created it). */
  ownsDevice?: boolean;
  /** How to await a readback; Node passes one that keeps Dawn from spinning a core (nodeGpu.ts). */
  waitForGpu?: GpuWaiter;
}

/** Awaits a promise of the GPU (mapAsync) the way the host prefers. */
export type GpuWaiter = <T>(pending: Promise<T>) => Promise<T>;

/**
 * Invocations per workgroup for an adapter: 64 on GPUs; 16 on a CPU adapter (SIMD width 4,
 * SwiftShader), where a workgroup runs as 4-lane fibres that switch at every barrier and
 * fewer, longer invocations measured 1.8× faster (256 runs of the bench workload, 16 vs 64).
 */
export function workgroupSizeFor(info: Pick<GPUAdapterInfo, 'subgroupMaxSize'> | undefined): number {
  const width = info?.subgroupMaxSize ?? 0;
  return width > 0 && width <= 4 ? 16 : 64;
}
